import Localization

/// A problem found in a rule file, with where it is and, when one can be given, how to fix it.
///
/// Its message and hint are written in English and Chinese where it is made; `message` and `hint` are the
/// English texts (tests and golden files read them), `message(in:)` and `hint(in:)` give either.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is: errors stop a check, warnings are reported.
    public enum Level: String, Sendable, Hashable, Comparable {
        case warning, error

        public static func < (a: Level, b: Level) -> Bool { a == .warning && b == .error }
    }

    /// Error or warning.
    public var level: Level
    /// What is wrong, in one line, lower case, no final period, in English.
    public var message: String
    /// What is wrong, in Chinese (one line, no final 。).
    public var chineseMessage: String
    /// The span the caret line underlines.
    public var range: SourceRange
    /// How to fix it, when known (`did you mean 研发强度?`), in English.
    public var hint: String?
    /// How to fix it, in Chinese (`你是不是想写 研发强度？`); nil exactly when `hint` is.
    public var chineseHint: String?
    /// A stable name for the kind of problem (`unknown-term`), listed in docs/rule-language.md.
    public var code: String

    /// A diagnostic whose message and hint are written in both languages.
    public init(_ level: Level, _ code: String, _ message: LocalizedText, at range: SourceRange, hint: LocalizedText? = nil) {
        self.level = level
        self.code = code
        self.message = message.en
        chineseMessage = message.zh
        self.range = range
        self.hint = hint?.en
        chineseHint = hint?.zh
    }

    /// A diagnostic whose texts read the same in every language (tests; plancheck's own diagnostics use the
    /// `LocalizedText` form).
    public init(_ level: Level, _ code: String, _ message: String, at range: SourceRange, hint: String? = nil) {
        self.init(level, code, LocalizedText(message), at: range, hint: hint.map { LocalizedText($0) })
    }

    /// The message in `language`.
    public func message(in language: Language) -> String { language == .zh ? chineseMessage : message }

    /// The hint in `language`, if there is one.
    public func hint(in language: Language) -> String? { language == .zh ? chineseHint ?? hint : hint }

    /// Where it starts.
    public var location: SourceLocation { range.start }

    /// The first line of the rendering: `file:line:col: error: message`.
    public var description: String { "\(location): \(level.rawValue): \(message)" }

    /// Orders diagnostics by file, then position, then message, so output is deterministic.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { a, b in
            if a.location.file != b.location.file { return a.location.file < b.location.file }
            if a.location.offset != b.location.offset { return a.location.offset < b.location.offset }
            if a.level != b.level { return a.level > b.level }
            return a.message < b.message
        }
    }
}

/// Draws diagnostics the way compilers do: the headline, the source line, a caret under the spot.
public struct DiagnosticRenderer: Sendable {
    /// The text of each file, keyed by the path diagnostics use.
    public var sources: [String: String]
    /// Whether to color `error:` and `warning:` for a terminal.
    public var color: Bool
    /// The language of the messages, hints and labels (`错误：`, `建议：` in Chinese).
    public var language: Language

    /// Each file's lines, split once (a file with many diagnostics must not be re-scanned for each).
    private let lines: [String: [Substring]]

    public init(sources: [String: String], color: Bool = false, language: Language = .en) {
        self.sources = sources
        self.color = color
        self.language = language
        lines = sources.mapValues { $0.split(separator: "\n", omittingEmptySubsequences: false) }
    }

    /// Source lines wider than this are shown as a window around the caret.
    static let maxShownWidth = 160

    /// One diagnostic as text, ending with a newline.
    public func render(_ d: Diagnostic) -> String {
        var cache = LongLine()
        return render(d, &cache)
    }

    /// All diagnostics, in order.
    public func render(_ ds: [Diagnostic]) -> String {
        var cache = LongLine()
        var out = ""
        for d in ds { out += render(d, &cache) }
        return out
    }

    /// The scalars of the last long line drawn: diagnostics come sorted, so the many on one long line are
    /// drawn from one decoding of it (decoding it for each made 2,400 errors on a 40k line take 9 s).
    private struct LongLine {
        var file = "", line = 0
        var scalars: [Unicode.Scalar] = []
    }

