// The section tree: which headings open sections (the markup's, or the text's accepted in context), and
// how they nest and close.

/// A section under construction; a class so the open-heading stack can share it with its parent.
final class Node {
    /// The section's id: its index in opening order, and in `PlanBuilder.sectionPaths`.
    let id: Int
    let kind: SectionKind
    let number: Int?
    let label: String
    let title: String
    let startLine: Int
    /// The last line of its content so far; set for good when it closes.
    var endLine: Int
    /// Where its heading stands in the source.
    let span: SourceSpan
    let xpath: String?
    /// Whether its markup closes it (plan XML), not the next heading of its rank.
    let closedByMarkup: Bool
    /// The sentences directly in it, not in its children.
    var ownSentences = 0
    var children: [Node] = []

    init(id: Int, kind: SectionKind, number: Int?, label: String, title: String, line: Int, span: SourceSpan,
         xpath: String? = nil, closedByMarkup: Bool = false) {
        self.id = id
        self.kind = kind
        self.number = number
        self.label = label
        self.title = title
        self.startLine = line
        self.endLine = line
        self.span = span
        self.xpath = xpath
        self.closedByMarkup = closedByMarkup
    }

    /// How the node reads in a sentence's heading path.
    var pathLabel: String {
        switch kind {
        case .dashItem: "——" + title
        case .glossaryEntry: title
        default: label.isEmpty ? title : label
        }
    }

    /// The finished section, with its children's.
    func freeze() -> Section {
        let kids = children.map { $0.freeze() }
        return Section(id: id, kind: kind, number: number, label: label, title: title, startLine: startLine,
                       endLine: endLine, span: span, sentenceCount: ownSentences + kids.reduce(0) { $0 + $1.sentenceCount },
                       children: kids, xpath: xpath)
    }
}

