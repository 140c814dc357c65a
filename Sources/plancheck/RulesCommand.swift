import Alignment
import ArgumentParser
import Foundation
import Localization
import Reports
import RuleLanguage

/// `plancheck rules …`: work on rule files (lint, format, test).
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: say("Check, format, test rule files and measure their coverage.", "检查、格式化、测试规则文件，并衡量其覆盖面。"),
        discussion: say("""
        City goals are written as rules in .rules files (see docs/rule-language.md).

        Examples:
          plancheck rules lint Rules/zhuzhou/15th
          plancheck rules fmt --check Rules
          plancheck rules test Rules/zhuzhou
          plancheck rules coverage Rules/zhuzhou/15th --source Samples/zhuzhou-15th-plan-proposal-2025.txt
        """, """
        市级目标写成 .rules 文件中的规则（见 docs/rule-language.md）。

        示例：
          plancheck rules lint Rules/zhuzhou/15th
          plancheck rules fmt --check Rules
          plancheck rules test Rules/zhuzhou
          plancheck rules coverage Rules/zhuzhou/15th --source Samples/zhuzhou-15th-plan-proposal-2025.txt
        """),
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
/// The diagnostics are printed in the command's language (`lang`, else `PLANCHECK_LANG`, else the rule set's, else the locale).
func compiledRules(_ path: String, lang: Language? = nil) throws -> (RuleSetLoadResult, AlignmentEngine) {
    let loaded = RuleSetLoader.load(path: path)
    if loaded.hasErrors {
        declaredLanguage = loaded.ruleSet.language
        printError(loaded.rendered(color: stderrWantsColor(), language: errorLanguage(asked: lang)))
        throw InputError(LocalizedText(en: "the rules in \(path) have errors (see above); fix them or run: plancheck rules lint \(path)",
                                       zh: "\(path) 中的规则有错误（见上文）；请修正，或运行：plancheck rules lint \(path)"))
    }
    declaredLanguage = loaded.ruleSet.language
    do { return (loaded, try AlignmentEngine(ruleSet: loaded.ruleSet)) } catch { throw InputError(error) }
}

