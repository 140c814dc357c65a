import ArgumentParser
import Reports

/// The `plancheck` command: checks district plans against city goals written as rules.
struct PlanCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plancheck",
        abstract: say("Check a district development plan against the goals of the city above it.", "检查区县发展规划是否衔接上级（市级）的目标。"),
        discussion: say("""
        plancheck reads Chinese development plans (text in UTF-8, UTF-16 or GB18030; plan XML, other XML, \
        HTML and .docx) and checks them against city goals written as rules:

          plancheck check Samples/hetang-14th-five-year-plan.txt
          plancheck check draft.docx --rules Rules/zhuzhou/14th --html report.html
          plancheck outline Samples/hetang-14th-five-year-plan.txt

        The first checks against the bundled 十五五 rules; outline shows what the reader understood.

        Rule authors check, format and test their rules, and draft new ones from a city document:

          plancheck rules lint Rules/zhuzhou/15th
          plancheck rules test Rules/zhuzhou
          plancheck extract city-proposal.txt --output draft.rules

        Exit codes: 0 clean, 1 findings or warnings at the level asked for, 2 bad usage or unreadable input.
        Run 'plancheck help <subcommand>' for each command's options and examples.
        """, """
        plancheck 读取中文发展规划（UTF-8、UTF-16 或 GB18030 文本；plan XML、其他 XML、HTML 和 .docx），\
        对照写成规则的市级目标进行检查：

          plancheck check Samples/hetang-14th-five-year-plan.txt
          plancheck check draft.docx --rules Rules/zhuzhou/14th --html report.html
          plancheck outline Samples/hetang-14th-five-year-plan.txt

        第一条用内置的“十五五”规则检查；outline 显示读取器读出的结构。

        规则编写者可以检查、格式化、测试规则，并从市级文件起草新规则：

          plancheck rules lint Rules/zhuzhou/15th
          plancheck rules test Rules/zhuzhou
          plancheck extract city-proposal.txt --output draft.rules

        退出码：0 没有问题；1 有所要求级别的问题或警告；2 用法错误或输入无法读取。
        运行 'plancheck help <子命令>' 查看各命令的选项和示例。
        """),
        version: ToolVersion.current,
        subcommands: [CheckCommand.self, OutlineCommand.self, Rules.self, ExtractCommand.self]
    )
}
