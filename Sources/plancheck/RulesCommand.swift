import Alignment
import ArgumentParser
import Foundation
import Reports
import RuleLanguage

/// `plancheck rules …`: work on rule files (lint, format, test).
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, format, test rule files and measure their coverage.",
        discussion: """
        City goals are written as rules in .rules files (see docs/rule-language.md).

        Examples:
          plancheck rules lint Rules/zhuzhou/15th
          plancheck rules fmt --check Rules
          plancheck rules test Rules/zhuzhou
          plancheck rules coverage Rules/zhuzhou/15th --source Samples/zhuzhou-15th-plan-proposal-2025.txt
        """,
        subcommands: [RulesLint.self, RulesFormat.self, RulesTest.self, RulesCoverage.self, RulesMatches.self]
    )
}

/// Exit codes shared by the rules commands.
enum RulesExit {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let errors: Int32 = 2
}

/// Whether stderr is a terminal that accepts colors (and the user did not ask for none).
func stderrWantsColor() -> Bool {
    ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDERR_FILENO) != 0
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

/// The rule set at `path`, loaded and compiled; errors in it are printed, and stop the command (exit 2).
func compiledRules(_ path: String) throws -> (RuleSetLoadResult, AlignmentEngine) {
    let loaded = RuleSetLoader.load(path: path)
    if loaded.hasErrors {
        printError(loaded.rendered(color: stderrWantsColor()))
        throw InputError("the rules in \(path) have errors (see above); fix them or run: plancheck rules lint \(path)")
    }
    do { return (loaded, try AlignmentEngine(ruleSet: loaded.ruleSet)) } catch { throw InputError(error.description) }
}

/// `plancheck rules lint PATH…`
struct RulesLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rule files for mistakes, with the line and a hint for each.",
        discussion: """
        Each file is loaded as a rule set with its includes; a folder is loaded as one rule set made of \
        the .rules files directly in it, and its subfolders are checked the same way. Problems are printed \
        to standard error as file:line:col: error: message, with the source line and a caret.

        Example:
          $ plancheck rules lint Rules/zhuzhou/15th
          Rules/zhuzhou/15th/goals.rules:12:18: error: unknown term 研发强读
            require target 研发强读 >= 3.2% by 2030
                           ^~~~~~~~
          hint: did you mean 研发强度?
          1 error, 0 warnings in 3 files

        Exit status: 0 when clean (warnings allowed), 1 when there are warnings and --strict is given, \
        2 when there are errors or a path cannot be read.
        """
    )

    @Argument(help: "Rule files or folders to check.")
    var paths: [String]

    @Flag(help: "Exit with status 1 when there are warnings.")
    var strict = false

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        var files = Set<String>()
        for path in paths {
            for group in RuleFileGroups.groups(for: path) {
                let result = group.isEmpty ? RuleSetLoader.load(path: path) : RuleSetLoader.load(paths: group)
                diagnostics += result.diagnostics
                sources.merge(result.sources) { a, _ in a }
                files.formUnion(result.sources.keys)
            }
        }
        var seen = Set<Diagnostic>()
        diagnostics = Diagnostic.sorted(diagnostics.filter { seen.insert($0).inserted })
        printError(DiagnosticRenderer(sources: sources, color: stderrWantsColor()).render(diagnostics))
        let errors = diagnostics.filter { $0.level == .error }.count
        let warnings = diagnostics.count - errors
        printError("\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(files.count, "file"))\n")
        if errors > 0 { throw ExitCode(RulesExit.errors) }
        if warnings > 0 && strict { throw ExitCode(RulesExit.findings) }
    }
}

/// How paths on the command line become rule sets to load.
enum RuleFileGroups {
    /// A file is one rule set; a folder gives one rule set per folder (itself and every subfolder)
    /// that holds `.rules` files. An empty list stands for "load the path as given" (it reports why not).
    static func groups(for path: String) -> [[String]] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return [[]] }
        var groups: [[String]] = []
        for dir in [path] + subfolders(of: path) {
            let files = RuleSetLoader.ruleFiles(inFolder: dir)
            if !files.isEmpty { groups.append([dir]) }
        }
        return groups.isEmpty ? [[]] : groups
    }

    /// Every file a path stands for, for the formatter: the file itself, or every `.rules` file below a folder.
    static func files(for path: String) -> [String]? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return nil }
        guard isDir.boolValue else { return [path] }
        return ([path] + subfolders(of: path)).flatMap { RuleSetLoader.ruleFiles(inFolder: $0) }
    }

    static func subfolders(of path: String) -> [String] {
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: path) else { return [] }
        return names.sorted().map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }.filter {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue
                && !$0.split(separator: "/").contains { $0.hasPrefix(".") }
        }
    }
}

