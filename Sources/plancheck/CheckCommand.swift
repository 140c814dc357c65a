import Alignment
import ArgumentParser
import DocumentModel
import Foundation
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

        With no --rules, the bundled rule set for the newest city plan is used (\(DefaultRules.name)).

        Examples:
          plancheck check Samples/hetang-14th-five-year-plan.txt
          plancheck check draft.txt --rules Rules/zhuzhou/14th --fail-on warning
          plancheck check draft.txt --format json,sarif,junit --output-dir reports/
          plancheck check districts/*.txt --html districts.html       # nine districts, one goals × plans page
          plancheck check draft.txt --waivers waivers.txt --baseline reports/plancheck.json
          plancheck check draft.txt --explain 5.2
          plancheck check 醴陵市纲要（草案）.docx --district 醴陵市

        Exit codes: 0 no gap at or above --fail-on; 1 gaps at or above it, or an expired waiver; 2 bad usage, \
        unreadable plan or rules with errors.
        """
    )

    @Argument(help: ArgumentHelp("Plan files to check: text, plan XML or other XML, HTML, .docx.", valueName: "plan"))
    var plans: [String]

    @OptionGroup(title: "Reading plans") var input: InputOptions

    @Option(help: ArgumentHelp("A rule file or folder of .rules files (default: the bundled \(DefaultRules.name)).", valueName: "path"))
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

    func validate() throws {
        if plans.isEmpty { throw ValidationError("Name at least one plan file, e.g. plancheck check plan.txt") }
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
        if let d = district, d.allSatisfy(\.isWhitespace) { throw ValidationError("--district takes a district's name, e.g. --district 醴陵市") }
        try input.check()
    }

    func run() throws {
        _ = try Self.generationTime()   // a bad value stops the run before any work
        let rulesPath = try rules ?? DefaultRules.path()
        let loaded = RuleSetLoader.load(path: rulesPath)
        if loaded.hasErrors {
            FileHandle.standardError.write(Data(loaded.rendered(color: false).utf8))
            throw InputError("the rules in \(rulesPath) have errors (see above); fix them or run: plancheck rules lint \(rulesPath)")
        }
        if loaded.ruleSet.goals.isEmpty && loaded.ruleSet.retirements.isEmpty {
            throw InputError("\(rulesPath): no goals or retirements to check")
        }
        let engine: AlignmentEngine
        do { engine = try AlignmentEngine(ruleSet: loaded.ruleSet, profile: profile) } catch { throw InputError(error.description) }

        let shownPath = rules ?? "bundled \(DefaultRules.name)"
        // Waivers, baseline and destinations are checked before any plan is read: a mistake in them
        // should not cost a whole run.
        var waiverList: [Waiver]?
        if let waivers {
            do { waiverList = try WaiverFile.read(path: waivers) } catch { throw InputError(error.description) }
        }
        var base: (path: String, report: CheckReport)?
        if let baseline {
            do { base = (baseline, try CheckReport.read(path: baseline)) } catch { throw InputError(error.description) }
        }
        var destinations = try outputs()
        // The JSON report alone (the usual case in CI, and for many plans) is streamed: each plan's findings
        // go to disk as soon as it is checked, and only what the terminal summary lists stays in memory.
        // The other formats lay out every finding at once, so with them the run keeps every finding.
        var stream: StreamedJSONReport?
        if destinations.count == 1, destinations[0].0 == .json {
            do { stream = try StreamedJSONReport(destination: destinations[0].1, withBaseline: base != nil) } catch {
                throw InputError(error.description)
            }
            destinations = []
        }
        defer { stream?.discard() }
        // Every report file is claimed now (another run writing one of them is an error before any work)
        // and staged until all are rendered: the set replaces the last run's set together.
        let files: OutputSet
        do { files = try OutputSet(destinations: destinations.compactMap(\.1)) } catch { throw InputError(error.description) }
        defer { files.discard() }
        var builder = ReportBuilder(rulesPath: shownPath, ruleSet: loaded.ruleSet, waivers: waiverList,
                                    today: today ?? CheckCommand.todayString(), baseline: base,
                                    keepFindings: !destinations.isEmpty, limit: limit)

        // One plan at a time: memory is bounded by the largest plan, not by the whole set.
        var readOptions = try input.readOptions()
        readOptions.xpathScopes = engine.xpathExpressions
        var explanations: [(plan: String, lines: [String])] = []
        for path in plans {
            let doc: PlanDocument
            let bytes: [UInt8]
            do {
                bytes = try SourceText.readBytes(path, maxBytes: readOptions.maxBytes)
                doc = try PlanReader.read(bytes: bytes, file: path, options: readOptions)
            } catch { throw InputError(error.description) }
            let result = engine.check(doc, explain: explain, district: district)
            builder.add(plan: CheckReport.PlanInfo(doc, bytes: bytes, district: result.district))
            if explain != nil { explanations.append((result.plan, result.explanation)) }
            let findings = builder.add(consume result)
            do { try stream?.append(findings) } catch { throw InputError(error.description) }
        }
        let report = builder.finish()

        if let explain {
            for r in explanations {
                print("explain \(explain) in \(r.plan):")
                print(r.lines.joined(separator: "\n"))
            }
        }
        var toStdout = false
        if let stream {
            do { try stream.finish(report) } catch { throw InputError(error.description) }
            toStdout = stream.destination == nil
        }
        for (fmt, path) in destinations {
            let data = try render(report, as: fmt)
            if let path {
                do { try files.write(data, to: path) } catch { throw InputError(error.description) }
            } else {
                FileHandle.standardOutput.write(data)
                toStdout = true
            }
        }
        do { try files.commit() } catch { throw InputError(error.description) }
        // The terminal summary, unless a report went to standard output (or --explain alone was asked).
        if !toStdout && (explain == nil || output != nil || outputDir != nil) {
            print(TextReport(color: color.enabled, limit: limit).render(report, listings: builder.listings), terminator: "")
        }
        if let w = report.waivers {
            for u in w.unused { warn("\(u.source): warning: unused waiver for \(u.goal)\(u.plan.map { " in \($0)" } ?? ""): no such gap") }
            for e in w.expired { warn("\(e.source): error: the waiver for \(e.goal) expired on \(e.until ?? "")") }
        }
        let failing = failOn.severity.map { level in builder.worstNewGap.map { $0 >= level } ?? false } ?? false
        if failing || !(report.waivers?.expired.isEmpty ?? true) { throw ExitCode(1) }
    }

    /// Where each report goes: a file, or standard output (nil).
    func outputs() throws -> [(ReportFormat, String?)] {
        var out: [(ReportFormat, String?)] = []
        for (fmt, path) in [(ReportFormat.json, json), (.html, html), (.sarif, sarif), (.junit, junit), (.markdown, markdown)] {
            if let path { out.append((fmt, path)) }
        }
        let asked = format.formats
        if let dir = outputDir {
            for fmt in asked { out.append((fmt, (dir as NSString).appendingPathComponent("plancheck." + CheckCommand.fileExtension(fmt)))) }
        } else if let output {
            guard asked.count == 1 else {
                throw ValidationError("--output takes one format; for several, use --output-dir DIR (or --json/--html/--sarif/--junit/--markdown FILE)")
            }
            out.append((asked[0], output))
        } else {
            let files = asked.filter { $0 != .text }
            if files.count > 1 {
                throw ValidationError("several formats need --output-dir DIR (or --json/--html/--sarif/--junit/--markdown FILE each)")
            }
            if let only = files.first { out.append((only, nil)) }
        }
        return out
    }

    func render(_ report: CheckReport, as fmt: ReportFormat) throws -> Data {
        switch fmt {
        case .text: return Data(TextReport(color: false, limit: 0).render(report).utf8)
        case .json: return try report.json() + Data("\n".utf8)
        case .sarif: return try SARIFReport.render(report) + Data("\n".utf8)
        case .junit: return Data(JUnitReport.render(report, failOn: failOn.severity).utf8)
        case .markdown: return Data(MarkdownReport.render(report).utf8)
        case .html: return Data(HTMLReport(report: report, generatedAt: try Self.generationTime()).render().utf8)
        }
    }

    static func fileExtension(_ f: ReportFormat) -> String {
        switch f {
        case .text: "txt"
        case .json: "json"
        case .html: "html"
        case .sarif: "sarif"
        case .junit: "junit.xml"
        case .markdown: "md"
        }
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

    static func todayString() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }

    func warn(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
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

/// The rule sets bundled with the executable.
enum DefaultRules {
    /// The newest city rule set, used when --rules is not given.
    static let name = "zhuzhou/15th"

    static func path() throws -> String { try path(of: name) }

    /// A bundled rule set or dictionary, by its path under Rules/ (`zhuzhou/15th`, `common`).
    static func path(of relative: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Rules", withExtension: nil) else {
            throw InputError("the bundled rules are missing from this build; pass --rules PATH")
        }
        return url.appendingPathComponent(relative).path
    }
}