extension PlanBuilder {
    /// Headings the markup declares, with label, number and title read from their text where it has them.
    func markupCandidates() -> [HeadingCandidate?] {
        var out = [HeadingCandidate?](repeating: nil, count: paragraphs.count)
        var levelKinds: [Int: [SectionKind: Int]] = [:]
        var pending: [Int] = []
        for i in paragraphs.indices {
            guard let m = paragraphs[i].heading else { continue }   // read in place, not copied
            let line = normalized[i]
            let s = line.scalars
            guard !s.isEmpty else { continue }
            var rec: HeadingCandidate?
            if m.kind == .glossaryEntry {
                rec = HeadingRecognizer.numberedPrefix(s).flatMap { glossaryEntry($0, s) }
            } else {
                rec = HeadingRecognizer.recognize(line)
            }
            if var h = rec {
                if let k = m.kind { h.kind = k } else { levelKinds[m.level, default: [:]][h.kind, default: 0] += 1 }
                if let num = m.number { h.number = num }
                out[i] = h
            } else {
                // No numbering in the text: all of it is the title.
                out[i] = HeadingCandidate(kind: m.kind ?? .chapter, number: m.number, labelRange: 0..<0, titleRange: 0..<s.count, bodyStart: nil)
                if m.kind == nil { pending.append(i) }
            }
        }
        // A heading known only by its level takes the kind the numbered headings of that level have, or the
        // kind as many steps below (or above) the nearest level that has numbered headings.
        func majority(_ level: Int) -> SectionKind? {
            levelKinds[level]?.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rank > $1.key.rank) }?.key
        }
        let order = PlanBuilder.levelOrder
        func kind(level: Int) -> SectionKind {
            if let k = majority(level) { return k }
            for d in 1..<max(level, 1) {
                if let k = majority(level - d), let i = order.firstIndex(of: k) { return order[min(i + d, order.count - 1)] }
            }
            for d in 1...8 {
                if let k = majority(level + d), let i = order.firstIndex(of: k), i - d >= 0 { return order[i - d] }
            }
            return PlanBuilder.defaultKind(level: level)
        }
        for i in pending { out[i]?.kind = kind(level: paragraphs[i].heading?.level ?? 1) }
        return out
    }

    /// Heading kinds from the outermost down, for placing a heading by its markup level.
    static let levelOrder: [SectionKind] = [.part, .chapter, .section, .numberedPart, .parenthesized, .item, .subitem]

    /// The kind an unnumbered heading of a markup level gets when no numbered heading shares its level.
    static func defaultKind(level: Int) -> SectionKind {
        switch level {
        case ...1: .chapter
        case 2: .section
        case 3: .parenthesized
        case 4: .item
        default: .subitem
        }
    }

    /// Decides whether a line that looks like a heading is one here, given what is open.
    func accept(_ h: HeadingCandidate, _ s: some ScalarLine) -> HeadingCandidate? {
        let inBox = stack.last?.kind == .box
        let inGlossary = stack.contains { $0.kind == .glossary }
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
    func glossaryCandidate(_ s: some ScalarLine) -> HeadingCandidate? {
        guard stack.contains(where: { $0.kind == .glossary }) else { return nil }
        return HeadingRecognizer.numberedPrefix(s)
    }

    /// Numbered headings go 1, 2, 3…: a number out of sequence is a heading only on a line of its own.
    func sequenceAllows(_ h: HeadingCandidate, _ s: some ScalarLine) -> Bool {
        guard let n = h.number else { return false }
        if n == 1 || n == (lastNumber[h.kind] ?? 0) + 1 { return true }
        return h.bodyStart == nil && !s.contains(where: HeadingRecognizer.isTerminator)
    }

    /// `1. “三榜工作法”:精准识别榜…` in a glossary: the entry's title is the term before the colon.
    func glossaryEntry(_ h: HeadingCandidate, _ s: some ScalarLine) -> HeadingCandidate? {
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

    /// Opens the section of heading `h`, on paragraph `i` whose normalized scalars and origins are `s` and `o`.
    mutating func open(_ h: HeadingCandidate, at i: Int, markup: MarkupHeading?, _ s: UnsafeBufferPointer<Unicode.Scalar>,
                       _ o: UnsafeBufferPointer<Int32>) {
        let byMarkup = markup?.closedByMarkup ?? false
        if !byMarkup {
            let rank = h.kind.rank
            // A heading closes open headings of equal or greater rank, but not past a section its markup holds open.
            while let top = stack.last, top.kind.rank >= rank, !top.closedByMarkup {
                top.endLine = max(top.startLine, lastContentLine)
                stack.removeLast()
            }
        }
        let line = paragraphs[i].line
        let label = String(scalars: s[h.labelRange])
        let title = String(scalars: s[h.titleRange])
        let end = h.bodyStart ?? s.count
        let node = Node(id: nextID, kind: h.kind, number: h.number, label: label, title: title, line: line,
                        span: headingSpan(i, normalized: min(h.labelRange.lowerBound, h.titleRange.lowerBound)..<end),
                        xpath: markup?.sectionXPath ?? paragraphs[i].xpath, closedByMarkup: byMarkup)
        nextID += 1
        if let parent = stack.last { parent.children.append(node) } else { roots.append(node) }
        // The parent's path (made when it opened, from the same stack) and this heading's label.
        var path = stack.last.map { sectionPaths[$0.id] } ?? []
        path.append(node.pathLabel)
        sectionPaths.append(path)
        stack.append(node)
        if byMarkup { markupOpen.append(node) }
        if let n = h.number { lastNumber[h.kind] = n }
        lastContentLine = line
        // The title is matched like a sentence (a chapter called 建设创新型活力城区 commits to it), but it is
        // not body text: not counted, not listed.
        if !h.titleRange.isEmpty {
            var cursor: ByteCursor?
            emit(i, CollectionOfOne(h.titleRange), s, o, &cursor, isHeading: true)
        }
    }

    /// Closes the innermost `count` sections the markup holds open, with whatever was opened inside them.
    mutating func closeMarkup(_ count: Int) {
        for _ in 0..<count {
            guard let node = markupOpen.popLast() else { return }
            while let top = stack.popLast() {
                top.endLine = max(top.startLine, lastContentLine)
                if top === node { break }
            }
        }
    }
}