/// `plancheck rules lint PATH…`
struct RulesLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: say("Check rule files for mistakes, with the line and a hint for each.", "检查规则文件中的错误，每个错误给出所在行和修改建议。"),
        discussion: say("""
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
        """, """
        每个文件连同其 include 作为一个规则集读入；文件夹作为一个规则集读入，由直接放在其中的 .rules\
        文件组成，其子文件夹也照此检查。问题打印到标准错误，格式为 文件:行:列: 错误：说明，并附源代码行\
        和指示符。

        示例：
          $ plancheck rules lint Rules/zhuzhou/15th
          Rules/zhuzhou/15th/goals.rules:12:18: 错误：未知的术语 研发强读
            require target 研发强读 >= 3.2% by 2030
                           ^~~~~~~~
          建议：你是不是想写 研发强度？
          1 个错误，0 个警告，共 3 个文件

        退出码：0 没有错误（可以有警告）；1 有警告且给了 --strict；2 有错误或路径无法读取。
        """)
    )

    @Argument(help: ArgumentHelp(say("Rule files or folders to check.", "要检查的规则文件或文件夹。")))
    var paths: [String]

    @Flag(help: ArgumentHelp(say("Exit with status 1 when there are warnings.", "有警告时以 1 退出。")))
    var strict = false

    @Option(help: ArgumentHelp(say(RulesDiagnosticsLanguage.help.en, RulesDiagnosticsLanguage.help.zh), valueName: "zh|en"))
    var lang: Language?

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        var files = Set<String>()
        var declared: Language?
        for path in paths {
            for group in RuleFileGroups.groups(for: path) {
                let result = group.isEmpty ? RuleSetLoader.load(path: path) : RuleSetLoader.load(paths: group)
                declared = declared ?? result.ruleSet.language
                diagnostics += result.diagnostics
                sources.merge(result.sources) { a, _ in a }
                files.formUnion(result.sources.keys)
            }
        }
        var seen = Set<Diagnostic>()
        diagnostics = Diagnostic.sorted(diagnostics.filter { seen.insert($0).inserted })
        declaredLanguage = declared
        let language = try resolveLanguage(lang, declared: declared)
        printError(DiagnosticRenderer(sources: sources, color: stderrWantsColor(), language: language).render(diagnostics))
        let errors = diagnostics.filter { $0.level == .error }.count
        let warnings = diagnostics.count - errors
        printError(language.pick("\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(files.count, "file"))\n",
                                 "\(errors) 个错误，\(warnings) 个警告，共 \(files.count) 个文件\n"))
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
        abstract: say("Rewrite rule files in the one canonical layout.", "把规则文件改写成统一的规范格式。"),
        discussion: say("""
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
        """, """
        格式化只改排版：缩进、每行一项、空格、头部和目标中关键字的顺序、规范写法（用 >= 代替 ≥，\
        ASCII 逗号和括号）。它从不改变规则的含义，并保留每条注释。文件原地原子改写。有语法错误的文件\
        保持不动，并打印其错误。

        示例：
          $ plancheck rules fmt Rules/zhuzhou/15th
          formatted 2 files, 1 unchanged
          $ plancheck rules fmt --check Rules
          Rules/zhuzhou/15th/goals.rules
          1 file would be reformatted

        退出码：0 完成（或在 --check 时每个文件都已格式化）；1 在 --check 时有文件会被改动；\
        2 有文件无法读取或有语法错误。
        """)
    )

    @Flag(help: ArgumentHelp(say("Change nothing: list the files that would change and exit with status 1 if any.", "不做修改：列出会被改动的文件，如有则以 1 退出。")))
    var check = false

    @Argument(help: ArgumentHelp(say("Rule files or folders (every .rules file below a folder).", "规则文件或文件夹（文件夹下的每个 .rules 文件）。")))
    var paths: [String]

    @Option(help: ArgumentHelp(say(RulesDiagnosticsLanguage.help.en, RulesDiagnosticsLanguage.help.zh), valueName: "zh|en"))
    var lang: Language?

    func run() throws {
        var failed = false
        var changed: [String] = []
        var unchanged = 0
        var unformattable = 0
        // A file with syntax errors is not formatted, so no rule set declares a language here.
        let language = try resolveLanguage(lang, declared: nil)
        let renderer = { (d: [Diagnostic], path: String, text: String) in
            printError(DiagnosticRenderer(sources: [path: text], color: stderrWantsColor(), language: language).render(d))
        }
        for path in paths {
            guard let files = RuleFileGroups.files(for: path) else {
                printError(path + language.pick(": error: no such file or folder\n", ": 错误：没有这个文件或文件夹\n"))
                failed = true
                continue
            }
            if files.isEmpty {
                printError(path + language.pick(": warning: no .rules files in this folder\n", ": 警告：这个文件夹中没有 .rules 文件\n"))
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    printError(file + language.pick(": error: cannot read this file as UTF-8\n", ": 错误：无法按 UTF-8 读取这个文件\n"))
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
                        printError(file + language.pick(": error: ", ": 错误：") + error.description(in: language) + "\n")
                        failed = true
                    }
                }
            }
        }
        // Files with errors are not formatted at all: say so, rather than count them as neither.
        let broken = unformattable == 0 ? "" : language.pick("; \(plural(unformattable, "file")) not formatted because of the errors above",
                                                             "；\(unformattable) 个文件因上述错误未格式化")
        if check {
            printError((changed.isEmpty
                        ? language.pick("\(plural(unchanged, "file")) already formatted", "\(unchanged) 个文件已是规范格式")
                        : language.pick("\(plural(changed.count, "file")) would be reformatted", "\(changed.count) 个文件需要重新格式化")) + broken + "\n")
        } else {
            printError(language.pick("formatted \(plural(changed.count, "file")), \(unchanged) unchanged", "已格式化 \(changed.count) 个文件，\(unchanged) 个未改动")
                       + broken + "\n")
        }
        if failed { throw ExitCode(RulesExit.errors) }
        if check && !changed.isEmpty { throw ExitCode(RulesExit.findings) }
    }
}

