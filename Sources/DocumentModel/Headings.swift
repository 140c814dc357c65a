import Quantities

/// Scalars indexed from 0: an array, or one paragraph of a `NormalizedText` read through a pointer.
protocol ScalarLine: RandomAccessCollection where Element == Unicode.Scalar, Index == Int {}
extension Array: ScalarLine where Element == Unicode.Scalar {}
extension UnsafeBufferPointer: ScalarLine where Element == Unicode.Scalar {}

/// A line that looks like a heading, before context (sequence, boxes, glossary) decides whether it is one.
struct HeadingCandidate: Sendable, Equatable {
    var kind: SectionKind
    var number: Int?
    /// The numbering as written (normalized scalars range).
    var labelRange: Range<Int>
    /// The title (normalized scalars range); may be empty.
    var titleRange: Range<Int>
    /// Where body text begins on the same line, when the heading runs into its text (`5.主要目标。在…`).
    var bodyStart: Int?
}

/// Recognizes the heading forms of Chinese plans on one normalized line.
enum HeadingRecognizer {
    /// Longest title a standalone heading may have; longer lines are body text.
    static let maxTitle = 60
    /// Longest title a `第X章`-style heading may have.
    static let maxChapterTitle = 40

    // Character classes as switches: a Set lookup hashes, and these run on every character of a plan.
    @inline(__always) static func isTerminator(_ s: Unicode.Scalar) -> Bool {
        switch s { case "。", "！", "？", "；", "!", "?", ";": true; default: false }
    }
    @inline(__always) static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s { case ":", "：", "、", " ", ".", "．": true; default: false }
    }
    @inline(__always) static func isOpenParen(_ s: Unicode.Scalar) -> Bool { s == "（" || s == "(" }
    @inline(__always) static func isCloseParen(_ s: Unicode.Scalar) -> Bool { s == "）" || s == ")" }

    static func recognize(_ line: NormalizedLine) -> HeadingCandidate? { recognize(line.scalars, origin: line.origin) }

    /// Recognizes a heading in normalized scalars `s`, whose original positions are `origin`.
    static func recognize<O: RandomAccessCollection<Int32>>(_ s: some ScalarLine, origin: O) -> HeadingCandidate?
    where O.Index == Int {
        var p = 0
        // Markdown decoration from web extraction: `# 标题`, `**标题**`.
        while p < s.count, s[p] == "#" { p += 1 }
        while p < s.count, s[p] == " " { p += 1 }
        var end = s.count
        while end > p, s[end - 1] == "*" || s[end - 1] == " " { end -= 1 }
        while p < end, s[p] == "*" { p += 1 }
        guard p < end else { return nil }

        if s[p] == "第", let c = chapterLike(s, p, end) { return c }
        if starts(s, p, end, "专栏") { return box(s, p, end) }
        if starts(s, p, end, "名词解释") {
            var q = p + 4
            while q < end, isSeparator(s[q]) { q += 1 }
            return q == end ? HeadingCandidate(kind: .glossary, number: nil, labelRange: p..<p + 4, titleRange: p..<p + 4, bodyStart: nil) : nil
        }
        if starts(s, p, end, "附件") { return attachment(s, p, end) }
        if starts(s, p, end, "——") {
            var q = p + 2
            while q < end, s[q] == "—" { q += 1 }
            return titled(.dashItem, number: nil, s, label: p..<q, rest: q, end)
        }
        // 一、 / 十三、
        var q = p
        while q < end, q - p < 4, ChineseNumeral.isNumeralCharacter(s[q]), !isASCIIDigit(s[q]) { q += 1 }
        if q > p, q < end, s[q] == "、", let n = ChineseNumeral.value(of: s[p..<q]) {
            return titled(.numberedPart, number: n, s, label: p..<q + 1, rest: q + 1, end)
        }
        // （一） / （1）
        if isOpenParen(s[p]) {
            var r = p + 1
            while r < end, r - p <= 4, ChineseNumeral.isNumeralCharacter(s[r]) { r += 1 }
            if r > p + 1, r < end, isCloseParen(s[r]), let n = decimal(s, (p + 1)..<r) {
                let arabic = s[(p + 1)..<r].allSatisfy(isASCIIDigit)
                return titled(arabic ? .subitem : .parenthesized, number: n, s, label: p..<r + 1, rest: r + 1, end)
            }
        }
        // 1. / 1、 / 1．  (but not a decimal: `1.5万亩`)
        q = p
        while q < end, q - p < 3, isASCIIDigit(s[q]) { q += 1 }
        if q > p, q < end, s[q] == "." || s[q] == "、" || s[q] == "．",
           !(q + 1 < end && isASCIIDigit(s[q + 1])), let n = decimal(s, p..<q) {
            return titled(.item, number: n, s, label: p..<q + 1, rest: q + 1, end)
        }
        // Newspaper style `1 把握新发展阶段`: a number set off by a space (gone after normalization, so
        // the original columns tell), then a short title of words only.
        if q > p, q < end, q - p <= 2, origin[q] - origin[q - 1] > 1, end - q <= 20,
           s[q..<end].allSatisfy({ $0.properties.isIdeographic || ($0.isASCII && $0.properties.isAlphabetic) }),
           let n = decimal(s, p..<q) {
            return HeadingCandidate(kind: .item, number: n, labelRange: p..<q, titleRange: q..<end, bodyStart: nil)
        }
        return nil
    }

    /// `12. …` with any text after it: how glossary entries start, whatever their length.
    static func numberedPrefix(_ s: some ScalarLine) -> HeadingCandidate? {
        var q = 0
        while q < s.count, q < 3, isASCIIDigit(s[q]) { q += 1 }
        guard q > 0, q < s.count, s[q] == "." || s[q] == "、" || s[q] == "．",
              !(q + 1 < s.count && isASCIIDigit(s[q + 1])), let n = decimal(s, 0..<q) else { return nil }
        return HeadingCandidate(kind: .item, number: n, labelRange: 0..<q + 1, titleRange: (q + 1)..<s.count, bodyStart: nil)
    }

    /// `第十三章 标题`, `第一节发展成就`.
    private static func chapterLike(_ s: some ScalarLine, _ p: Int, _ end: Int) -> HeadingCandidate? {
        var q = p + 1
        while q < end, q - p <= 5, ChineseNumeral.isNumeralCharacter(s[q]) { q += 1 }
        guard q > p + 1, q < end, let n = ChineseNumeral.value(of: s[(p + 1)..<q]) else { return nil }
        let kind: SectionKind
        switch s[q] {
        case "篇": kind = .part
        case "章": kind = .chapter
        case "节": kind = .section
        default: return nil
        }
        var t = q + 1
        while t < end, isSeparator(s[t]) { t += 1 }
        guard end - t <= maxChapterTitle, !s[t..<end].contains(where: isTerminator) else { return nil }
        return HeadingCandidate(kind: kind, number: n, labelRange: p..<q + 1, titleRange: t..<end, bodyStart: nil)
    }

    /// `专栏 3 “十四五”时期…`
    private static func box(_ s: some ScalarLine, _ p: Int, _ end: Int) -> HeadingCandidate? {
        var q = p + 2
        while q < end, isSeparator(s[q]) { q += 1 }
        let numStart = q
        while q < end, q - numStart < 4, ChineseNumeral.digit(s[q]) != nil || ChineseNumeral.smallUnit(s[q]) != nil { q += 1 }
        let number = q > numStart ? ChineseNumeral.value(of: s[numStart..<q]) : nil
        var t = q
        while t < end, isSeparator(s[t]) || s[t] == "-" || s[t] == "—" { t += 1 }
        guard end - t <= maxTitle, !s[t..<end].contains(where: isTerminator) else { return nil }
        return HeadingCandidate(kind: .box, number: number, labelRange: p..<q, titleRange: t..<end, bodyStart: nil)
    }

    /// `附件`, `附件1`, `附件：…`
    private static func attachment(_ s: some ScalarLine, _ p: Int, _ end: Int) -> HeadingCandidate? {
        var q = p + 2
        let numStart = q
        while q < end, q - numStart < 3, ChineseNumeral.digit(s[q]) != nil { q += 1 }
        let number = q > numStart ? ChineseNumeral.value(of: s[numStart..<q]) : nil
        var t = q
        while t < end, isSeparator(s[t]) { t += 1 }
        guard end - t <= maxChapterTitle, !s[t..<end].contains(where: isTerminator) else { return nil }
        // `附件下载` and the like are page furniture, not a heading: a title must be set off.
        if t == q, t < end, number == nil { return nil }
        return HeadingCandidate(kind: .attachment, number: number, labelRange: p..<q, titleRange: t..<end, bodyStart: nil)
    }

    /// Numbered headings whose title is either the whole (short) line or runs into the text after `。`.
    private static func titled(_ kind: SectionKind, number: Int?, _ s: some ScalarLine, label: Range<Int>,
                               rest: Int, _ end: Int) -> HeadingCandidate? {
        var t = rest
        while t < end, s[t] == " " { t += 1 }
        guard t < end else { return nil }
        if let stop = s[t..<end].firstIndex(where: isTerminator) {
            guard s[stop] == "。", stop > t, stop - t <= maxTitle else { return nil }
            var body = stop + 1
            while body < end, isClosing(s[body]) { body += 1 }
            return HeadingCandidate(kind: kind, number: number, labelRange: label, titleRange: t..<stop,
                                    bodyStart: body < end ? body : nil)
        }
        guard end - t <= maxTitle else { return nil }
        return HeadingCandidate(kind: kind, number: number, labelRange: label, titleRange: t..<end, bodyStart: nil)
    }

    /// Closing quotes and brackets, which stay with the sentence they close.
    @inline(__always) static func isClosing(_ s: Unicode.Scalar) -> Bool {
        switch s { case "”", "’", "」", "』", "）", ")", "】", "》": true; default: false }
    }

    @inline(__always) static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// The value of a short run of ASCII digits, as `ChineseNumeral.value` reads it but without its generic
    /// call per character (numbered lines are common); anything else goes to `ChineseNumeral`.
    static func decimal(_ s: some ScalarLine, _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, r.count <= 9 else { return ChineseNumeral.value(of: s[r]) }
        var v = 0
        for i in r {
            guard isASCIIDigit(s[i]) else { return ChineseNumeral.value(of: s[r]) }
            v = v * 10 + Int(s[i].value - 0x30)
        }
        return v
    }

    static func starts(_ s: some ScalarLine, _ p: Int, _ end: Int, _ word: String) -> Bool {
        var i = p
        for w in word.unicodeScalars {
            guard i < end, s[i] == w else { return false }
            i += 1
        }
        return true
    }
}
