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
        abstract: "Check plans against city goals: what is covered, weak, missing, conflicting or outdated.",
        discussion: """
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
        """
    )

    @Argument(help: ArgumentHelp("Plan files to check: text, plan XML or other XML, HTML, .docx.", valueName: "plan"))
    var plans: [String]

    @OptionGroup(title: "Reading plans") var input: InputOptions

    @Option(help: ArgumentHelp("A rule file or folder of .rules files (default: the bundled \(BundledRules.defaultName)).", valueName: "path"))
    var rules: String?

    @Option(help: "Only the goals of this profile of the rule set (e.g. draft).")
    var profile: String?

    @Option(help: ArgumentHelp("The district every plan is for (醴陵市, 攸县), when its title does not say: goals for other places are not applicable.", valueName: "name"))
    var district: String?

    @Option(help: ArgumentHelp("Report formats, comma-separated: text, json, html, sarif, junit, markdown. Several need --output-dir.", valueName: "formats"))
    var format: FormatList = FormatList(formats: [.text])

    @Option(help: ArgumentHelp("Write the report to this file (one format; written atomically). The summary still goes to the terminal.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Write every format asked for into this folder (plancheck.json, plancheck.sarif, …); created if missing.", valueName: "dir"))
    var outputDir: String?

    @Option(help: ArgumentHelp("Also write the JSON report to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Also write the HTML report to this file: one self-contained page to send around (dated only when SOURCE_DATE_EPOCH is set).", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Also write a SARIF 2.1.0 report to this file (code-scanning services).", valueName: "file"))
    var sarif: String?

    @Option(help: ArgumentHelp("Also write JUnit XML to this file (one test case per goal per plan).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Also write a Markdown summary to this file (for a pull-request comment).", valueName: "file"))
    var markdown: String?

    @Option(help: ArgumentHelp("Gaps accepted on purpose: lines like  waive 5.5 in \"plan.txt\" until 2026-06-30 because \"…\"", valueName: "file"))
    var waivers: String?

    @Option(help: ArgumentHelp("A JSON report of an earlier run: report only what is new since, and what was fixed.", valueName: "report.json"))
    var baseline: String?

    @Option(help: ArgumentHelp("The date waivers are checked against, YYYY-MM-DD (default: today).", valueName: "date"))
    var today: String?

    @Option(help: "Exit 1 when there are gaps of this severity or worse: error, warning, or never.")
    var failOn: FailLevel = .error

    @Option(help: ArgumentHelp("Explain how one goal got its status: terms found, sentences classed, values compared.", valueName: "goal-id"))
    var explain: String?

    @Option(help: "Gaps listed per plan in the terminal (0: all).")
    var limit: Int = 15

    @Option(help: "Color in the terminal: auto, always or never (NO_COLOR is honoured).")
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("The language people read: zh (简体中文) or en, for the summary and every report (the HTML page opens in it and carries both). Default: PLANCHECK_LANG, else the rule set's `language`, else the locale.",
                               valueName: "zh|en"))
    var lang: Language?

    func validate() throws {
        if plans.isEmpty { throw ValidationError("Name at least one plan file, e.g. plancheck check plan.txt") }
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
        if let d = district, d.allSatisfy(\.isWhitespace) { throw ValidationError("--district takes a district's name, e.g. --district 醴陵市") }
        try input.check()
    }

    func run() throws {
        let request = try self.request()
        let outcome: CheckOutcome
        do { outcome = try CheckRunner(request).run() } catch {
            if let details = error.details { FileHandle.standardError.write(Data(details.utf8)) }
            throw InputError(error.description)
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
                throw ValidationError("--output takes one format; for several, use --output-dir DIR (or --json/--html/--sarif/--junit/--markdown FILE)")
            }
            out.append(ReportRequest(asked[0], to: .file(output)))
        } else {
            let files = asked.filter { $0 != .text }
            if files.count > 1 {
                throw ValidationError("several formats need --output-dir DIR (or --json/--html/--sarif/--junit/--markdown FILE each)")
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
            throw InputError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not \"\(value)\"")
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

