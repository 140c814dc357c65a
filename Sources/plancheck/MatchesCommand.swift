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
        abstract: "List every match of the rules' aliases in plans, in context, grouped by alias.",
        discussion: """
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
        """
    )

    @Argument(help: ArgumentHelp("The rule file or folder.", valueName: "rules"))
    var rules: String

    @Argument(help: ArgumentHelp("Plan files (text, plan XML, XML, HTML or .docx).", valueName: "plan"))
    var plans: [String] = []

    @Option(help: ArgumentHelp("Only this term's aliases: a term's name, a quoted phrase a clause uses, or one of a term's aliases.",
                               valueName: "name"))
    var term: String?

    @Option(help: ArgumentHelp("Only the aliases of the terms this goal's clauses use.", valueName: "id"))
    var goal: String?

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The language of the report: zh (简体中文) or en. Default: PLANCHECK_LANG, else the rule set's `language`, else the locale.",
                               valueName: "zh|en"))
    var lang: Language?

    func validate() throws {
        if plans.isEmpty { throw ValidationError("Name at least one plan file, e.g. plancheck rules matches Rules/zhuzhou/14th plan.txt") }
        if term != nil && goal != nil { throw ValidationError("Give --term or --goal, not both") }
        try input.check()
    }

    func run() throws {
        let (loaded, engine) = try compiledRules(rules)
        let language = try resolveLanguage(lang, declared: loaded.ruleSet.language)
        var selected: [Int]?
        if let term {
            selected = engine.termIDs(named: term)
            if selected?.isEmpty == true { throw InputError("\(rules): no goal or retirement uses a term named \(term), nor a term with that alias") }
        }
        if let goal {
            selected = engine.termIDs(ofGoal: goal)
            if selected?.isEmpty == true { throw InputError("\(rules): no goal \(goal), or it names no term") }
        }
        let options = try input.readOptions()
        var found: [(doc: PlanDocument, matches: [AliasMatch])] = []
        for path in plans {
            let doc: PlanDocument
            do { doc = try PlanReader.read(path: path, options: options) } catch { throw InputError(error.description) }
            found.append((doc, engine.aliasMatches(in: doc, terms: selected)))
        }
        let report = MatchesReport(matches: found)
        print(report.text(language: language), terminator: "")
        if report.groups.isEmpty { throw ExitCode(RulesExit.findings) }
    }
}
