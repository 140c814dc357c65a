import Alignment
import ArgumentParser
import DocumentModel
import Foundation
import Localization
import Reports
import RuleLanguage

/// `plancheck rules coverage RULES --source CITY-DOC`: how much of the city document the rules check.
struct RulesCoverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Measure how much of a city document the rules check: its commitments, checked or not.",
        discussion: """
        Reads the city document and finds its commitments, clause by clause (docs/coverage.md): each \
        clause with a figure of the plan period (过五百亿元, 50强, 千亿台阶), each name in “…” or 《…》, each \
        programme written with digits or + (“3+3+2”), each clause with a binding word (确保, 坚决, 严格, \
        守住, 坚守, 不发生, 严禁, 红线, 底线). Review and background sections (成就, 回顾, 发展环境, 基础条件…, as check finds them) hold none.

        A commitment is checked when a clause of a goal citing its item finds one of its terms' aliases \
        in it; a commitment that is only a figure counts as checked only when a target compares it. The \
        report gives, per part and overall, the commitments, how many are checked, how many figures a \
        target compares, and lists each unchecked commitment with its line; then each goal whose cite \
        quotation is not in the document, or holds none of the terms the goal requires.

        A commitment no rule can check by text (the central line a district copies, the city's view of \
        where it stands) is set aside in the rules with its reason: uncheckable "…" { cite 建议 item 3 "…" }. \
        It is counted apart and left out of the percentage; the report lists each reason, and each \
        uncheckable citation that sets nothing aside or covers a commitment a rule checks.

        Examples:
          plancheck rules coverage Rules/zhuzhou/15th --source Samples/zhuzhou-15th-plan-proposal-2025.txt
          plancheck rules coverage Rules/zhuzhou/15th --source 建议.txt --format json > coverage.json
          plancheck rules coverage Rules/zhuzhou/15th --source 建议.txt --fail-under 90
          plancheck rules coverage Rules/zhuzhou/15th --source 建议.txt --format html --output coverage.html

        Goals count when their cite names the document: by its title (cite "中共株洲市委关于…的建议"), or by \
        the short name the rule set gives it (cite 建议 …) — found from the title, or given with --cite.

        Exit status: 0 when the coverage is at least --fail-under (default 0); 1 when it is below; 2 when \
        the rules have errors, the document cannot be read, or no goal cites it.
        """
    )

    @Argument(help: ArgumentHelp("The rule file or folder.", valueName: "rules"))
    var rules: String

    @Option(help: ArgumentHelp("The city document the rules cite (text, plan XML, XML, HTML or .docx).", valueName: "city-doc"))
    var source: String

    @Option(help: ArgumentHelp("The short name goals cite the document by (default: the source whose title is the document's).",
                               valueName: "name"))
    var cite: String?

    @Option(help: ArgumentHelp("text, json, or html: the city document with each commitment marked by state.", valueName: "format"))
    var format: CoverageFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file, atomically, instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Exit with status 1 when fewer than this percentage of the commitments are checked.", valueName: "percent"))
    var failUnder: Double = 0

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The language of the text report and of the HTML page (which carries both, with a switch): zh (简体中文) or en. Default: PLANCHECK_LANG, else the rule set's `language`, else the locale.",
                               valueName: "zh|en"))
    var lang: Language?

    enum CoverageFormat: String, ExpressibleByArgument, CaseIterable { case text, json, html }

    func validate() throws {
        guard failUnder >= 0, failUnder <= 100 else { throw ValidationError("--fail-under takes a percentage from 0 to 100") }
        try input.check()
    }

    func run() throws {
        let (loaded, engine) = try compiledRules(rules)
        let options = try input.readOptions()
        let doc: PlanDocument
        do { doc = try PlanReader.read(path: source, options: options) } catch { throw InputError(error.description) }

        let sources = loaded.ruleSet.header?.sources ?? []
        let short = cite ?? shortName(for: doc, sources: sources)
        if let cite, !sources.contains(where: { $0.name?.value == cite }) {
            let known = sources.compactMap(\.name?.value)
            throw InputError("--cite \(cite): the rules name no such source" + (known.isEmpty ? "" : "; their sources: \(known.joined(separator: ", "))"))
        }
        let cites = Self.cites(short: short, title: doc.title)
        let citing = engine.goalsCiting(cites).count
        guard citing > 0 else {
            let what = doc.title.map { "《\($0)》" } ?? source
            throw InputError("\(source): no goal in \(rules) cites \(what); name the source the goals cite with --cite NAME")
        }
        let coverage = engine.coverage(of: doc, commitments: CommitmentFinder.find(in: doc), cites: cites)
        let problems = engine.citationProblems(in: doc, cites: cites) + engine.uncheckableProblems(in: doc, coverage: coverage, cites: cites)
        let report = CoverageReport(source: source, sourceTitle: doc.title, rules: rules, citingGoals: citing, coverage: coverage,
                                    citationProblems: problems)
        let data: Data
        let language = try resolveLanguage(lang, declared: loaded.ruleSet.language)
        switch format {
        case .text: data = Data(report.text(language: language).utf8)
        case .json: data = report.json()
        case .html: data = Data(CoverageHTML(report: report, document: doc, coverage: coverage, language: language).render().utf8)
        }
        if let output {
            do { try OutputSet.write(data, to: output) } catch { throw InputError(error.description) }
        } else {
            FileHandle.standardOutput.write(data)
        }
        if report.total.percent < failUnder {
            printError(String(format: "coverage %.1f%% is below --fail-under %g%%\n", report.total.percent, failUnder))
            throw ExitCode(RulesExit.findings)
        }
    }

    /// Whether a citation names the document: by the short name its rules give it, or by its title (compared
    /// without spaces, as section patterns see headings).
    static func cites(short: String?, title: String?) -> (CitationInfo) -> Bool {
        let title = title.map(SectionPattern.normalizeHeading)
        return { c in (short != nil && c.short == short) || (title != nil && SectionPattern.normalizeHeading(c.document) == title) }
    }

    /// The short name of the header's source whose title is the document's, if any.
    private func shortName(for doc: PlanDocument, sources: [Source]) -> String? {
        guard let title = doc.title.map(SectionPattern.normalizeHeading) else { return nil }
        return sources.first { SectionPattern.normalizeHeading($0.title.value) == title }?.name?.value
    }
}
