import Quantities

/// Reads a plan in plain text into a `PlanDocument`: decoding, normalization, structure, sentences, noise.
public enum TextPlanReader {
    /// Reads and parses the file at `path`.
    public static func read(path: String) throws(ReadError) -> PlanDocument {
        read(try SourceText(contentsOf: path))
    }

    /// Parses text already decoded.
    public static func read(_ source: SourceText) -> PlanDocument {
        var builder = Builder(source: source)
        return builder.build()
    }
}

/// A section under construction; a class so the open-heading stack can share it with its parent.
private final class Node {
    let id: Int
    let kind: SectionKind
    let number: Int?
    let label: String
    let title: String
    let startLine: Int
    var endLine: Int
    let span: SourceSpan
    var ownSentences = 0
    var children: [Node] = []

    init(id: Int, kind: SectionKind, number: Int?, label: String, title: String, line: Int, span: SourceSpan) {
        self.id = id
        self.kind = kind
        self.number = number
        self.label = label
        self.title = title
        self.startLine = line
        self.endLine = line
        self.span = span
    }

    /// How the node reads in a sentence's heading path.
    var pathLabel: String {
        switch kind {
        case .dashItem: "——" + title
        case .glossaryEntry: title
        default: label
        }
    }

    func freeze() -> Section {
        let kids = children.map { $0.freeze() }
        return Section(id: id, kind: kind, number: number, label: label, title: title, startLine: startLine,
                       endLine: endLine, span: span, sentenceCount: ownSentences + kids.reduce(0) { $0 + $1.sentenceCount },
                       children: kids)
    }
}

private struct Builder {
    let source: SourceText
    var normalized: [NormalizedLine] = []
    var roots: [Node] = []
    var stack: [Node] = []
    var nextID = 0
    var lastNumber: [SectionKind: Int] = [:]
    var lastContentLine = 0
    var sentences: [Sentence] = []
    var normBuf: [Unicode.Scalar] = []
    var originBuf: [Int32] = []
    var sectionPaths: [[String]] = []

    init(source: SourceText) { self.source = source }

    mutating func build() -> PlanDocument {
        let n = source.lineCount
        normalized.reserveCapacity(n)
        for i in 1...max(n, 1) where i <= n { normalized.append(Normalizer.normalize(source.line(i))) }
        let candidates = normalized.map(HeadingRecognizer.recognize)
        let marks = NoiseDetector.detect(normalized, headings: candidates)

        var (title, titleLines) = documentTitle(candidates: candidates, marks: marks)
        if title == nil, let first = marks.firstIndex(where: { $0?.reason == .webHeader }) {
            // A web page often carries the document's title in its header line: `【重点关注】中共株洲市委关于…`.
            var t = Substring(normalized[first].text)
            if t.hasPrefix("【"), let close = t.firstIndex(of: "】") { t = t[t.index(after: close)...] }
            if !t.isEmpty, t.count <= 80 { title = String(t) }
        }
        for i in 0..<n {
            let line = i + 1
            let s = normalized[i].scalars
            if s.isEmpty || titleLines.contains(i) { continue }
            var bodyFrom: Int? = 0
            if let m = marks[i] {
                guard let partial = m.partial else { continue }
                bodyFrom = partial.upperBound
            } else if let h = candidates[i] ?? glossaryCandidate(i), let accepted = accept(h, line: i) {
                open(accepted, line: line)
                bodyFrom = accepted.bodyStart
            } else if let top = stack.last, top.kind == .dashItem {
                // A `——` goal is one paragraph; the prose after it belongs to the item above.
                top.endLine = max(top.startLine, lastContentLine)
                stack.removeLast()
            }
            if let from = bodyFrom { addSentences(line: line, from: from) }
        }
        while let top = stack.popLast() { top.endLine = max(top.startLine, lastContentLine) }

        let noise = noiseBlocks(marks)
        return PlanDocument(source: source, title: title, sections: roots.map { $0.freeze() }, sentences: sentences,
                            noise: noise, normalized: normBuf, origin: originBuf, sectionPaths: sectionPaths)
    }

    // MARK: Structure

    /// Decides whether a line that looks like a heading is one here, given what is open.
    func accept(_ h: HeadingCandidate, line i: Int) -> HeadingCandidate? {
        let inBox = stack.last?.kind == .box
        let inGlossary = stack.contains { $0.kind == .glossary }
        let s = normalized[i].scalars
        switch h.kind {
        case .part, .chapter, .section, .box, .glossary, .attachment:
            return h
        case .numberedPart where !inGlossary:
            return sequenceAllows(h, s) ? h : nil
        case .item where inGlossary:
            return glossaryEntry(h, s)
        case .parenthesized, .item, .subitem:
            if inBox || inGlossary { return nil }   // a list inside a box or glossary, not a heading
            return sequenceAllows(h, s) ? h : nil
        case .dashItem:
            // `——建设…` goal lines belong to a numbered item; elsewhere a dash line is a subtitle or prose.
            guard let top = stack.last, [.item, .numberedPart, .parenthesized, .dashItem].contains(top.kind) else { return nil }
            return h
        default:
            return nil
        }
    }

