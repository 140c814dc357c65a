import Foundation
import Localization

/// Checks a section pattern before any plan is read: it must compile, and it must be able to match
/// some heading as the engine sees headings (one line, spaces removed, numbering kept).
enum SectionPatternCheck {
    struct Problem {
        var level: Diagnostic.Level
        var code: String
        var message: LocalizedText
        var hint: LocalizedText?
    }

    static func check(_ p: SectionPattern) -> Problem? {
        let pattern = p.pattern
        if pattern.utf16.count > SectionPattern.maximumLength {
            return Problem(level: .error, code: "pattern-too-long",
                           message: L("the section pattern /\(p.raw.prefix(12))…/ is \(pattern.utf16.count) characters long; at most \(SectionPattern.maximumLength) are allowed",
                                      "章节模式 /\(p.raw.prefix(12))…/ 长 \(pattern.utf16.count) 个字符，最多只能 \(SectionPattern.maximumLength) 个"),
                           hint: L("match a few words of the heading, such as /产业|制造/: a pattern sees only the first \(SectionPattern.matchedLength) characters of a heading",
                                   "匹配标题里的几个词就够了，如 /产业|制造/：模式只看标题的前 \(SectionPattern.matchedLength) 个字符"))
        }
        guard let regex = p.regularExpression() else {
            return Problem(level: .error, code: "invalid-pattern",
                           message: L("invalid section pattern /\(p.raw)/: \(reason(pattern).en)", "无效的章节模式 /\(p.raw)/：\(reason(pattern).zh)"),
                           hint: L("a section pattern is a regular expression, such as /产业|制造/", "章节模式是正则表达式，如 /产业|制造/"))
        }
        if let why = neverMatches(pattern) {
            return Problem(level: .error, code: "pattern-never-matches",
                           message: L("the section pattern /\(p.raw)/ can never match a heading: \(why.0.en)",
                                      "章节模式 /\(p.raw)/ 永远匹配不到标题：\(why.0.zh)"), hint: why.1)
        }
        let empty = ""
        if regex.firstMatch(in: empty, options: [], range: NSRange(location: 0, length: 0)) != nil {
            return Problem(level: .warning, code: "pattern-matches-all",
                           message: L("the section pattern /\(p.raw)/ matches every heading, so it restricts nothing",
                                      "章节模式 /\(p.raw)/ 匹配所有标题，什么也没限定"),
                           hint: L("remove the empty alternative, or drop the scope", "删去空的分支，或去掉这个范围"))
        }
        return nil
    }

    /// A short reason for a pattern the regex engine refused.
    static func reason(_ pattern: String) -> LocalizedText {
        var depth = 0, inClass = false, escaped = false
        var previous: Character?
        for c in pattern {
            if escaped { escaped = false; previous = "a"; continue }
            if c == "\\" { escaped = true; continue }
            if inClass { if c == "]" { inClass = false }; previous = "a"; continue }
            switch c {
            case "[": inClass = true
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { return L("a ')' without its '('", "')' 没有对应的 '('") }
            case "*", "+", "?", "{":
                if previous == nil || previous == "(" || previous == "|" { return L("'\(c)' has nothing before it to repeat", "'\(c)' 前面没有可重复的内容") }
            default: break
            }
            previous = c
        }
        if escaped { return L("it ends with a lone backslash", "结尾是一个单独的反斜杠") }
        if inClass { return L("a '[' without its ']'", "'[' 没有对应的 ']'") }
        if depth > 0 { return L("a '(' without its ')'", "'(' 没有对应的 ')'") }
        return L("the regular expression is malformed", "正则表达式写得不对")
    }

