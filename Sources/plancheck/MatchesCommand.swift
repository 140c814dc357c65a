import Alignment
import ArgumentParser
import DocumentModel
import Foundation
import Localization
import Reports
import RuleLanguage

/// `plancheck rules matches RULES PLAN…`: every match of every alias, in context, to find false friends.
struct RulesMatches: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matches",
        abstract: say("List every match of the rules' aliases in plans, in context, grouped by alias.", "列出规则中各别名在规划里的每一处匹配及其上下文，按别名分组。"),
        discussion: say("""
        For each alias of the chosen terms (all the terms the rules use, or those of --term or --goal), \
        every place it occurs in the plans: file, line and column, the sentence around it with the match \
        in 【】, the longer word around it (up to four characters on each side), and how firmly the sentence \
        commits to it (as check classes it). Matches inside one of the term's exclusions are listed too, \
        marked, since they do not count. A false friend shows at a glance: 孵化基地 in 社会组织孵化基地, \
        对外开放 in 社会厕所对外开放40座; add an exclusion or a longer alias (docs/rule-language.md).

        Examples:
          plancheck rules matches Rules/zhuzhou/15th Samples/hetang-14th-five-year-plan.txt --term 孵化基地
          plancheck rules matches Rules/zhuzhou/15th Samples/hetang-14th-five-year-plan.txt --goal 6.3

          成果转化 — “孵化基地”: 3 matches
            Samples/hetang-14th-five-year-plan.txt:429:178  …纵深发展,加强“社会组织【孵化基地】”建设,加大对社会组织的…  \
        [社会组织孵化基地; committed with a commitment verb; excluded by “社会组织孵化基地”]

        Exit status: 0 when there are matches; 1 when the chosen terms occur nowhere; 2 when the rules have \
        errors, a plan cannot be read, or no term or goal has that name.
        """, """
        对所选词语的每个别名（规则用到的全部词语，或 --term、--goal 指定的词语），列出它在规划中出现的\
        每一处：文件、行号和列号，其所在句子（匹配处用【】标出），包住它的更长的词（两边各至多四个字），\
        以及该句对它的承诺程度（与 check 的归类相同）。落在该词语排除项中的匹配也会列出并加以标记，\
        因为它们不计入。误匹配一眼可见：社会组织孵化基地 中的 孵化基地，社会厕所对外开放40座 中的 对外开放；\
        可以加一条排除项或更长的别名（docs/rule-language.md）。

        示例：
          plancheck rules matches Rules/zhuzhou/15th Samples/hetang-14th-five-year-plan.txt --term 孵化基地
          plancheck rules matches Rules/zhuzhou/15th Samples/hetang-14th-five-year-plan.txt --goal 6.3

        退出码：0 有匹配；1 所选词语在哪里都没有出现；2 规则有错误、规划无法读取，或没有这个名称的词语或目标。
        """)
    )

    @Argument(help: ArgumentHelp(say("The rule file or folder.", "规则文件或文件夹。"), valueName: "rules"))
    var rules: String

    @Argument(help: ArgumentHelp(say("Plan files (text, plan XML, XML, HTML or .docx).", "规划文件（文本、plan XML、XML、HTML 或 .docx）。"), valueName: "plan"))
    var plans: [String] = []

    @Option(help: ArgumentHelp(say("Only this term's aliases: a term's name, a quoted phrase a clause uses, or one of a term's aliases.", "只看这个词语的别名：词语名、条款中引用的短语，或词语的某个别名。"),
                               valueName: "name"))
    var term: String?

    @Option(help: ArgumentHelp(say("Only the aliases of the terms this goal's clauses use.", "只看这个目标的条款所用词语的别名。"), valueName: "id"))
    var goal: String?

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp(say("The language of the report: zh (简体中文) or en. Default: PLANCHECK_LANG, else the rule set's `language`, else the locale.", "报告的语言：zh（简体中文）或 en。默认：PLANCHECK_LANG，其次规则集的 `language`，再次系统区域设置。"),
                               valueName: "zh|en"))
    var lang: Language?

    func validate() throws {
        if plans.isEmpty { throw ValidationError(say("Name at least one plan file, e.g. plancheck rules matches Rules/zhuzhou/14th plan.txt", "请至少给出一个规划文件，如 plancheck rules matches Rules/zhuzhou/14th plan.txt")) }
        if term != nil && goal != nil { throw ValidationError(say("Give --term or --goal, not both", "--term 和 --goal 只能给出一个")) }
        try input.check()
    }

    func run() throws {
        let (loaded, engine) = try compiledRules(rules, lang: lang)
        let language = try resolveLanguage(lang, declared: loaded.ruleSet.language)
        var selected: [Int]?
        if let term {
            selected = engine.termIDs(named: term)
            if selected?.isEmpty == true {
                throw InputError(LocalizedText(en: "\(rules): no goal or retirement uses a term named \(term), nor a term with that alias",
                                               zh: "\(rules)：没有目标或停用表述用到名为 \(term) 的术语，也没有以它为别名的术语"))
            }
        }
        if let goal {
            selected = engine.termIDs(ofGoal: goal)
            if selected?.isEmpty == true {
                throw InputError(LocalizedText(en: "\(rules): no goal \(goal), or it names no term", zh: "\(rules)：没有目标 \(goal)，或该目标未用到术语"))
            }
        }
        let options = try input.readOptions()
        var found: [(doc: PlanDocument, matches: [AliasMatch])] = []
        for path in plans {
            let doc: PlanDocument
            do { doc = try PlanReader.read(path: path, options: options) } catch { throw InputError(error) }
            found.append((doc, engine.aliasMatches(in: doc, terms: selected)))
        }
        let report = MatchesReport(matches: found)
        print(report.text(language: language), terminator: "")
        if report.groups.isEmpty { throw ExitCode(RulesExit.findings) }
    }
}
