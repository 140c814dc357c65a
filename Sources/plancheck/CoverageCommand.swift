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
        abstract: say("Measure how much of a city document the rules check: its commitments, checked or not.", "衡量规则检查了市级文件的多少内容：其中的承诺哪些已检查、哪些没有。"),
        discussion: say("""
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
        """, """
        读取市级文件，逐个分句找出其中的承诺（docs/coverage.md）：带有规划期数字的分句（过五百亿元、\
        50强、千亿台阶），“…”或《…》中的每个名称，用数字或 + 写的每项工程（“3+3+2”），带约束性词语的\
        每个分句（确保、坚决、严格、守住、坚守、不发生、严禁、红线、底线）。回顾和背景部分（成就、回顾、\
        发展环境、基础条件……，与 check 的判断相同）不含承诺。

        引用某条目的目标，其条款在一项承诺中找到所用词语的别名，该承诺即为已检查；只是一个数字的承诺，\
        只有有目标（target）比对时才算已检查。报告按部分和全文给出承诺数、已检查数、有目标比对的数字数，\
        并列出每项未检查的承诺及其行号；然后列出引文不在文件中、或不含目标所要求词语的目标。

        无法按文字检查的承诺（区县照抄的中央表述、市里对自身位置的判断）在规则中写明理由后列为不可检查：\
        uncheckable "…" { cite 建议 item 3 "…" }。这些承诺单独计数，不计入百分比；报告列出每条理由，\
        以及没有排除任何承诺、或排除了有规则检查的承诺的 uncheckable 引文。

        示例：
          plancheck rules coverage Rules/zhuzhou/15th --source Samples/zhuzhou-15th-plan-proposal-2025.txt
          plancheck rules coverage Rules/zhuzhou/15th --source 建议.txt --format json > coverage.json
          plancheck rules coverage Rules/zhuzhou/15th --source 建议.txt --fail-under 90
          plancheck rules coverage Rules/zhuzhou/15th --source 建议.txt --format html --output coverage.html

        目标的 cite 写明该文件时才计入：用标题（cite "中共株洲市委关于…的建议"），或用规则集给它的简称\
        （cite 建议 …）——简称从标题找出，或用 --cite 给出。

        退出码：0 覆盖率不低于 --fail-under（默认 0）；1 低于它；2 规则有错误、文件无法读取，或没有目标引用它。
        """)
    )

    @Argument(help: ArgumentHelp(say("The rule file or folder.", "规则文件或文件夹。"), valueName: "rules"))
    var rules: String

    @Option(help: ArgumentHelp(say("The city document the rules cite (text, plan XML, XML, HTML or .docx).", "规则所引用的市级文件（文本、plan XML、XML、HTML 或 .docx）。"), valueName: "city-doc"))
    var source: String

    @Option(help: ArgumentHelp(say("The short name goals cite the document by (default: the source whose title is the document's).", "目标引用该文件时用的简称（默认：标题与该文件相同的 source）。"),
                               valueName: "name"))
    var cite: String?

    @Option(help: ArgumentHelp(say("text, json, or html: the city document with each commitment marked by state.", "text、json 或 html：html 是标出每项承诺状态的市级文件原文。"), valueName: "format"))
    var format: CoverageFormat = .text

    @Option(help: ArgumentHelp(say("Write the report to this file, atomically, instead of standard output.", "把报告原子写入这个文件，而不是标准输出。"), valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp(say("Exit with status 1 when fewer than this percentage of the commitments are checked.", "已检查的承诺低于这个百分比时以 1 退出。"), valueName: "percent"))
    var failUnder: Double = 0

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp(say("The language of the text report and of the HTML page (which carries both, with a switch): zh (简体中文) or en. Default: PLANCHECK_LANG, else the rule set's `language`, else the locale.", "文本报告和 HTML 网页（带两种语言，可切换）的语言：zh（简体中文）或 en。默认：PLANCHECK_LANG，其次规则集的 `language`，再次系统区域设置。"),
                               valueName: "zh|en"))
    var lang: Language?

    enum CoverageFormat: String, ExpressibleByArgument, CaseIterable { case text, json, html }

    func validate() throws {
        guard failUnder >= 0, failUnder <= 100 else { throw ValidationError(say("--fail-under takes a percentage from 0 to 100", "--fail-under 要给出 0 到 100 之间的百分比")) }
        try input.check()
    }

    func run() throws {
        let (loaded, engine) = try compiledRules(rules, lang: lang)
        let options = try input.readOptions()
        let doc: PlanDocument
        do { doc = try PlanReader.read(path: source, options: options) } catch { throw InputError(error) }

        let sources = loaded.ruleSet.header?.sources ?? []
        let short = cite ?? shortName(for: doc, sources: sources)
        if let cite, !sources.contains(where: { $0.name?.value == cite }) {
            let known = sources.compactMap(\.name?.value)
            let list = known.joined(separator: ", ")
            throw InputError(LocalizedText(en: "--cite \(cite): the rules name no such source" + (known.isEmpty ? "" : "; their sources: \(list)"),
                                           zh: "--cite \(cite)：规则中没有这个来源" + (known.isEmpty ? "" : "；规则中的来源：\(list)")))
        }
        let cites = Self.cites(short: short, title: doc.title)
        let citing = engine.goalsCiting(cites).count
        guard citing > 0 else {
            let what = doc.title.map { "《\($0)》" } ?? source
            throw InputError(LocalizedText(en: "\(source): no goal in \(rules) cites \(what); name the source the goals cite with --cite NAME",
                                           zh: "\(source)：\(rules) 中没有目标引用\(what)；请用 --cite NAME 指明目标所引用的来源"))
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
            do { try OutputSet.write(data, to: output) } catch { throw InputError(error) }
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
