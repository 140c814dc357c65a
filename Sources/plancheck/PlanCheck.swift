import ArgumentParser

/// The `plancheck` command: checks district plans against city goals written as rules.
struct PlanCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plancheck",
        abstract: "Check a district development plan against the goals of the city above it.",
        discussion: """
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
        """,
        subcommands: [CheckCommand.self, OutlineCommand.self, Rules.self, ExtractCommand.self]
    )
}
