import DocumentModel
import Foundation
import Localization
import RuleLanguage

/// Runs the `test` blocks of rule files with the real engine, so every rule is checked on example text.
///
/// A test belongs to the rule file it is written in and runs against the rule set that file is loaded
/// as (the folder, for a file of a folder rule set). `plancheck rules test` and the test suite both use it.
public enum RuleTestRunner {
    /// Loads the rule set at `path` and runs its tests.
    ///
    /// A file that has no `ruleset` header and sits in a folder whose files make one rule set (another
    /// file there has the header) is run as part of that folder: its goals need the header's period and
    /// includes. Only the tests written in `path` run then.
    public static func run(path: String) -> RuleSetTestReport {
        if let folder = enclosingRuleSet(of: path) {
            return run(loaded: RuleSetLoader.load(path: folder), path: path, onlyFile: path)
        }
        return run(loaded: RuleSetLoader.load(path: path), path: path, onlyFile: nil)
    }

    /// Runs the tests of an already loaded rule set (all entry files', or only `onlyFile`'s).
    public static func run(loaded: RuleSetLoadResult, path: String, onlyFile: String? = nil) -> RuleSetTestReport {
        var report = RuleSetTestReport(path: path, title: loaded.ruleSet.title, diagnostics: loaded.diagnostics,
                                       sources: loaded.sources)
        report.language = loaded.ruleSet.language
        guard !loaded.hasErrors else { return report }
        let ruleSet = loaded.ruleSet
        let entries = Set(ruleSet.entryPaths)
        let wanted: (String) -> Bool = { file in
            guard entries.contains(file) else { return false }
            guard let only = onlyFile else { return true }
            return RuleTestRunner.samePath(file, only)
        }

        // Files that can be tested (they hold goals or retirements) must hold tests.
        for file in ruleSet.files where wanted(file.path) {
            var testable = false, tests = false
            for s in file.statements {
                switch s {
                case .goal, .retire: testable = true
                case .test: tests = true
                case .header, .term, .uncheckable: break
                }
            }
            if testable && !tests { report.untestedFiles.append(file.path) }
            if !testable && !tests { report.exemptFiles.append(file.path) }
        }

        let engine: AlignmentEngine
        do { engine = try AlignmentEngine(ruleSet: ruleSet) } catch {
            report.errors.append("\(path): \(error.description)")
            return report
        }
        for test in ruleSet.tests where wanted(test.range.start.file) {
            report.tests.append(run(test, engine: engine, ruleSet: ruleSet))
        }
        return report
    }