/// `plancheck rules test PATH…`
struct RulesTest: ParsableCommand {
    /// The example, the same in both languages' help.
    static let sample = """
      test "研发强度写足即为覆盖" {
        plan "到2030年，全社会研发经费投入强度达到3.5%以上。"
        expect 5.2 covered
        expect no outdated "十九大"
      }
    """

    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: say("Run the tests written beside the rules: small plan texts and the status each goal must get.", "运行写在规则旁的测试：小段规划文字，以及每个目标应得的状态。"),
        discussion: say("""
        A test is a few sentences of a plan and the statuses the engine must give (see docs/rule-language.md):

        \(Self.sample)

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
        """, """
        一个测试是几句规划文字和引擎必须给出的状态（见 docs/rule-language.md）：

        \(Self.sample)

        每个文件或文件夹作为一个规则集读入（与 lint 相同，文件夹及其每个含 .rules 文件的子文件夹），\
        每个测试用真实的引擎运行；一个文件中的测试属于该文件所在的规则集。每条期望都打印应得状态和实得状态。

        示例：
          $ plancheck rules test Rules/zhuzhou/15th
          Rules/zhuzhou/15th——株洲市“十五五”规划建议 衔接检查
            ✓ test "主要目标写全即为覆盖" (Rules/zhuzhou/15th/10-main-goals.rules:80)
                ✓ 5.1 已衔接
                ✗ 5.2：应为已衔接，实为表述偏弱（第 84 行）
                    提到“科创中城”，但没有明确部署（仅顺带提及）
          1 个测试，1 项通过，1 项未通过

        退出码：0 每条期望都成立；1 有期望不成立、有含目标或停用表述的文件没有测试，或根本没有运行测试；\
        2 规则有错误。
        """)
    )

    @Argument(help: ArgumentHelp(say("Rule files or folders whose tests to run.", "要运行其测试的规则文件或文件夹。")))
    var paths: [String]

    @Flag(help: ArgumentHelp(say("Print only the failing expectations and the summary.", "只打印未通过的期望和汇总。")))
    var failuresOnly = false

    @Option(help: ArgumentHelp(say(RulesDiagnosticsLanguage.help.en, RulesDiagnosticsLanguage.help.zh), valueName: "zh|en"))
    var lang: Language?

    func validate() throws {
        if paths.isEmpty { throw ValidationError(say("Name at least one rule file or folder, e.g. plancheck rules test Rules/zhuzhou", "请至少给出一个规则文件或文件夹，如 plancheck rules test Rules/zhuzhou")) }
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
        // The rule sets' declared language (`language zh`) speaks when --lang and PLANCHECK_LANG do not.
        let declared = reports.lazy.compactMap(\.language).first
        declaredLanguage = declared
        let language = try resolveLanguage(lang, declared: declared)
        if !diagnostics.isEmpty {
            printError(DiagnosticRenderer(sources: sources, color: stderrWantsColor(), language: language).render(diagnostics))
        }
        for r in reports where !r.hasRuleErrors || !r.errors.isEmpty {
            print(r.rendered(failuresOnly: failuresOnly, language: language), terminator: "")
        }
        let tests = reports.reduce(0) { $0 + $1.tests.count }
        let passed = reports.reduce(0) { $0 + $1.passed }
        let failed = reports.reduce(0) { $0 + $1.failed }
        let untested = reports.flatMap(\.untestedFiles)
        var summary = language.pick("\(plural(tests, "test")), \(passed) passed, \(failed) failed", "\(tests) 个测试，\(passed) 项通过，\(failed) 项未通过")
        if !untested.isEmpty {
            summary += language.pick(", \(plural(untested.count, "file")) with rules but no test", "，\(untested.count) 个文件有规则但没有测试")
        }
        print(summary)
        if ruleErrors {
            let all = paths.joined(separator: " ")
            printError(language.pick("the rules have errors (see above); fix them or run: plancheck rules lint \(all)\n",
                                     "规则有错误（见上文）；请修正，或运行：plancheck rules lint \(all)\n"))
            throw ExitCode(RulesExit.errors)
        }
        if tests == 0 {
            let exempt = reports.flatMap(\.exemptFiles)
            let en = "no test ran" + (exempt.isEmpty ? "" : ": \(exempt.joined(separator: ", ")) hold\(exempt.count == 1 ? "s" : "") only a header or terms, which are tested through the rule sets that include them")
            let zh = "没有运行任何测试" + (exempt.isEmpty ? "" : "：\(exempt.joined(separator: "、")) 只有头部或词语，通过包含它们的规则集测试")
            printError(language.pick(en, zh) + "\n")
            throw ExitCode(RulesExit.findings)
        }
        if failed > 0 || !untested.isEmpty { throw ExitCode(RulesExit.findings) }
    }
}

/// The `--lang` help of the rules commands that print diagnostics (lint, fmt, test).
enum RulesDiagnosticsLanguage {
    static let help = LocalizedText(
        en: "The language of the diagnostics: zh (简体中文) or en. Default: PLANCHECK_LANG, else the rule set's `language`, else the locale.",
        zh: "诊断信息的语言：zh（简体中文）或 en。默认：PLANCHECK_LANG，其次规则集的 `language`，再次系统区域设置。")
}

extension RulesLint: AsksLanguage {}
extension RulesFormat: AsksLanguage {}
extension RulesTest: AsksLanguage {}