    /// In a glossary any `N.` line starts an entry, however long its definition.
    func glossaryCandidate(_ i: Int) -> HeadingCandidate? {
        guard stack.contains(where: { $0.kind == .glossary }) else { return nil }
        return HeadingRecognizer.numberedPrefix(normalized[i].scalars)
    }

    /// Numbered headings go 1, 2, 3…: a number out of sequence is a heading only on a line of its own.
    func sequenceAllows(_ h: HeadingCandidate, _ s: [Unicode.Scalar]) -> Bool {
        guard let n = h.number else { return false }
        if n == 1 || n == (lastNumber[h.kind] ?? 0) + 1 { return true }
        return h.bodyStart == nil && !s.contains(where: HeadingRecognizer.isTerminator)
    }

    /// `1. “三榜工作法”:精准识别榜…` in a glossary: the entry's title is the term before the colon.
    func glossaryEntry(_ h: HeadingCandidate, _ s: [Unicode.Scalar]) -> HeadingCandidate? {
        var t = h.titleRange.lowerBound
        let end = s.count
        guard let colon = s[t..<end].firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        var e = colon
        let quotes: Set<Unicode.Scalar> = ["“", "”", "\"", "‘", "’", "「", "」", " "]
        while t < e, quotes.contains(s[t]) { t += 1 }
        while e > t, quotes.contains(s[e - 1]) { e -= 1 }
        guard e > t else { return nil }
        return HeadingCandidate(kind: .glossaryEntry, number: h.number, labelRange: h.labelRange, titleRange: t..<e,
                                bodyStart: colon + 1 < end ? colon + 1 : nil)
    }

    mutating func open(_ h: HeadingCandidate, line: Int) {
        let rank = h.kind.rank
        while let top = stack.last, top.kind.rank >= rank {
            top.endLine = max(top.startLine, lastContentLine)
            stack.removeLast()
        }
        let s = normalized[line - 1].scalars
        let label = String(scalars: s[h.labelRange])
        let title = String(scalars: s[h.titleRange])
        let end = h.bodyStart ?? s.count
        let node = Node(id: nextID, kind: h.kind, number: h.number, label: label, title: title, line: line,
                        span: span(line: line, normalized: h.labelRange.lowerBound..<end))
        nextID += 1
        if let parent = stack.last { parent.children.append(node) } else { roots.append(node) }
        sectionPaths.append(stack.map(\.pathLabel) + [node.pathLabel])
        stack.append(node)
        if let n = h.number { lastNumber[h.kind] = n }
        lastContentLine = line
        if !h.titleRange.isEmpty {
            var cursor = ByteCursor(source: source, line: line)
            emit(line: line, h.titleRange, &cursor, isHeading: true)
        }
    }

    // MARK: Sentences

    @inline(__always) static func isBullet(_ s: Unicode.Scalar) -> Bool {
        switch s { case "●", "•", "·", "-", "▪", "■", "◆", "○", "*", "#", " ", "◇", "□": true; default: false }
    }

    mutating func addSentences(line: Int, from: Int) {
        let norm = normalized[line - 1]
        let s = norm.scalars
        var start = from
        var k = from
        func skipLead(_ i: inout Int) { while i < s.count, Builder.isBullet(s[i]) { i += 1 } }
        skipLead(&start)
        k = start
        var cursor = ByteCursor(source: source, line: line)
        while k < s.count {
            if HeadingRecognizer.isTerminator(s[k]) {
                var end = k + 1
                while end < s.count, HeadingRecognizer.isClosing(s[end]) { end += 1 }
                emit(line: line, start..<end, &cursor)
                start = end
                skipLead(&start)
                k = start
                continue
            }
            k += 1
        }
        if start < s.count { emit(line: line, start..<s.count, &cursor) }
    }