    private func render(_ d: Diagnostic, _ cache: inout LongLine) -> String {
        let word: String
        switch (d.level, language) {
        case (.error, .zh): word = "错误："
        case (.warning, .zh): word = "警告："
        case (let level, .en): word = "\(level.rawValue):"
        }
        let label: String
        switch (d.level, color) {
        case (.error, true): label = "\u{1B}[1;31m\(word)\u{1B}[0m"
        case (.warning, true): label = "\u{1B}[1;33m\(word)\u{1B}[0m"
        case (_, false): label = word
        }
        // In Chinese the full-width colon ends the label, so no space follows it.
        let gap = language == .zh ? "" : " "
        var out = "\(d.location): \(label)\(gap)\(d.message(in: language))\n"
        if d.location.line > 0, let fileLines = lines[d.location.file], d.location.line <= fileLines.count {
            var raw = fileLines[d.location.line - 1]
            if raw.hasSuffix("\r") { raw.removeLast() }
            var line: String
            var column = d.location.column
            var length = d.range.end.line == d.range.start.line ? d.range.length : .max
            if DisplayWidth.exceeds(raw, Self.maxShownWidth) {
                // A very long line (a minified or damaged file): show 60 characters either side of the spot.
                if cache.file != d.location.file || cache.line != d.location.line {
                    cache = LongLine(file: d.location.file, line: d.location.line, scalars: Array(raw.unicodeScalars))
                }
                let scalars = cache.scalars
                let from = max(0, min(column - 1, scalars.count) - 60)
                let to = min(scalars.count, column - 1 + min(length, 60) + 60)
                let lead = from > 0 ? "..." : ""
                line = lead + String(String.UnicodeScalarView(scalars[from..<max(from, to)])) + (to < scalars.count ? "..." : "")
                column = column - from + lead.count
                length = min(length, 60)
            } else {
                line = String(raw)
            }
            out += line + "\n"
            out += Self.caretLine(line: line, column: column, length: length) + "\n"
        }
        if let hint = d.hint(in: language) { out += language.pick("hint: ", "建议：") + hint + "\n" }
        return out
    }

    /// Spaces up to `column`, then `^~~~` as wide on screen as `length` scalars of the line.
    ///
    /// Tabs are copied so the caret lands under the same cell whatever the tab width; CJK characters
    /// take two cells, so the caret under `研发强度` sits where the terminal draws it.
    static func caretLine(line: String, column: Int, length: Int) -> String {
        let scalars = Array(line.unicodeScalars)
        var out = ""
        let startIndex = max(0, min(column - 1, scalars.count))
        for s in scalars[0..<startIndex] {
            out += s == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of(s))
        }
        var width = 0
        var i = startIndex
        while i < scalars.count, i - startIndex < length {
            width += scalars[i] == "\t" ? 1 : DisplayWidth.of(scalars[i])
            i += 1
        }
        out += "^" + String(repeating: "~", count: max(0, width - 1))
        return out
    }
}

/// How many terminal cells a character takes: two for CJK and full-width forms, none for combining marks.
public enum DisplayWidth {
    /// The cells taken by one scalar.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 { return 0 }
        if v < 0x300 { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// The cells taken by a string.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Whether `text` takes more than `cells`, reading no further than it must (a line may be megabytes).
    public static func exceeds(_ text: Substring, _ cells: Int) -> Bool {
        // No scalar is wider than its UTF-8 bytes, so a short line is known without looking.
        if text.utf8.count <= cells { return false }
        var width = 0
        for s in text.unicodeScalars {
            width += of(s)
            if width > cells { return true }
        }
        return false
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the blocks plans use and their neighbours).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// `did you mean X?` in both languages.
func didYouMeanText(_ name: String) -> LocalizedText { L("did you mean \(name)?", "你是不是想写 \(name)？") }

/// Chinese text pieces joined with a space where Chinese meets code or Latin letters (`目标 5.2 缺少…`), as
/// Chinese technical writing does; full-width punctuation takes no space.
func zhJoin(_ parts: String...) -> String {
    func cjk(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x2E80 && !(0x3000...0x303F).contains(s.value) && !(0xFF00...0xFF65).contains(s.value)
    }
    func latin(_ s: Unicode.Scalar) -> Bool { s.value > 0x20 && s.value < 0x7F }
    var out = ""
    for part in parts where !part.isEmpty {
        if let a = out.unicodeScalars.last, let b = part.unicodeScalars.first, (cjk(a) && latin(b)) || (latin(a) && cjk(b)) {
            out += " "
        }
        out += part
    }
    return out
}