    /// Why a pattern that compiles still cannot match any heading, with a hint; nil when it can.
    static func neverMatches(_ pattern: String) -> (LocalizedText, LocalizedText)? {
        let chars = Array(pattern)
        // Parts, chapters and sections are numbered in Chinese numerals: 第六章, never 第6章.
        for (i, c) in chars.enumerated() where c == "第" && i + 1 < chars.count {
            let n = chars[i + 1]
            let arabic = n.isASCII && n.isNumber
                || (n == "\\" && i + 2 < chars.count && chars[i + 2] == "d")
                || (n == "[" && i + 2 < chars.count && chars[i + 2].isASCII && chars[i + 2].isNumber)
            if arabic {
                return (L("parts, chapters and sections are numbered in Chinese numerals (第六章), not Arabic digits",
                          "篇、章、节用汉字数字编号（第六章），不用阿拉伯数字"),
                        L("write /第六章/, or match the heading's words instead", "改为 /第六章/，或改为匹配标题里的词"))
            }
        }
        var inClass = false
        var i = 0
        let alternatives = pattern.contains("|") || pattern.contains("(")
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let e = chars[i + 1]
                if !inClass && !alternatives && "snrt".contains(e) && !optional(chars, after: i + 1) {
                    return spaceReason
                }
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                i += 1
                continue
            }
            if c == "[" { inClass = true; i += 1; continue }
            if (c == " " || c == "\u{3000}" || c == "\t") && !alternatives && !optional(chars, after: i) {
                return spaceReason
            }
            if c == "^", i > 0, isLiteral(chars[i - 1]) {
                return (L("'^' marks the start of the heading, but text comes before it", "'^' 表示标题开头，前面却还有文字"),
                        L("put ^ first: /^第六章/", "把 ^ 放在最前：/^第六章/"))
            }
            if c == "$", i + 1 < chars.count, isLiteral(chars[i + 1]) {
                return (L("'$' marks the end of the heading, but text comes after it", "'$' 表示标题结尾，后面却还有文字"),
                        L("put $ last: /产业体系$/", "把 $ 放在最后：/产业体系$/"))
            }
            i += 1
        }
        return nil
    }

    static let spaceReason = (L("headings are matched with their spaces removed, and a heading is one line",
                                "匹配时标题已去掉空格，而且标题只有一行"),
                              L("drop the space: /第六章构建/, or match one word: /构建现代化产业体系/",
                                "去掉空格：/第六章构建/，或只匹配一个词：/构建现代化产业体系/"))

    static func optional(_ chars: [Character], after i: Int) -> Bool {
        guard i + 1 < chars.count else { return false }
        let n = chars[i + 1]
        if n == "?" || n == "*" { return true }
        if n == "{", i + 2 < chars.count, chars[i + 2] == "0" { return true }
        return false
    }

    static func isLiteral(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}

extension SectionPattern {
    /// How much of a heading a pattern sees: real headings are well under 100 characters.
    public static let matchedLength = 200

    /// The longest pattern, in UTF-16 units, that is compiled (the bundled rules' longest is 25).
    /// Foundation's regex compiler (swift-corelibs-foundation, Swift 6.3.1) leaks a copy of any longer
    /// pattern on every compile: 2 bytes per unit, found by fuzzing (docs/reliability.md).
    public static let maximumLength = 256

    /// A heading as section patterns see it: one line, every space removed (PDF extraction scatters
    /// them: `第 六 章 构建`), numbering kept. The engine must match headings in this form.
    public static func normalizeHeading(_ heading: String) -> String {
        String(String.UnicodeScalarView(heading.unicodeScalars.filter {
            !($0.properties.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}")
        }))
    }

    /// The compiled pattern, or nil when it does not compile or is longer than `maximumLength`
    /// (`rules lint` reports either as an error).
    public func regularExpression() -> NSRegularExpression? {
        guard pattern.utf16.count <= Self.maximumLength else { return nil }
        return try? NSRegularExpression(pattern: pattern, options: [])
    }

    /// Whether the pattern finds `heading` (normalized first). Compiles the pattern on each call:
    /// for many headings, keep `regularExpression()` and match `normalizeHeading` yourself.
    public func matches(heading: String) -> Bool {
        guard let regex = regularExpression() else { return false }
        let h = Self.normalizeHeading(heading)
        return regex.firstMatch(in: h, options: [], range: NSRange(h.startIndex..., in: h)) != nil
    }
}
