import Localization

/// A token of the rule language.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// A name or keyword: `goal`, `研发强度`, `亿元`, `%`.
        case word
        /// A quoted string; `text` is its value.
        case string
        /// `3.2`, `2-3`, `5.2.1`, with the letters right after it in `unit`.
        case number
        /// `2025-12-23`.
        case date
        /// `/pattern/`; `text` is the pattern with `\/` unescaped.
        case regex
        /// `{ } ( ) , = | .. >= <= > <`.
        case punct
        case eof
    }

    var kind: Kind
    /// The word, the string's or pattern's value, the number's digits, the punctuation's canonical form.
    var text: String
    /// The exact source text.
    var raw: String
    var range: SourceRange
    /// Whether no other token precedes it on its line (recovery resumes at such tokens).
    var atLineStart: Bool
    /// For numbers: the letters or `%` written right after the digits (`亿元` in `1000亿元`).
    var unit: String = ""
    /// For strings: written with `"""` over several lines.
    var isMultiline: Bool = false

    func isWord(_ w: String) -> Bool { kind == .word && text == w }
    func isPunct(_ p: String) -> Bool { kind == .punct && text == p }

    /// How the token reads in a message: `"研发"`, `goal`, `end of file`.
    var display: LocalizedText {
        switch kind {
        case .eof: return L("end of file", "文件末尾")
        case .string: return isMultiline ? L("a multi-line string", "多行字符串") : L("\"\(text)\"")
        default:
            let r = raw.count > 30 ? String(raw.prefix(30)) + "…" : raw
            return L("'\(r)'")
        }
    }
}

/// Maps offsets to lines and columns for one file.
struct LineMap: Sendable {
    let file: String
    private let lineStarts: [Int]

    init(file: String, scalars: [Unicode.Scalar]) {
        self.file = file
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    func location(_ offset: Int) -> SourceLocation {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(file: file, line: lo + 1, column: offset - lineStarts[lo] + 1, offset: offset)
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(location(start), location(max(start, end)))
    }
}

/// Splits a rule file into tokens and comments, reporting malformed strings, numbers and characters.
///
/// The lexer never stops early: a bad character is reported and skipped, an unterminated string ends
/// at the end of its line, so the parser always gets a token stream to recover in.
struct Lexer {
    let scalars: [Unicode.Scalar]
    let lines: LineMap
    private var i = 0
    private var lastTokenLine = 0
    private(set) var tokens: [Token] = []
    private(set) var comments: [SourceComment] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(source: String, file: String) {
        var s = Array(source.unicodeScalars)
        if s.first == "\u{FEFF}" { s[0] = " " }  // a BOM is whitespace, not a character error
        scalars = s
        lines = LineMap(file: file, scalars: s)
    }

    static func tokenize(_ source: String, file: String) -> (tokens: [Token], comments: [SourceComment], diagnostics: [Diagnostic], lines: LineMap) {
        var lexer = Lexer(source: source, file: file)
        lexer.run()
        return (lexer.tokens, lexer.comments, lexer.diagnostics, lexer.lines)
    }

    // MARK: character classes

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\r" || s == "\n" || s == "\u{3000}" || s == "\u{A0}" || s == "\u{FEFF}"
    }

