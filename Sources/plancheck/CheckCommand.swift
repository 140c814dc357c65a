import ArgumentParser
import DocumentModel
import Foundation
import Localization
import PlancheckKit
import Reports
import RuleLanguage

/// `plancheck check`: the main job — does each plan carry the city's goals?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: say("Check plans against city goals: what is covered, weak, missing, conflicting or outdated.", "对照市级目标检查规划：哪些已衔接、表述偏弱、缺失、不一致或使用了过时表述。"),
        discussion: say("""
        For every goal of the rule set, decides whether each plan carries it — covered (committed to with a \
        quantity, a deadline or a commitment verb), weak (mentioned only in passing, in the review of the \
        past, in the vision beyond the period or in the glossary), missing, conflicting (committed to less \
        than the city asks, later, or in the wrong unit) — \
        and reports every retired term the plan still uses (outdated). Each finding points at the line and \
        heading of the plan and cites the city sentence it answers to. A goal written for some places only \
        (applies 醴陵市, 攸县) is not applicable to a plan of another district, read from the plan's title \
        (株洲市荷塘区…纲要 → 荷塘区) or given with --district, and is left out of coverage.

        With no --rules, the bundled rule set for the newest city plan is used (\(BundledRules.defaultName)).

        Examples:
          plancheck check Samples/hetang-14th-five-year-plan.txt
          plancheck check draft.txt --rules Rules/zhuzhou/14th --fail-on warning
          plancheck check draft.txt --format json,sarif,junit --output-dir reports/
          plancheck check districts/*.txt --html districts.html       # nine districts, one goals × plans page
          plancheck check draft.txt --waivers waivers.txt --baseline reports/plancheck.json
          plancheck check draft.txt --explain 5.2
          plancheck check 醴陵市纲要（草案）.docx --district 醴陵市
          plancheck check draft.txt --lang zh                         # the summary in 简体中文

        Exit codes: 0 no gap at or above --fail-on; 1 gaps at or above it, or an expired waiver; 2 bad usage, \
        unreadable plan or rules with errors.
        """, """
        对规则集中的每个目标，判断每个规划是否衔接——已衔接（以数量、期限或落实性动词作出承诺）、\
        表述偏弱（只是顺带提及，或只出现在发展回顾、规划期以后的远景或名词解释中）、缺失、不一致\
        （承诺低于上级要求、年份更晚或单位不符）——并报告规划仍在使用的每个停用表述（过时表述）。\
        每条检查结果都指出规划中的行和标题，并引用它所对应的上级原句。只适用于部分地方的目标\
        （applies 醴陵市, 攸县）对其他地区的规划不适用，不计入衔接率；规划所属地区从标题读出\
        （株洲市荷塘区…纲要 → 荷塘区），或用 --district 给出。

        不给 --rules 时，使用最新市级规划的内置规则集（\(BundledRules.defaultName)）。

        示例：
          plancheck check Samples/hetang-14th-five-year-plan.txt
          plancheck check draft.txt --rules Rules/zhuzhou/14th --fail-on warning
          plancheck check draft.txt --format json,sarif,junit --output-dir reports/
          plancheck check districts/*.txt --html districts.html       # 九个区县，一页目标 × 规划
          plancheck check draft.txt --waivers waivers.txt --baseline reports/plancheck.json
          plancheck check draft.txt --explain 5.2
          plancheck check 醴陵市纲要（草案）.docx --district 醴陵市
          plancheck check draft.txt --lang en                         # 用英文输出

        退出码：0 没有达到 --fail-on 级别的问题；1 有达到该级别的问题，或有豁免已过期；2 用法错误、\
        规划无法读取或规则有错误。
        """)
    )

    @Argument(help: ArgumentHelp(say("Plan files to check: text, plan XML or other XML, HTML, .docx.", "要检查的规划文件：文本、plan XML 或其他 XML、HTML、.docx。"), valueName: "plan"))
    var plans: [String]

    @OptionGroup(title: "Reading plans") var input: InputOptions

    @Option(help: ArgumentHelp(say("A rule file or folder of .rules files (default: the bundled \(BundledRules.defaultName)).", "规则文件，或放 .rules 文件的文件夹（默认：内置的 \(BundledRules.defaultName)）。"), valueName: "path"))
    var rules: String?

    @Option(help: ArgumentHelp(say("Only the goals of this profile of the rule set (e.g. draft).", "只检查规则集中这个 profile 的目标（如 draft）。")))
    var profile: String?

    @Option(help: ArgumentHelp(say("The district every plan is for (醴陵市, 攸县), when its title does not say: goals for other places are not applicable.", "规划所属的地区（醴陵市、攸县），在标题没有写明时给出：适用于其他地方的目标记为不适用。"), valueName: "name"))
    var district: String?

    @Option(help: ArgumentHelp(say("Report formats, comma-separated: text, json, html, sarif, junit, markdown. Several need --output-dir.", "报告格式，用逗号分隔：text、json、html、sarif、junit、markdown。多种格式需要 --output-dir。"), valueName: "formats"))
    var format: FormatList = FormatList(formats: [.text])

    @Option(help: ArgumentHelp(say("Write the report to this file (one format; written atomically). The summary still goes to the terminal.", "把报告写到这个文件（一种格式；原子写入）。概况仍显示在终端。"), valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp(say("Write every format asked for into this folder (plancheck.json, plancheck.sarif, …); created if missing.", "把所要的每种格式写到这个文件夹（plancheck.json、plancheck.sarif……）；没有则新建。"), valueName: "dir"))
    var outputDir: String?

    @Option(help: ArgumentHelp(say("Also write the JSON report to this file.", "同时把 JSON 报告写到这个文件。"), valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp(say("Also write the HTML report to this file: one self-contained page to send around (dated only when SOURCE_DATE_EPOCH is set).", "同时把 HTML 报告写到这个文件：一个可直接转发的独立网页（只有设置了 SOURCE_DATE_EPOCH 才写日期）。"), valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp(say("Also write a SARIF 2.1.0 report to this file (code-scanning services).", "同时把 SARIF 2.1.0 报告写到这个文件（供代码扫描服务读取）。"), valueName: "file"))
    var sarif: String?

    @Option(help: ArgumentHelp(say("Also write JUnit XML to this file (one test case per goal per plan).", "同时把 JUnit XML 写到这个文件（每个规划的每个目标一个测试用例）。"), valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp(say("Also write a Markdown summary to this file (for a pull-request comment).", "同时把 Markdown 摘要写到这个文件（用于合并请求的评论）。"), valueName: "file"))
    var markdown: String?

    @Option(help: ArgumentHelp(say("Gaps accepted on purpose: lines like  waive 5.5 in \"plan.txt\" until 2026-06-30 because \"…\"", "有意接受的问题（豁免）：每行形如  waive 5.5 in \"plan.txt\" until 2026-06-30 because \"…\""), valueName: "file"))
    var waivers: String?

    @Option(help: ArgumentHelp(say("A JSON report of an earlier run: report only what is new since, and what was fixed.", "之前一次运行的 JSON 报告：只报告此后新增的问题，以及已解决的问题。"), valueName: "report.json"))
    var baseline: String?

    @Option(help: ArgumentHelp(say("The date waivers are checked against, YYYY-MM-DD (default: today).", "核对豁免期限所用的日期，YYYY-MM-DD（默认：今天）。"), valueName: "date"))
    var today: String?

    @Option(help: ArgumentHelp(say("Exit 1 when there are gaps of this severity or worse: error, warning, or never.", "有这一严重程度及以上的问题时以 1 退出：error、warning 或 never。")))
    var failOn: FailLevel = .error

    @Option(help: ArgumentHelp(say("Explain how one goal got its status: terms found, sentences classed, values compared.", "解释一个目标的状态是怎样得出的：找到的词语、句子的归类、比较的数值。"), valueName: "goal-id"))
    var explain: String?

    @Option(help: ArgumentHelp(say("Gaps listed per plan in the terminal (0: all).", "终端中每个规划列出的问题数（0：全部）。")))
    var limit: Int = 15

    @Option(help: ArgumentHelp(say("Color in the terminal: auto, always or never (NO_COLOR is honoured).", "终端颜色：auto、always 或 never（遵从 NO_COLOR）。")))
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp(say("The language people read: zh (简体中文) or en, for the summary and every report (the HTML page opens in it and carries both). Default: PLANCHECK_LANG, else the rule set's `language`, else the locale.", "输出语言：zh（简体中文）或 en，用于概况和所有报告（HTML 网页以它打开，并带两种语言）。默认：PLANCHECK_LANG，其次规则集的 `language`，再次系统区域设置。"),
                               valueName: "zh|en"))
    var lang: Language?

    func validate() throws {
        if plans.isEmpty { throw ValidationError(say("Name at least one plan file, e.g. plancheck check plan.txt", "请至少给出一个规划文件，如 plancheck check plan.txt")) }
        if limit < 0 { throw ValidationError(say("--limit must be 0 (all) or more", "--limit 必须是 0（全部）或更大的数")) }
        if let d = district, d.allSatisfy(\.isWhitespace) { throw ValidationError(say("--district takes a district's name, e.g. --district 醴陵市", "--district 要给出地区名称，如 --district 醴陵市")) }
        try input.check()
    }

    func run() throws {
        let request = try self.request()
        let outcome: CheckOutcome
        do { outcome = try CheckRunner(request).run() } catch {
            if let details = error.details { FileHandle.standardError.write(Data(details.utf8)) }
            throw InputError(error.text, language: error.language)
        }
        if outcome.failed { throw ExitCode(outcome.exitCode) }
    }

    /// The check the flags ask for.
    func request() throws -> CheckRequest {
        let generatedAt = try Self.generationTime()   // a bad value stops the run before any work
        let readOptions = try input.readOptions()
        // The terminal summary, unless --explain alone was asked for.
        let summary = explain == nil || output != nil || outputDir != nil
            ? SummaryRequest(color: color.enabled, limit: limit) : nil
        return CheckRequest(rules: rules.map(RuleSource.path) ?? .bundled(BundledRules.defaultName), profile: profile,
                            plans: plans, readOptions: readOptions, district: district, waivers: waivers,
                            baseline: baseline, today: today, reports: try outputs(),
                            reportOptions: ReportOptions(failOn: failOn.severity, generatedAt: generatedAt),
                            summary: summary, failOn: failOn.severity, explain: explain, language: lang)
    }

    /// Where each report goes: a file, or standard output.
    func outputs() throws -> [ReportRequest] {
        var out: [ReportRequest] = []
        for (fmt, path) in [(ReportFormat.json, json), (.html, html), (.sarif, sarif), (.junit, junit), (.markdown, markdown)] {
            if let path { out.append(ReportRequest(fmt, to: .file(path))) }
        }
        let asked = format.formats
        if let dir = outputDir {
            for fmt in asked {
                out.append(ReportRequest(fmt, to: .file((dir as NSString).appendingPathComponent("plancheck." + fmt.fileExtension))))
            }
        } else if let output {
            guard asked.count == 1 else {
                throw ValidationError(say("--output takes one format; for several, use --output-dir DIR (or --json/--html/--sarif/--junit/--markdown FILE)", "--output 只能写一种格式；多种格式请用 --output-dir DIR（或分别用 --json/--html/--sarif/--junit/--markdown FILE）"))
            }
            out.append(ReportRequest(asked[0], to: .file(output)))
        } else {
            let files = asked.filter { $0 != .text }
            if files.count > 1 {
                throw ValidationError(say("several formats need --output-dir DIR (or --json/--html/--sarif/--junit/--markdown FILE each)", "多种格式需要 --output-dir DIR（或分别用 --json/--html/--sarif/--junit/--markdown FILE）"))
            }
            if let only = files.first { out.append(ReportRequest(only, to: .standardOutput)) }
        }
        return out
    }

    /// The time the HTML page says it was made: only the one `SOURCE_DATE_EPOCH` gives (seconds since 1970, as
    /// reproducible builds set it), so that by default the same check writes the same bytes.
    static func generationTime() throws -> Date? {
        guard let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int64(value), seconds >= 0, seconds < 253_402_300_800 else {   // before the year 10000
            throw InputError(LocalizedText(en: "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not \"\(value)\"",
                                           zh: "SOURCE_DATE_EPOCH 必须是自 1970-01-01 UTC 起的整秒数，而不是“\(value)”"))
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// `--format json,sarif`: one or more report formats.
struct FormatList: ExpressibleByArgument {
    var formats: [ReportFormat]

    init(formats: [ReportFormat]) { self.formats = formats }

    init?(argument: String) {
        var list: [ReportFormat] = []
        for part in argument.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let f = ReportFormat(rawValue: name == "md" ? "markdown" : name) else { return nil }
            if !list.contains(f) { list.append(f) }
        }
        guard !list.isEmpty else { return nil }
        formats = list
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
}

enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, never

    var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            if env["NO_COLOR"] != nil || env["TERM"] == "dumb" { return false }
            return isatty(STDOUT_FILENO) != 0
        }
    }
}