/// `plancheck rules fmt [--check] PATH…`
struct RulesFormat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite rule files in the one canonical layout.",
        discussion: """
        Formatting changes only layout: indentation, one item per line, spacing, keyword order in \
        headers and goals, canonical spellings (>= for ≥, ASCII commas and parentheses). It never changes \
        what a rule means and keeps every comment. Files are rewritten in place, atomically. A file with \
        syntax errors is left alone and its errors are printed.

        Examples:
          $ plancheck rules fmt Rules/zhuzhou/15th
          formatted 2 files, 1 unchanged
          $ plancheck rules fmt --check Rules
          Rules/zhuzhou/15th/goals.rules
          1 file would be reformatted

        Exit status: 0 when done (or, with --check, when every file is already formatted), 1 with \
        --check when a file would change, 2 when a file cannot be read or has syntax errors.
        """
    )

    @Flag(help: "Change nothing: list the files that would change and exit with status 1 if any.")
    var check = false

    @Argument(help: "Rule files or folders (every .rules file below a folder).")
    var paths: [String]

    func run() throws {
        var failed = false
        var changed: [String] = []
        var unchanged = 0
        var unformattable = 0
        let renderer = { (d: [Diagnostic], path: String, text: String) in
            printError(DiagnosticRenderer(sources: [path: text], color: stderrWantsColor()).render(d))
        }
        for path in paths {
            guard let files = RuleFileGroups.files(for: path) else {
                printError("\(path): error: no such file or folder\n")
                failed = true
                continue
            }
            if files.isEmpty {
                printError("\(path): warning: no .rules files in this folder\n")
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    printError("\(file): error: cannot read this file as UTF-8\n")
                    failed = true
                    continue
                }
                let result = RuleFormatter.format(source: text, path: file)
                guard let formatted = result.output else {
                    renderer(result.diagnostics, file, text)
                    unformattable += 1
                    failed = true
                    continue
                }
                if formatted == text {
                    unchanged += 1
                    continue
                }
                changed.append(file)
                if check {
                    print(file)
                } else {
                    do {
                        try OutputSet.write(Data(formatted.utf8), to: file)
                    } catch {
                        printError("\(file): error: \(error)\n")
                        failed = true
                    }
                }
            }
        }
        // Files with errors are not formatted at all: say so, rather than count them as neither.
        let broken = unformattable > 0 ? "; \(plural(unformattable, "file")) not formatted because of the errors above" : ""
        if check {
            printError(changed.isEmpty
                       ? "\(plural(unchanged, "file")) already formatted\(broken)\n"
                       : "\(plural(changed.count, "file")) would be reformatted\(broken)\n")
        } else {
            printError("formatted \(plural(changed.count, "file")), \(unchanged) unchanged\(broken)\n")
        }
        if failed { throw ExitCode(RulesExit.errors) }
        if check && !changed.isEmpty { throw ExitCode(RulesExit.findings) }
    }
}

/// `plancheck rules test PATH…`
struct RulesTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests written beside the rules: small plan texts and the status each goal must get.",
        discussion: """
        A test is a few sentences of a plan and the statuses the engine must give (see docs/rule-language.md):

          test "研发强度写足即为覆盖" {
            plan "到2030年，全社会研发经费投入强度达到3.5%以上。"
            expect 5.2 covered
            expect no outdated "十九大"
          }

        Each file or folder is loaded as a rule set (a folder and each of its subfolders holding .rules \
        files, as lint does) and each test runs with the real engine; the tests of a file belong to the \
        rule set the file is part of. For every expectation the expected and the actual status are printed.

        Example:
          $ plancheck rules test Rules/zhuzhou/15th
          Rules/zhuzhou/15th — 株洲市“十五五”规划建议 衔接检查
            ✓ test "主要目标写全即为覆盖" (Rules/zhuzhou/15th/10-main-goals.rules:80)
                ✓ 5.1 covered
                ✗ 5.2: expected covered, got weak (line 84)
                    mentions “科创中城” but never commits to it (only in passing)
          1 test, 1 passed, 1 failed

        Exit status: 0 when every expectation holds; 1 when one fails, when a file with goals or \
        retirements has no test, or when no test ran at all; 2 when the rules have errors.
        """
    )

    @Argument(help: "Rule files or folders whose tests to run.")
    var paths: [String]

    @Flag(help: "Print only the failing expectations and the summary.")
    var failuresOnly = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one rule file or folder, e.g. plancheck rules test Rules/zhuzhou") }
    }

    func run() throws {
        var reports: [RuleSetTestReport] = []
        for path in paths {
            for set in RuleTestRunner.ruleSetPaths(for: path) { reports.append(RuleTestRunner.run(path: set)) }
        }
        var ruleErrors = false
        var sources: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for r in reports {
            diagnostics += r.diagnostics
            sources.merge(r.sources) { a, _ in a }
            if r.hasRuleErrors { ruleErrors = true }
        }
        var seen = Set<Diagnostic>()
        diagnostics = Diagnostic.sorted(diagnostics.filter { seen.insert($0).inserted })
        if !diagnostics.isEmpty {
            printError(DiagnosticRenderer(sources: sources, color: stderrWantsColor()).render(diagnostics))
        }
        for r in reports where !r.hasRuleErrors || !r.errors.isEmpty {
            print(r.rendered(failuresOnly: failuresOnly), terminator: "")
        }
        let tests = reports.reduce(0) { $0 + $1.tests.count }
        let passed = reports.reduce(0) { $0 + $1.passed }
        let failed = reports.reduce(0) { $0 + $1.failed }
        let untested = reports.flatMap(\.untestedFiles)
        var summary = "\(plural(tests, "test")), \(passed) passed, \(failed) failed"
        if !untested.isEmpty { summary += ", \(plural(untested.count, "file")) with rules but no test" }
        print(summary)
        if ruleErrors {
            printError("the rules have errors (see above); fix them or run: plancheck rules lint \(paths.joined(separator: " "))\n")
            throw ExitCode(RulesExit.errors)
        }
        if tests == 0 {
            let exempt = reports.flatMap(\.exemptFiles)
            printError("no test ran" + (exempt.isEmpty ? "" : ": \(exempt.joined(separator: ", ")) hold\(exempt.count == 1 ? "s" : "") only a header or terms, which are tested through the rule sets that include them") + "\n")
            throw ExitCode(RulesExit.findings)
        }
        if failed > 0 || !untested.isEmpty { throw ExitCode(RulesExit.findings) }
    }
}