    /// ASCII or full-width digit value.
    static func digit(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x30...0x39: Int(s.value - 0x30)
        case 0xFF10...0xFF19: Int(s.value - 0xFF10)
        default: nil
        }
    }

    static func isWordStart(_ s: Unicode.Scalar) -> Bool {
        // Fast paths for ASCII and the CJK block, which are nearly all a rule file holds.
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0x4E00...0x9FFF: return true
        case 0...0x7F: return false
        default: return s.properties.isAlphabetic && digit(s) == nil
        }
    }

    static func isWordContinue(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x4E00...0x9FFF, 0xB7: return true
        case 0...0x7F: return false
        default: return isWordStart(s) || digit(s) != nil || s.properties.generalCategory == .nonspacingMark
        }
    }

    static func isPercent(_ s: Unicode.Scalar) -> Bool { s == "%" || s == "％" || s == "‰" }

    /// Full-width punctuation typed with a Chinese input method, read as its ASCII twin.
    static func asciiPunct(_ s: Unicode.Scalar) -> String? {
        switch s {
        case "{", "｛": "{"
        case "}", "｝": "}"
        case "(", "（": "("
        case ")", "）": ")"
        case ",", "，": ","
        case "=", "＝": "="
        case "|", "｜": "|"
        default: nil
        }
    }

    // MARK: scanning

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        i + k < scalars.count ? scalars[i + k] : nil
    }

    private mutating func error(_ code: String, _ message: LocalizedText, _ start: Int, _ end: Int, hint: LocalizedText? = nil) {
        diagnostics.append(Diagnostic(.error, code, message, at: lines.range(start, end), hint: hint))
    }

    private mutating func emit(_ kind: Token.Kind, _ text: String, from start: Int, unit: String = "", multiline: Bool = false) {
        let range = lines.range(start, i)
        let atLineStart = range.start.line != lastTokenLine
        lastTokenLine = lines.location(max(start, i - 1)).line
        tokens.append(Token(kind: kind, text: text, raw: String(String.UnicodeScalarView(scalars[start..<i])),
                            range: range, atLineStart: atLineStart, unit: unit, isMultiline: multiline))
    }

    mutating func run() {
        while i < scalars.count {
            let c = scalars[i]
            let start = i
            if Self.isSpace(c) { i += 1; continue }
            if c == "#" {
                while i < scalars.count, scalars[i] != "\n" { i += 1 }
                var end = i
                while end > start, scalars[end - 1] == "\r" || scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
                comments.append(SourceComment(text: String(String.UnicodeScalarView(scalars[start..<end])),
                                        range: lines.range(start, end)))
                continue
            }
            if c == "\"" {
                if peek(1) == "\"", peek(2) == "\"" { lexMultilineString() } else { lexString(close: "\"") }
                continue
            }
            if c == "“" {
                error("curly-quotes", L("strings are written between straight quotes \"…\", not “…”", "字符串写在直引号 \"…\" 之间，不用 “…”"),
                      i, i + 1, hint: L("type the quote with the input method in English mode: \"研发投入强度\"",
                                        "把输入法切到英文状态再输入引号：\"研发投入强度\""))
                lexString(close: "”")
                continue
            }
            if c == "/" { lexRegex(); continue }
            if Self.digit(c) != nil { lexNumber(); continue }
            if Self.isWordStart(c) {
                // A dot between word characters stays in the word, so goal ids like `生态.1` read as one.
                while let n = peek(), Self.isWordContinue(n)
                        || (n == "." && peek(1).map { Self.isWordContinue($0) } == true) { i += 1 }
                emit(.word, String(String.UnicodeScalarView(scalars[start..<i])), from: start)
                continue
            }
            if Self.isPercent(c) {
                i += 1
                emit(.word, String(c), from: start)
                continue
            }
            if let p = Self.asciiPunct(c) {
                i += 1
                emit(.punct, p, from: start)
                continue
            }
            switch c {
            case ">", "<", "＞", "＜":
                i += 1
                let base = (c == ">" || c == "＞") ? ">" : "<"
                if peek() == "=" || peek() == "＝" {
                    i += 1
                    emit(.punct, base + "=", from: start)
                } else {
                    emit(.punct, base, from: start)
                }
            case "≥":
                i += 1
                emit(.punct, ">=", from: start)
            case "≤":
                i += 1
                emit(.punct, "<=", from: start)
            case ".":
                if peek(1) == "." {
                    i += 2
                    emit(.punct, "..", from: start)
                } else {
                    i += 1
                    error("unexpected-character", L("unexpected '.'", "此处不能有 '.'"), start, i)
                }
            default:
                i += 1
                unexpected(c, start)
            }
        }
        let end = scalars.count
        let loc = lines.location(end)
        tokens.append(Token(kind: .eof, text: "", raw: "", range: SourceRange(loc, loc), atLineStart: true))
    }

    /// Reports a character the language has no use for; a run of them is one error, not one each.
    private mutating func unexpected(_ c: Unicode.Scalar, _ start: Int) {
        if let last = diagnostics.last, last.code == "unexpected-character", last.range.end.offset == start {
            var merged = last
            merged.range = lines.range(last.range.start.offset, i)
            let run = String(String.UnicodeScalarView(scalars[merged.range.start.offset..<i].prefix(20).map {
                Self.printable($0).unicodeScalars.count == 1 ? $0 : "?"
            }))
            let shown = "'\(run)\(merged.range.length > 20 ? "…" : "")'"
            merged.message = "unexpected characters \(shown)"
            merged.chineseMessage = "此处不能有字符 \(shown)"
            diagnostics[diagnostics.count - 1] = merged
            return
        }
        error("unexpected-character", L("unexpected character '\(Self.printable(c))'", "此处不能有字符 '\(Self.printable(c))'"), start, i,
              hint: c == "'" || c == "‘" ? L("strings are written between double quotes \"…\"", "字符串写在双引号 \"…\" 之间") : nil)
    }

    static func printable(_ c: Unicode.Scalar) -> String {
        c.value < 0x20 || c.value == 0x7F ? "\\u{\(String(c.value, radix: 16))}" : String(c)
    }

    /// Reads the escape after a backslash at `i` (pointing at the backslash) into `value`.
    private mutating func lexEscape(into value: inout String.UnicodeScalarView) {
        let start = i
        i += 1
        guard let e = peek(), e != "\n" else {
            error("bad-escape", L("a backslash must be followed by an escape such as \\\" or \\n", "反斜杠后面要跟转义字符，如 \\\" 或 \\n"), start, i)
            return
        }
        i += 1
        switch e {
        case "\"": value.append("\"")
        case "\\": value.append("\\")
        case "n": value.append("\n")
        case "t": value.append("\t")
        case "r": value.append("\r")
        case "u":
            guard peek() == "{" else {
                error("bad-escape", L("\\u must be followed by a hexadecimal code in braces", "\\u 后面要跟花括号里的十六进制码"), start, i,
                      hint: L("write \\u{7814}", "写作 \\u{7814}"))
                return
            }
            i += 1
            var hex = ""
            while let h = peek(), h.properties.isASCIIHexDigit, hex.count < 8 { hex.unicodeScalars.append(h); i += 1 }
            guard peek() == "}", let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else {
                while let h = peek(), h != "}", h != "\"", h != "\n" { i += 1 }
                if peek() == "}" { i += 1 }
                error("bad-escape", L("\\u{…} needs a valid Unicode code point in hexadecimal", "\\u{…} 里要写有效的十六进制 Unicode 码位"),
                      start, i, hint: L("write \\u{7814}", "写作 \\u{7814}"))
                return
            }
            i += 1
            value.append(s)
        default:
            error("bad-escape", L("unknown escape sequence \\\(Self.printable(e))", "未知的转义序列 \\\(Self.printable(e))"), start, i,
                  hint: L("write \\\\ for a backslash", "反斜杠本身写作 \\\\"))
            value.append(e)
        }
    }

    private mutating func lexString(close: Unicode.Scalar) {
        let start = i
        i += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let c = peek(), c != "\n" else {
                error("unterminated-string", L("unterminated string", "字符串没有结束的引号"), start, i,
                      hint: L("close it with \" on the same line, or use \"\"\" for a multi-line string",
                              "在同一行用 \" 结束它，或用 \"\"\" 写多行字符串"))
                break
            }
            if c == close { i += 1; break }
            if c == "\\" { lexEscape(into: &value); continue }
            value.append(c)
            i += 1
        }
        emit(.string, withoutControls(value, from: start), from: start)
    }

    /// A string's text without control characters (tab and line breaks kept), reported once: NUL in a phrase
    /// made Foundation's `String.contains` trap ("届".contains("届\0"): index out of bounds), found by fuzzing.
    private mutating func withoutControls(_ value: String.UnicodeScalarView, from start: Int) -> String {
        func isControl(_ c: Unicode.Scalar) -> Bool { (c.value < 0x20 && c != "\t" && c != "\n" && c != "\r") || c.value == 0x7F }
        guard let bad = value.first(where: isControl) else { return String(value) }
        let code = "U+\(String(format: "%04X", bad.value))"
        error("control-character", L("a string cannot hold the control character \(code)", "字符串里不能有控制字符 \(code)"), start, i,
              hint: L("remove it; write a tab as \\t", "删去它；制表符写作 \\t"))
        return String(String.UnicodeScalarView(value.filter { !isControl($0) }))
    }

    /// `"""` on its own line, content lines, `"""` on its own line; the closing delimiter's
    /// indentation is removed from every line, so the string can be indented with its rule.
    private mutating func lexMultilineString() {
        let start = i
        i += 3
        while let c = peek(), c == " " || c == "\t" || c == "\r" { i += 1 }
        if let c = peek(), c != "\n" {
            error("multiline-string", L("a multi-line string starts on the line after \"\"\"", "多行字符串从 \"\"\" 的下一行开始"), i, i + 1,
                  hint: L("put the text on the next line, or use \"…\" for a one-line string", "把文字移到下一行，或用 \"…\" 写单行字符串"))
            while let c = peek(), c != "\n" { i += 1 }
        }
        guard peek() == "\n" else {
            error("unterminated-string", L("unterminated multi-line string", "多行字符串没有结束"), start, start + 3,
                  hint: L("close it with \"\"\" on a line of its own", "在单独的一行写 \"\"\" 结束它"))
            emit(.string, "", from: start, multiline: true)
            return
        }
        i += 1
        var lineRanges: [(Int, Int)] = []
        var indent: [Unicode.Scalar]?
        while i < scalars.count {
            let lineStart = i
            while let c = peek(), c == " " || c == "\t" { i += 1 }
            if peek() == "\"", peek(1) == "\"", peek(2) == "\"" {
                indent = Array(scalars[lineStart..<i])
                i += 3
                break
            }
            while let c = peek(), c != "\n" { i += 1 }
            lineRanges.append((lineStart, i))
            if peek() == "\n" { i += 1 }
        }
        guard let indent else {
            error("unterminated-string", L("unterminated multi-line string", "多行字符串没有结束"), start, start + 3,
                  hint: L("close it with \"\"\" on a line of its own", "在单独的一行写 \"\"\" 结束它"))
            emit(.string, "", from: start, multiline: true)
            return
        }
        var value = String.UnicodeScalarView()
        let saved = i
        for (n, (ls, le)) in lineRanges.enumerated() {
            if n > 0 { value.append("\n") }
            var end = le
            if end > ls, scalars[end - 1] == "\r" { end -= 1 }
            let line = scalars[ls..<end]
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard line.starts(with: indent) else {
                error("multiline-indent", L("this line is indented less than the closing \"\"\"", "这一行的缩进比结尾的 \"\"\" 少"), ls, ls + 1,
                      hint: L("indent every line of the string at least as far as the closing \"\"\"",
                              "字符串每一行的缩进都不能少于结尾的 \"\"\""))
                continue
            }
            i = ls + indent.count
            while i < end {
                if scalars[i] == "\\" { lexEscape(into: &value) } else { value.append(scalars[i]); i += 1 }
            }
        }
        i = saved
        emit(.string, withoutControls(value, from: start), from: start, multiline: true)
    }

    private mutating func lexRegex() {
        let start = i
        i += 1
        var value = String.UnicodeScalarView()
        var inClass = false
        while true {
            guard let c = peek(), c != "\n" else {
                error("unterminated-pattern", L("unterminated section pattern", "章节模式没有结束的 /"), start, i,
                      hint: L("close the pattern with /", "用 / 结束模式"))
                break
            }
            if c == "\\", let n = peek(1), n != "\n" {
                if n == "/" { value.append("/") } else { value.append(c); value.append(n) }
                i += 2
                continue
            }
            if c == "[" { inClass = true } else if c == "]" { inClass = false }
            if c == "/" && !inClass { i += 1; break }
            value.append(c)
            i += 1
        }
        emit(.regex, String(value), from: start)
    }

    private mutating func digits() -> String {
        var s = ""
        while let c = peek(), let d = Self.digit(c) { s += String(d); i += 1 }
        return s
    }

    /// `\d+(\.\d+)*`: a plain number, or a dotted goal id such as `5.2.1`.
    private mutating func dotted() -> String {
        var s = digits()
        while peek() == ".", let n = peek(1), Self.digit(n) != nil {
            i += 1
            s += "." + digits()
        }
        return s
    }

    private mutating func lexNumber() {
        let start = i
        var text = dotted()
        var kind = Token.Kind.number
        if let dash = peek(), dash == "-" || dash == "–" || dash == "~" || dash == "～", let n = peek(1), Self.digit(n) != nil {
            i += 1
            let second = dotted()
            if dash == "-", peek() == "-", let n2 = peek(1), Self.digit(n2) != nil {
                i += 1
                text += "-" + second + "-" + digits()
                kind = .date
            } else {
                text += "-" + second
            }
        }
        var unit = ""
        if kind == .number {
            if let c = peek(), Self.isPercent(c) {
                unit = String(c)
                i += 1
            } else if let c = peek(), Self.isWordStart(c) {
                let u = i
                while let n = peek(), Self.isWordContinue(n) { i += 1 }
                unit = String(String.UnicodeScalarView(scalars[u..<i]))
            }
        }
        emit(kind, text, from: start, unit: unit)
    }
}