    /// Runs one test: reads its plan, checks it, compares every expectation with what the engine decided.
    static func run(_ test: RuleTest, engine: AlignmentEngine, ruleSet: RuleSet) -> RuleTestResult {
        let at = test.range.start
        var result = RuleTestResult(name: test.name.value, file: at.file, line: at.line)
        let doc: PlanDocument
        do {
            switch test.plan?.value {
            case .text(let text)?:
                // The plan is named after the test's place, so evidence in failures points at the rule file.
                doc = TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: "\(at.file):\(at.line)"))
            case .file?:
                guard let p = RuleSetLoader.planPath(of: test) else { throw ReadError(file: "?", message: LocalizedText(en: "no plan", zh: "没有规划")) }
                doc = TextPlanReader.read(try SourceText(bytes: try SourceText.readBytes(p), file: p))
            case nil:
                result.error = "test \"\(test.name.value)\" has no plan text"
                return result
            }
        } catch {
            result.error = "cannot read the plan: \(error)"
            return result
        }
        let findings = engine.check(doc).findings
        let planFile = RuleSetLoader.planPath(of: test)
        for e in test.expectations {
            result.checks.append(check(e, findings: findings, ruleSet: ruleSet, planFile: planFile))
        }
        return result
    }

    static func check(_ e: TestExpectation, findings: [Finding], ruleSet: RuleSet, planFile: String? = nil) -> ExpectationCheck {
        // Where a finding points: a line of the plan file, or of the plan text written in the test.
        func place(_ ev: Evidence?) -> String? {
            ev.map { "\(planFile ?? "plan line"):\($0.line) «\($0.text)»".replacingOccurrences(of: "plan line:", with: "plan line ") }
        }
        switch e.kind {
        case .goal(let id, let status):
            let finding = findings.first { $0.kind == .goal && $0.goal == id.value }
            let actual = finding?.status.rawValue ?? "not checked"
            return ExpectationCheck(subject: id.value, expected: status.rawValue, actual: actual,
                                    passed: actual == status.rawValue, detail: finding?.message ?? "",
                                    chineseDetail: finding?.message(in: .zh) ?? "", line: e.range.start.line,
                                    evidence: place(finding?.evidence.first))
        case .outdated(let ref, let present):
            // A retired word counts as reported when a reported match contains it: `expect outdated
            // "中国动力谷"` holds for a plan that writes 株洲·中国动力谷.
            // A split alias by its first part: the match reported holds it.
            let resolved = ruleSet.resolve(ref)
            let words = ((resolved?.aliases ?? [ref.text]) + (resolved?.splits.map(\.first) ?? [])).map(normalized).filter { !$0.isEmpty }
            let hits = findings.filter { f in
                guard f.kind == .retirement else { return false }
                let matched = f.evidence.compactMap(\.match).map(normalized) + usedWords(f.message)
                return matched.contains { m in words.contains { m.contains($0) } }
            }
            let found = !hits.isEmpty
            let label = "outdated \"\(ref.text)\""
            return ExpectationCheck(subject: label, expected: present ? "reported" : "not reported",
                                    actual: found ? "reported" : "not reported", passed: found == present,
                                    detail: hits.first?.message ?? "", chineseDetail: hits.first?.message(in: .zh) ?? "",
                                    line: e.range.start.line,
                                    evidence: place(hits.first?.evidence.first))
        }
    }

    /// The words a retirement finding reports (`uses “十九大”、“十九届”, retired by the city…`): evidence
    /// holds at most ten places, the message every distinct word.
    static func usedWords(_ message: String) -> [String] {
        guard message.hasPrefix("uses "), let end = message.range(of: ", retired by the city") else { return [] }
        let list = message[message.index(message.startIndex, offsetBy: 5)..<end.lowerBound]
        return list.components(separatedBy: "”、“").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "“”"))
        }
    }

    /// A phrase as the engine matches it (full-width forms folded, PDF spaces dropped).
    static func normalized(_ s: String) -> String {
        String(scalars: Normalizer.normalize(Array(s.unicodeScalars)).scalars[...])
    }

    // MARK: Which rule sets a path stands for

    /// The rule sets under `path`: a file is one; a folder gives itself and every subfolder holding `.rules`
    /// files, each as one rule set (hidden folders skipped). A missing path is returned as is, so loading
    /// it reports why.
    public static func ruleSetPaths(for path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return [path] }
        var out: [String] = []
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: path))?.sorted() ?? []
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        for dir in [base] + names.map({ base + "/" + $0 }) {
            var d: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &d), d.boolValue,
                  !dir.dropFirst(base.count).split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            if !RuleSetLoader.ruleFiles(inFolder: dir).isEmpty { out.append(dir) }
        }
        return out.isEmpty ? [path] : out
    }

    /// The folder a header-less rule file belongs to, when another file of that folder has the header.
    static func enclosingRuleSet(of path: String) -> String? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        if hasHeader(RuleSetLoader.parse(source: text, path: path).file) { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        let siblings = RuleSetLoader.ruleFiles(inFolder: dir)
        guard siblings.contains(where: { samePath($0, path) }) else { return nil }
        for s in siblings where !samePath(s, path) {
            guard let t = try? String(contentsOfFile: s, encoding: .utf8) else { continue }
            if hasHeader(RuleSetLoader.parse(source: t, path: s).file) { return dir }
        }
        return nil
    }

    static func hasHeader(_ file: RuleFile) -> Bool {
        file.statements.contains { if case .header = $0 { true } else { false } }
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        a == b || URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }
}

/// What running the tests of one rule set gave.
public struct RuleSetTestReport: Sendable {
    /// The path the rule set was loaded from (a file or folder).
    public var path: String
    /// The rule set's title, from its header.
    public var title: String?
    /// Diagnostics of loading the rules; with errors, no test ran.
    public var diagnostics: [Diagnostic]
    /// The rule files' text, to render diagnostics.
    public var sources: [String: String]
    /// One result per test run.
    public var tests: [RuleTestResult] = []
    /// Files with goals or retirements but no test: a failure, since their rules are unguarded.
    public var untestedFiles: [String] = []
    /// Files with only a header or only terms: nothing a test can name; they are tested through the rule
    /// sets that include them.
    public var exemptFiles: [String] = []
    /// Problems that stopped the run (the engine refused the rule set).
    public var errors: [String] = []
    /// The language the rule set declares (`language zh`), if it does.
    public var language: Language?