    mutating func emit(line: Int, _ r: Range<Int>, _ cursor: inout ByteCursor, isHeading: Bool = false) {
        let norm = normalized[line - 1]
        var r = r
        while r.upperBound > r.lowerBound, norm.scalars[r.upperBound - 1] == " " { r = r.lowerBound..<(r.upperBound - 1) }
        // A fragment with no letters, digits or ideographs (a stray quote or bracket) is not a sentence.
        guard norm.scalars[r].contains(where: isWordScalar) else { return }
        let orig = norm.originalRange(r)
        let b0 = cursor.offset(at: orig.lowerBound), b1 = cursor.offset(at: orig.upperBound)
        let sp = SourceSpan(line: line, column: orig.lowerBound + 1, endLine: line, endColumn: orig.upperBound + 1,
                            byteStart: b0, byteEnd: b1)
        let at = normBuf.count
        normBuf.append(contentsOf: norm.scalars[r])
        originBuf.append(contentsOf: norm.origin[r])
        sentences.append(Sentence(range: at..<normBuf.count, line: line, column: sp.column, span: sp, section: stack.last?.id,
                                  isHeading: isHeading))
        if !isHeading { stack.last?.ownSentences += 1 }
        lastContentLine = line
    }

    func span(line: Int, normalized r: Range<Int>) -> SourceSpan {
        let orig = normalized[line - 1].originalRange(r)
        return SourceSpan(line: line, column: orig.lowerBound + 1, endLine: line, endColumn: orig.upperBound + 1,
                          byteStart: source.byteOffset(line: line, scalarIndex: orig.lowerBound),
                          byteEnd: source.byteOffset(line: line, scalarIndex: orig.upperBound))
    }

    // MARK: Title and noise

    /// The document's own title: the first few short lines before any heading or prose.
    func documentTitle(candidates: [HeadingCandidate?], marks: [NoiseMark?]) -> (String?, Set<Int>) {
        var parts: [String] = []
        var used = Set<Int>()
        for i in 0..<normalized.count {
            let s = normalized[i].scalars
            if s.isEmpty { continue }
            if marks[i] != nil { if parts.isEmpty { continue } else { break } }
            if candidates[i] != nil && !(candidates[i]?.kind == .dashItem && !parts.isEmpty) { break }
            var t = normalized[i].text
            while t.hasPrefix("#") || t.hasPrefix(" ") { t.removeFirst() }
            let stops: [Character] = ["，", ",", "。", "；", "：", ":", "(", "（"]
            if t.isEmpty || t.count > 30 || t.contains(where: stops.contains) || parts.count >= 3 { break }
            parts.append(t)
            used.insert(i)
        }
        return (parts.isEmpty ? nil : parts.joined(), used)
    }

    func noiseBlocks(_ marks: [NoiseMark?]) -> [NoiseBlock] {
        var blocks: [NoiseBlock] = []
        var i = 0
        let n = marks.count
        while i < n {
            guard let m = marks[i] else { i += 1; continue }
            // Regions (header, footer, notices, graphic labels) become one block; other marks stand alone.
            let merges = [.webHeader, .webFooter, .trailingNotice].contains(m.reason) || m.detail == "graphic labels"
            var j = i
            if merges {
                var k = i + 1
                while k < n {
                    if let mk = marks[k], mk.reason == m.reason, mk.detail == m.detail { j = k; k += 1; continue }
                    if normalized[k].scalars.isEmpty { k += 1; continue }
                    break
                }
            }
            var text: String
            var startColumn: Int?, endColumn: Int?
            if let p = m.partial {
                let orig = normalized[i].originalRange(p)
                let src = source.line(i + 1)
                text = String(scalars: src[(src.startIndex + orig.lowerBound)..<(src.startIndex + orig.upperBound)])
                startColumn = orig.lowerBound + 1
                endColumn = orig.upperBound + 1
            } else {
                text = (i...j).map { source.lineText($0 + 1) }.filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n")
            }
            blocks.append(NoiseBlock(startLine: i + 1, endLine: j + 1, startColumn: startColumn, endColumn: endColumn,
                                     reason: m.reason, detail: m.detail, text: text))
            i = j + 1
        }
        return blocks
    }
}

/// Walks a line's scalars once, turning scalar indices into byte offsets in the original encoding.
private struct ByteCursor {
    let source: SourceText
    let line: Int
    var index = 0
    var byte: Int
    let start: Int
    let end: Int

    init(source: SourceText, line: Int) {
        self.source = source
        self.line = line
        byte = source.lineByteStarts[line - 1]
        start = source.lines[line - 1].lowerBound
        end = source.lines[line - 1].upperBound
    }

    mutating func offset(at target: Int) -> Int {
        if target < index { index = 0; byte = source.lineByteStarts[line - 1] }
        while index < target, start + index < end {
            byte += SourceText.width(of: source.scalars[start + index], at: start + index,
                                     encoding: source.encoding, gb: source.gbWidths)
            index += 1
        }
        return byte
    }
}
