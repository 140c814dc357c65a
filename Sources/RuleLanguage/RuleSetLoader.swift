import Foundation
import Localization

/// What loading a rule set gives: the rule set, every diagnostic, and the text of every file read.
public struct RuleSetLoadResult: Sendable {
    /// The rule set, as far as it could be read (check `hasErrors` before using it for a check).
    public var ruleSet: RuleSet
    /// Syntax and semantic errors and warnings of every file, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The text of each file read, by the path diagnostics use (to render source lines).
    public var sources: [String: String]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.level == .error } }
    /// Whether any diagnostic is a warning.
    public var hasWarnings: Bool { diagnostics.contains { $0.level == .warning } }

    /// All diagnostics rendered with source lines and carets, in `language`.
    public func rendered(color: Bool = false, language: Language = .en) -> String {
        DiagnosticRenderer(sources: sources, color: color, language: language).render(diagnostics)
    }
}

/// Loads rule sets from files and folders: reads, parses, follows includes, then checks the whole set.
///
/// A folder stands for all the `*.rules` files directly in it, in name order. An `include` is resolved
/// relative to the file that contains it and may name a file or a folder; a file reached twice is read
/// once, an include cycle or a missing include is reported at the include.
public enum RuleSetLoader {
    /// Loads the rule set at `path` (a `.rules` file or a folder of them).
    public static func load(path: String) -> RuleSetLoadResult { load(paths: [path]) }

    /// Loads one rule set made of all the given files and folders.
    public static func load(paths: [String]) -> RuleSetLoadResult {
        var loader = Loading()
        for path in paths { loader.addEntry(path) }
        return loader.finish()
    }

    /// Loads a rule set from text in memory, as if it were the file `path` (its includes are read from
    /// disk, relative to `path`). Handy for tests and editors.
    public static func load(source: String, path: String) -> RuleSetLoadResult {
        var loader = Loading()
        loader.addEntry(path, text: source)
        return loader.finish()
    }

    /// Parses one file's text without following includes or checking meaning (what `rules fmt` needs).
    public static func parse(source: String, path: String) -> (file: RuleFile, diagnostics: [Diagnostic]) {
        RuleParser.parse(source: source, path: path)
    }

    /// The most diagnostics shown for one file.
    public static let maxDiagnosticsPerFile = 200

    /// The `*.rules` files directly in a folder, sorted by name.
    public static func ruleFiles(inFolder folder: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { $0.hasSuffix(".rules") && !$0.hasPrefix(".") }.sorted().map { join(folder, $0) }
            .filter { isRegularFile($0) }
    }

    /// The path of a test's plan file, resolved relative to the rule file the test is in.
    public static func planPath(of test: RuleTest) -> String? {
        guard case .file(let p)? = test.plan?.value else { return nil }
        return join(directory(of: test.range.start.file), p)
    }

    // MARK: paths