    init(path: String, title: String?, diagnostics: [Diagnostic], sources: [String: String]) {
        self.path = path
        self.title = title
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// Whether the rules could not be used: errors when loading them, or the engine refused them.
    public var hasRuleErrors: Bool { diagnostics.contains { $0.level == .error } || !errors.isEmpty }
    /// Expectations met.
    public var passed: Int { tests.reduce(0) { $0 + $1.checks.filter(\.passed).count } }
    /// Expectations not met, plus tests whose plan could not be read.
    public var failed: Int { tests.reduce(0) { $0 + $1.checks.filter { !$0.passed }.count + ($1.error == nil ? 0 : 1) } }
    /// Whether everything ran and held: no rule error, no failure, no untested file.
    public var succeeded: Bool { !hasRuleErrors && failed == 0 && untestedFiles.isEmpty }

    /// The report as lines for a terminal: every expectation with ✓ or ✗ (only failures with `failuresOnly`).
    public func rendered(failuresOnly: Bool = false, language: Language = .en) -> String {
        let l = language
        // An expectation's word: a status (`covered`), `reported` or `not reported`; the test's own keywords
        // (`test`, `outdated "…"`) stay as written.
        func word(_ raw: String) -> String {
            if let s = Status(rawValue: raw) { return s.word.text(l) }
            switch raw {
            case "reported": return l.pick(raw, "已报告")
            case "not reported": return l.pick(raw, "未报告")
            case "not checked": return l.pick(raw, "未检查")
            default: return raw
            }
        }
        var out = "\(path)" + (title.map { l.pick(" — ", "——") + $0 } ?? "") + "\n"
        let errorLabel = l.pick("error: ", "错误：")
        for e in errors { out += "  \(errorLabel)\(e)\n" }
        for t in tests {
            let bad = t.error != nil || t.checks.contains { !$0.passed }
            if failuresOnly && !bad { continue }
            out += "  \(bad ? "✗" : "✓") test \"\(t.name)\" (\(t.file):\(t.line))\n"
            if let e = t.error { out += "      \(errorLabel)\(e)\n" }
            for c in t.checks where !failuresOnly || !c.passed {
                if c.passed {
                    out += "      ✓ \(c.subject) \(word(c.expected))\n"
                } else {
                    out += "      ✗ \(c.subject)" + l.pick(": expected \(c.expected), got \(c.actual) (line \(c.line))",
                                                     "：应为\(word(c.expected))，实为\(word(c.actual))（第 \(c.line) 行）") + "\n"
                    let detail = l == .zh && !c.chineseDetail.isEmpty ? c.chineseDetail : c.detail
                    if !detail.isEmpty { out += "          \(detail)\n" }
                    if let ev = c.evidence { out += "          " + l.pick("at ", "位置：") + ev + "\n" }
                }
            }
        }
        for f in untestedFiles { out += "  ✗ \(f)" + l.pick(": goals or retirements but no test", "：有目标或停用表述，但没有测试") + "\n" }
        if tests.isEmpty && untestedFiles.isEmpty && errors.isEmpty {
            out += l.pick("  no tests: only a header or terms, tested through the rule sets that include them\n",
                          "  没有测试：只有头部或词语，通过包含它们的规则集测试\n")
        }
        return out
    }
}

/// One test's outcome.
public struct RuleTestResult: Sendable {
    /// The test's name, as written.
    public var name: String
    /// Where the test is written.
    public var file: String
    public var line: Int
    /// One entry per expectation, in order.
    public var checks: [ExpectationCheck] = []
    /// Why the test could not run (its plan file is unreadable), if so.
    public var error: String?
}

/// One expectation of a test, set against what the engine decided.
public struct ExpectationCheck: Sendable {
    /// The goal's id, or `outdated "十九大"`.
    public var subject: String
    /// What the test expects: a status, or `reported` / `not reported`.
    public var expected: String
    /// What the engine decided.
    public var actual: String
    public var passed: Bool
    /// The finding's message, to see why.
    public var detail: String
    /// The same in Chinese.
    public var chineseDetail: String = ""
    /// The expectation's line in the rule file.
    public var line: Int
    /// The first place the finding points at, if any.
    public var evidence: String?
}
