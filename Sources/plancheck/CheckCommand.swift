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
        quantity, a deadline or a commitment verb), weak (mentioned only in passing or in the review of the \
        past), missing, conflicting (committed to less than the city asks, later, or in the wrong unit) — \
        and reports every retired term the plan still uses (outdated). Each finding points at the line and \
        heading of the plan and cites the city sentence it answers to.

        With no --rules, the bundled rule set for the newest city plan is used (\(DefaultRules.name)).

        Examples:
          plancheck check Samples/hetang-14th-five-year-plan.txt
          plancheck check draft.txt --rules Rules/zhuzhou/14th --fail-on warning
          plancheck check draft.txt --format json --output reports/draft.json
          plancheck check draft.txt --explain 5.2

        Exit codes: 0 no gap at or above --fail-on; 1 gaps at or above it; 2 bad usage, unreadable plan or \
        rules with errors.
        """
    )

    @Argument(help: ArgumentHelp("Plan files to check.", valueName: "plan"))
    var plans: [String]

    @Option(help: ArgumentHelp("A rule file or folder of .rules files (default: the bundled \(DefaultRules.name)).", valueName: "path"))
    var rules: String?

    @Option(help: "Only the goals of this profile of the rule set (e.g. draft).")
    var profile: String?

    @Option(help: "Report format: text (a summary for people) or json (for tools).")
    var format: CheckFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file (written atomically); the summary still goes to the terminal.", valueName: "file"))
    var output: String?

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
    }

    func run() throws {
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

        // One plan at a time: memory is bounded by the largest plan, not by the whole set.
        var infos: [CheckReport.PlanInfo] = []
        var results: [PlanResult] = []
        for path in plans {
            let doc: PlanDocument
            let bytes: [UInt8]
            do {
                bytes = try SourceText.readBytes(path)
                doc = TextPlanReader.read(try SourceText(bytes: bytes, file: path))
            } catch { throw InputError(error.description) }
            infos.append(CheckReport.PlanInfo(doc, bytes: bytes))
            results.append(engine.check(doc, explain: explain))
        }
        let shownPath = rules ?? "bundled \(DefaultRules.name)"
        let report = CheckReport(rulesPath: shownPath, ruleSet: loaded.ruleSet, plans: infos, results: results)

        if let explain {
            for r in results {
                print("explain \(explain) in \(r.plan):")
                print(r.explanation.joined(separator: "\n"))
            }
        }
        let json = try report.json() + Data("\n".utf8)
        if let output {
            let data = format == .json ? json : Data(TextReport(color: false, limit: 0).render(report).utf8)
            do { try AtomicFile.write(data, to: output) } catch { throw InputError(error.description) }
        }
        if format == .json && output == nil {
            FileHandle.standardOutput.write(json)
        } else if explain == nil || output != nil {
            print(TextReport(color: color.enabled, limit: limit).render(report), terminator: "")
        }
        let failing = report.findings.contains { f in
            guard f.isGap, let level = failOn.severity else { return false }
            return f.severity >= level
        }
        if failing { throw ExitCode(1) }
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
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