    static func isDirectory(_ path: String) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
    }

    static func isRegularFile(_ path: String) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && !dir.boolValue
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    /// `a/b` + `../c` → `a/c`, lexically, keeping a relative path relative (it is what users see).
    static func join(_ dir: String, _ path: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        return normalize(dir == "." ? path : dir + "/" + path)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// A key that is the same for every spelling of one file, so a file is read once.
    static func identity(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// The state of one load: files read so far, the include chain being followed, diagnostics.
private struct Loading {
    var files: [RuleFile] = []
    var done: Set<String> = []
    var stack: [(key: String, path: String)] = []
    var entryPaths: [String] = []
    var diagnostics: [Diagnostic] = []
    var sources: [String: String] = [:]
    var syntaxErrorRanges: [SourceRange] = []

    mutating func addEntry(_ path: String, text: String? = nil) {
        if let text {
            entryPaths.append(path)
            visit(path: path, key: RuleSetLoader.identity(path), text: text, via: nil)
            return
        }
        if RuleSetLoader.isDirectory(path) {
            let found = RuleSetLoader.ruleFiles(inFolder: path)
            if found.isEmpty {
                diagnostics.append(Diagnostic(.error, "no-rule-files", L("no .rules files in this folder", "这个文件夹里没有 .rules 文件"), at: range(path)))
            }
            for f in found {
                entryPaths.append(f)
                visit(path: f, key: RuleSetLoader.identity(f), text: nil, via: nil)
            }
        } else if RuleSetLoader.isRegularFile(path) {
            entryPaths.append(path)
            visit(path: path, key: RuleSetLoader.identity(path), text: nil, via: nil)
        } else {
            diagnostics.append(Diagnostic(.error, "missing-file", L("no such file or folder", "没有这个文件或文件夹"), at: range(path)))
        }
    }

    func range(_ path: String) -> SourceRange {
        SourceRange(.file(path), .file(path))
    }

    mutating func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(Diagnostic(.error, "unreadable-file", L("cannot read this file", "读不了这个文件"), at: range(path)))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(.error, "not-utf8", L("this file is not valid UTF-8", "这个文件不是有效的 UTF-8"), at: range(path),
                                          hint: L("save rule files as UTF-8 (GBK or UTF-16 are not read)", "把规则文件存为 UTF-8（不读 GBK 或 UTF-16）")))
            return nil
        }
        return text
    }

    mutating func visit(path: String, key: String, text: String?, via include: Include?) {
        if let i = stack.firstIndex(where: { $0.key == key }) {
            let chain = (stack[i...].map(\.path) + [path]).joined(separator: " → ")
            if let include {
                diagnostics.append(Diagnostic(.error, "include-cycle", L("include cycle: \(chain)", "include 成环：\(chain)"), at: include.range,
                                              hint: L("a file cannot include itself, even through other files", "文件不能 include 它自己，经由其他文件也不行")))
            }
            return
        }
        if done.contains(key) { return }
        done.insert(key)
        guard let source = text ?? read(path) else { return }
        sources[path] = source
        let (file, syntax) = RuleParser.parse(source: source, path: path)
        diagnostics += syntax
        syntaxErrorRanges += syntax.map(\.range)
        stack.append((key, path))
        for statement in file.statements {
            guard case .header(let h) = statement else { continue }
            for inc in h.includes { follow(inc, from: path) }
        }
        stack.removeLast()
        files.append(file)
    }

    mutating func follow(_ inc: Include, from path: String) {
        let target = RuleSetLoader.join(RuleSetLoader.directory(of: path), inc.path)
        if RuleSetLoader.isDirectory(target) {
            let found = RuleSetLoader.ruleFiles(inFolder: target)
            if found.isEmpty {
                diagnostics.append(Diagnostic(.error, "missing-include", L("cannot include \(inc.path): the folder has no .rules files",
                                                                          "无法 include \(inc.path)：这个文件夹里没有 .rules 文件"),
                                              at: inc.range))
            }
            for f in found { visit(path: f, key: RuleSetLoader.identity(f), text: nil, via: inc) }
        } else if RuleSetLoader.isRegularFile(target) {
            visit(path: target, key: RuleSetLoader.identity(target), text: nil, via: inc)
        } else {
            let dir = RuleSetLoader.directory(of: target)
            let name = String(target.split(separator: "/").last ?? "")
            let siblings = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            let hint = Suggest.closest(to: name, in: siblings.sorted()).map { s -> LocalizedText in
                let written = inc.path.contains("/") ? RuleSetLoader.directory(of: inc.path) + "/" + s : s
                return didYouMeanText(written)
            }
            diagnostics.append(Diagnostic(.error, "missing-include", L("cannot include \(inc.path): no such file or folder",
                                                                      "无法 include \(inc.path)：没有这个文件或文件夹"),
                                          at: inc.range, hint: hint ?? L("the path is relative to this file's folder", "路径相对于这个文件所在的文件夹")))
        }
    }

    mutating func finish() -> RuleSetLoadResult {
        var ruleSet = RuleSet(files: files, entryPaths: entryPaths)
        var checker = Checker(ruleSet: ruleSet, syntaxErrors: syntaxErrorRanges)
        checker.run()
        ruleSet.resolvedTerms = checker.resolved
        var all = diagnostics + checker.diagnostics
        var seen = Set<Diagnostic>()
        all = Diagnostic.sorted(all.filter { seen.insert($0).inserted })
        return RuleSetLoadResult(ruleSet: ruleSet, diagnostics: RuleSetLoader.capped(all), sources: sources)
    }
}

extension RuleSetLoader {
    /// At most `RuleSetLoader.maxDiagnosticsPerFile` per file, then one error saying how many more there are:
    /// a damaged or binary file would otherwise bury the terminal under thousands of messages.
    static func capped(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var count: [String: Int] = [:]
        var out: [Diagnostic] = []
        for d in sorted {
            let n = count[d.location.file, default: 0] + 1
            count[d.location.file] = n
            if n <= RuleSetLoader.maxDiagnosticsPerFile { out.append(d) }
        }
        for (file, n) in count.sorted(by: { $0.key < $1.key }) where n > RuleSetLoader.maxDiagnosticsPerFile {
            let more = n - RuleSetLoader.maxDiagnosticsPerFile
            out.append(Diagnostic(.error, "too-many-errors", L("\(more) more problem\(more == 1 ? "" : "s") in this file not shown",
                                                               "这个文件还有 \(more) 个问题没有显示"),
                                  at: SourceRange(.file(file), .file(file)),
                                  hint: L("fix the ones above first; is this really a rule file?", "先改上面这些；这真的是规则文件吗？")))
        }
        return out
    }
}
