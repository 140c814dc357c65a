import Quantities

// One builder for every input. Readers hand it paragraphs — a text file's lines, or the paragraphs,
// headings and table cells of markup — and it applies the same heading acceptance, sentence splitting and
// noise handling to all of them, so a plan reads the same whatever it came in.

/// Where a paragraph's original characters are.
enum ParagraphSource {
    /// Line `Paragraph.line` of the source, character for character (text files).
    case line
    /// Characters gathered from markup (entities resolved, line breaks as spaces), with each one's scalar
    /// index in `SourceText.scalars`, or -1 where it could not be found.
    case markup(original: [Unicode.Scalar], positions: SourcePositions)
}

/// A heading the markup declares: `<chapter>`, `h2`, Word's `Heading 2`.
struct MarkupHeading {
    /// The kind the markup states, or nil when only a level is known.
    var kind: SectionKind?
    /// The markup's level, 1 for the outermost (`h1`, `Heading 1`); 0 when `kind` is given.
    var level: Int = 0
    /// Whether the markup's nesting closes the section (plan XML), rather than the next heading's rank.
    var closedByMarkup = false
    /// The number the markup gives (`number="3"`), over the one read from the text.
    var number: Int?
    /// The XPath of the element the section is (`/plan/part[1]`), when not the heading's own.
    var sectionXPath: String?
}

/// One block of text a reader hands the builder.
struct Paragraph {
    var text: NormalizedLine
    /// 1-based line in the source where it stands (the element's line for markup).
    var line: Int
    var source: ParagraphSource
    var xpath: String?
    var heading: MarkupHeading?
    /// Markup that says it is not plan text (`nav`, `footer`…): noise with this reason whatever it says.
    var noise: NoiseMark?
    /// Whether its text may be taken for a heading (`第一章 …` in a `<p>`); not in table cells or plan XML.
    var headingText = true
    /// Whether heuristic noise detection looks at it (not table cells).
    var noiseCheck = true
    /// How many markup sections end just before this paragraph.
    var closesBefore = 0
    /// Indicator rows of a table standing here (the paragraph itself is then empty).
    var indicators: [Indicator] = []

    init(text: NormalizedLine, line: Int, source: ParagraphSource, xpath: String? = nil) {
        self.text = text
        self.line = line
        self.source = source
        self.xpath = xpath
    }

    /// A paragraph of markup text: normalized with line breaks and tabs as spaces.
    init(markup original: [Unicode.Scalar], positions: SourcePositions, line: Int, xpath: String?) {
        let flat = original.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " as Unicode.Scalar : $0 }
        self.init(text: Normalizer.normalize(flat), line: line, source: .markup(original: flat, positions: positions), xpath: xpath)
    }

    /// An empty paragraph carrying a table's indicators.
    static func indicators(_ rows: [Indicator], line: Int, xpath: String?) -> Paragraph {
        var p = Paragraph(text: NormalizedLine(scalars: [], origin: []), line: line, source: .markup(original: [], positions: SourcePositions()), xpath: xpath)
        p.indicators = rows
        p.noiseCheck = false
        p.headingText = false
        return p
    }
}

/// What a reader gives the builder besides the paragraphs.
struct BuildInput {
    var source: SourceText
    var paragraphs: [Paragraph]
    /// The paragraphs' normalized text, when the reader made it in one piece (text files); else it is
    /// gathered from each paragraph's `text`.
    var normalized: NormalizedText?
    var format: InputFormat = .text
    /// The title the markup states (`<title>`, Word's Title style); else it is looked for in the text.
    var title: String?
    /// Whether to look for the title in the first short lines (text, HTML, .docx).
    var titleFromText = true
    /// The title when neither the markup nor the text states one (an HTML page's `<title>`).
    var fallbackTitle: String?
    /// Whether to run the heuristic noise detector (not for plan XML, whose structure is declared).
    var detectNoise = true
    var entry: String?
    var xpathScopes: [String: [String]] = [:]
}

/// A section under construction; a class so the open-heading stack can share it with its parent.
final class Node {
    let id: Int
    let kind: SectionKind
    let number: Int?
    let label: String
    let title: String
    let startLine: Int
    var endLine: Int
    let span: SourceSpan
    let xpath: String?
    let closedByMarkup: Bool
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

    func freeze() -> Section {
        let kids = children.map { $0.freeze() }
        return Section(id: id, kind: kind, number: number, label: label, title: title, startLine: startLine,
                       endLine: endLine, span: span, sentenceCount: ownSentences + kids.reduce(0) { $0 + $1.sentenceCount },
                       children: kids, xpath: xpath)
    }
}

struct PlanBuilder {
    let source: SourceText
    var paragraphs: [Paragraph]
    let input: BuildInput
    /// Every paragraph's normalized text.
    let normalized: NormalizedText
    var roots: [Node] = []
    var stack: [Node] = []
    /// Sections opened by markup that closes them itself, innermost last.
    var markupOpen: [Node] = []
    var nextID = 0
    var lastNumber: [SectionKind: Int] = [:]
    var lastContentLine = 0
    var sentences: [Sentence] = []
    /// Scratch space of `addSentences`, kept between lines.
    var sentenceEnds: [Range<Int>] = []
    var normBuf: [Unicode.Scalar] = []
    var originBuf: [Int32] = []
    var originals: [Unicode.Scalar] = []
    var sectionPaths: [[String]] = []
    var indicators: [Indicator] = []
    var cursor: SourceCursor

    /// Takes the input over: given a temporary (`PlanBuilder(try input(…))`), what the builder frees is freed.
    init(_ input: consuming BuildInput) {
        var paragraphs = input.paragraphs
        input.paragraphs = []
        if let given = input.normalized {
            normalized = given
            input.normalized = nil
        } else {
            normalized = NormalizedText(paragraphs.map(\.text))
            // Copied into one buffer, the paragraphs' own lines are freed before the build instead of living
            // beside it: 8 MB of the 65 MB heap peak reading 3 MB of plan XML.
            for i in paragraphs.indices { paragraphs[i].text = NormalizedLine(scalars: [], origin: []) }
        }
        self.paragraphs = paragraphs
        source = input.source
        cursor = SourceCursor(source: input.source)
        self.input = input
    }

    mutating func build() -> PlanDocument {
        let n = paragraphs.count
        // A local copy: the loops below read it through pointers while they mutate the builder.
        let text = normalized
        let markup = markupCandidates()
        var candidates = [HeadingCandidate?](repeating: nil, count: n)
        do {
            // The closures below use locals: touching self in them copies the builder. Scoped, so that the
            // paragraphs are not shared when the loop further down lets their text go.
            let paragraphs = self.paragraphs
            text.withLines { line in
                for i in 0..<n {
                    if let m = markup[i] {
                        candidates[i] = m
                    } else if paragraphs[i].headingText {
                        let (s, o) = line(i)
                        candidates[i] = HeadingRecognizer.recognize(s, origin: o)
                    }
                }
            }
        }
        let marks = noiseMarks(candidates)
        let noise = noiseBlocks(marks)   // before the paragraphs' text goes, below
        // Sentences copy their paragraphs' text: room for all of it up front instead of regrowing.
        let textCount = text.scalars.count
        normBuf.reserveCapacity(textCount)
        originBuf.reserveCapacity(textCount)
        // Markup sentences quote their paragraphs' own characters, which bound them (doubled, the array was 7 MB
        // of the 42 MB heap peak reading 3 MB of plan XML; 4 MB now).
        var quoted = 0
        for i in 0..<n { if case .markup(let original, _) = paragraphs[i].source { quoted += original.count } }
        originals.reserveCapacity(quoted)

        var title = input.title
        var titleLines = Set<Int>()
        if title == nil, input.titleFromText {
            (title, titleLines) = documentTitle(candidates: candidates, marks: marks)
            if title == nil, let first = marks.firstIndex(where: { $0?.reason == .webHeader }) {
                // A web page often carries the document's title in its header line: `【重点关注】中共株洲市委关于…`.
                var t = Substring(text.text(first))
                if t.hasPrefix("【"), let close = t.firstIndex(of: "】") { t = t[t.index(after: close)...] }
                if !t.isEmpty, t.count <= 80 { title = String(t) }
            }
        }
        if title == nil { title = input.fallbackTitle }
        text.withLines { line in
            for i in 0..<n {
                let (s, o) = line(i)
                add(i, s, o, markup: markup[i], candidate: candidates[i], mark: marks[i], isTitle: titleLines.contains(i))
                // Its sentences have copied what they quote: the paragraph's own copy goes now, rather than both
                // living to the end (4 MB of the heap peak reading 3 MB of plan XML).
                if case .markup = paragraphs[i].source { paragraphs[i].source = .markup(original: [], positions: SourcePositions()) }
            }
        }
        while let top = stack.popLast() { top.endLine = max(top.startLine, lastContentLine) }

        var doc = PlanDocument(source: source, title: title, sections: roots.map { $0.freeze() }, sentences: sentences,
                               noise: noise, normalized: normBuf, origin: originBuf, sectionPaths: sectionPaths,
                               originals: originals)
        doc.format = input.format
        doc.entry = input.entry
        doc.indicators = indicators
        doc.xpathScopes = input.xpathScopes
        return doc
    }

    /// Takes paragraph `i` into the structure: closes what its markup closes, opens the section it heads,
    /// adds its sentences. `s` and `o` are its normalized scalars and their origins.
    mutating func add(_ i: Int, _ s: UnsafeBufferPointer<Unicode.Scalar>, _ o: UnsafeBufferPointer<Int32>,
                      markup: HeadingCandidate?, candidate: HeadingCandidate?, mark: NoiseMark?, isTitle: Bool) {
        // Fields are read in place: copying a Paragraph retains every array and string it holds.
        if paragraphs[i].closesBefore > 0 { closeMarkup(paragraphs[i].closesBefore) }
        if !paragraphs[i].indicators.isEmpty {
            for var row in paragraphs[i].indicators { row.section = stack.last?.id; indicators.append(row) }
        }
        if s.isEmpty || isTitle { return }
        var bodyFrom: Int? = 0
        if let m = mark {
            guard let partial = m.partial else { return }
            bodyFrom = partial.upperBound
        } else if let h = markup {
            // The markup says it is a heading: no context test.
            open(h, at: i, markup: paragraphs[i].heading, s, o)
            bodyFrom = h.bodyStart
        } else if paragraphs[i].headingText, let h = candidate ?? glossaryCandidate(s), let accepted = accept(h, s) {
            open(accepted, at: i, markup: nil, s, o)
            bodyFrom = accepted.bodyStart
        } else if let top = stack.last, top.kind == .dashItem, !top.closedByMarkup {
            // A `——` goal is one paragraph; the prose after it belongs to the item above.
            top.endLine = max(top.startLine, lastContentLine)
            stack.removeLast()
        }
        if let from = bodyFrom { addSentences(i, from: from, s, o) }
    }

    // MARK: Noise

    /// Heuristic marks on the paragraphs that take part, then the markup's own.
    func noiseMarks(_ candidates: [HeadingCandidate?]) -> [NoiseMark?] {
        let n = paragraphs.count
        var marks = [NoiseMark?](repeating: nil, count: n)
        if input.detectNoise {
            let checked = (0..<n).filter { paragraphs[$0].noiseCheck && paragraphs[$0].noise == nil }
            if checked.count == n {
                marks = NoiseDetector.detect(normalized, headings: candidates)
            } else {
                let sub = NoiseDetector.detect(NormalizedText(checked.map { normalized[$0] }), headings: checked.map { candidates[$0] })
                for (k, i) in checked.enumerated() { marks[i] = sub[k] }
            }
        }
        for i in 0..<n { if let m = paragraphs[i].noise { marks[i] = m } }
        return marks
    }

    // MARK: Structure

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

    // MARK: Sentences

    @inline(__always) static func isBullet(_ s: Unicode.Scalar) -> Bool {
        switch s { case "●", "•", "·", "-", "▪", "■", "◆", "○", "*", "#", " ", "◇", "□": true; default: false }
    }

    /// Adds the sentences of paragraph `i` from normalized position `from` on; `s` and `o` are its normalized
    /// scalars and their origins.
    mutating func addSentences(_ i: Int, from: Int, _ s: UnsafeBufferPointer<Unicode.Scalar>, _ o: UnsafeBufferPointer<Int32>) {
        // Sentence ends are found first, then emitted.
        // One buffer for every line: an array per line would be one more allocation per line of the plan.
        var ends: [Range<Int>] = []
        swap(&ends, &sentenceEnds)   // moved, not shared, so clearing it keeps its storage
        ends.removeAll(keepingCapacity: true)
        defer { swap(&ends, &sentenceEnds) }
        let n = s.count
        func skipLead(_ i: inout Int) { while i < n, PlanBuilder.isBullet(s[i]) { i += 1 } }
        var start = from
        skipLead(&start)
        var k = start
        while k < n {
            if HeadingRecognizer.isTerminator(s[k]) {
                var end = k + 1
                while end < n, HeadingRecognizer.isClosing(s[end]) { end += 1 }
                ends.append(start..<end)
                start = end
                skipLead(&start)
                k = start
                continue
            }
            k += 1
        }
        if start < n { ends.append(start..<n) }
        var lineCursor: ByteCursor?
        if case .line = paragraphs[i].source { lineCursor = ByteCursor(source: source, line: paragraphs[i].line) }
        emit(i, ends, s, o, &lineCursor)
    }

    /// Adds the sentences at normalized ranges `ranges` of paragraph `i`, whose normalized scalars and their
    /// origins are `scalars` and `origin`.
    mutating func emit(_ i: Int, _ ranges: some Collection<Range<Int>>, _ scalars: UnsafeBufferPointer<Unicode.Scalar>,
                       _ origin: UnsafeBufferPointer<Int32>, _ lineCursor: inout ByteCursor?, isHeading: Bool = false) {
        // The open section cannot change within a paragraph: looked up once, not per sentence.
        let section = stack.last
        var added = 0
        for r in ranges where emit(i, r, scalars, origin, &lineCursor, section: section?.id, isHeading: isHeading) {
            added += 1
        }
        if !isHeading { section?.ownSentences += added }
    }

    /// Adds the sentence at normalized range `r` of paragraph `i`, unless it has no words; whether it did.
    private mutating func emit(_ i: Int, _ r: Range<Int>, _ scalars: UnsafeBufferPointer<Unicode.Scalar>,
                               _ origin: UnsafeBufferPointer<Int32>, _ lineCursor: inout ByteCursor?, section: Int?,
                               isHeading: Bool) -> Bool {
        var upper = r.upperBound
        while upper > r.lowerBound, scalars[upper - 1] == " " { upper -= 1 }
        let r = r.lowerBound..<upper
        // A fragment with no letters, digits or ideographs (a stray quote or bracket) is not a sentence.
        guard scalars[r].contains(where: isWordScalar) else { return false }
        let orig = Int(origin[r.lowerBound])..<(Int(origin[r.upperBound - 1]) + 1)
        let at = normBuf.count
        normBuf.append(contentsOf: UnsafeBufferPointer(rebasing: scalars[r]))
        let line = paragraphs[i].line
        var sentence: Sentence
        // Fields are read in place: copying a Paragraph retains every array and string it holds.
        switch paragraphs[i].source {
        case .line:
            var cursor = lineCursor ?? ByteCursor(source: source, line: line)
            let b0 = cursor.offset(at: orig.lowerBound, in: source), b1 = cursor.offset(at: orig.upperBound, in: source)
            lineCursor = cursor
            let sp = SourceSpan(line: line, column: orig.lowerBound + 1, endLine: line, endColumn: orig.upperBound + 1,
                                byteStart: b0, byteEnd: b1)
            originBuf.append(contentsOf: UnsafeBufferPointer(rebasing: origin[r]))
            sentence = Sentence(range: at..<normBuf.count, line: line, column: sp.column, span: sp, section: section,
                                isHeading: isHeading)
        case .markup(let original, let positions):
            let sp = markupSpan(positions, orig, line: line)
            // Columns count characters of the quote from the sentence's column (see `originalColumns`).
            let base = Int32(sp.column - 1) - Int32(orig.lowerBound)
            for o in origin[r] { originBuf.append(base + o) }
            let q0 = originals.count
            originals.append(contentsOf: original[orig])
            sentence = Sentence(range: at..<normBuf.count, line: sp.line, column: sp.column, span: sp, section: section,
                                isHeading: isHeading, xpath: paragraphs[i].xpath, quote: q0..<originals.count)
        }
        sentences.append(sentence)
        lastContentLine = sentence.line
        return true
    }

    /// The span of normalized range `r` of paragraph `i`.
    mutating func headingSpan(_ i: Int, normalized r: Range<Int>) -> SourceSpan {
        let p = paragraphs[i]
        let orig = normalized.originalRange(i, r)
        switch p.source {
        case .line:
            let line = p.line
            return SourceSpan(line: line, column: orig.lowerBound + 1, endLine: line, endColumn: orig.upperBound + 1,
                              byteStart: source.byteOffset(line: line, scalarIndex: orig.lowerBound),
                              byteEnd: source.byteOffset(line: line, scalarIndex: orig.upperBound))
        case .markup(_, let positions):
            return markupSpan(positions, orig, line: p.line)
        }
    }

    /// The span in the source of original characters `orig` of a markup paragraph, from the first of them found
    /// there to the last; when none was, an empty span at the start of the element's line.
    mutating func markupSpan(_ positions: SourcePositions, _ orig: Range<Int>, line: Int) -> SourceSpan {
        if let (a, b) = positions.knownBounds(in: orig), b >= a {
            let (l0, c0) = source.lineAndColumn(ofScalar: a)
            let (l1, c1) = source.lineAndColumn(ofScalar: b)
            let b0 = cursor.byteOffset(ofScalar: a), b1 = cursor.byteOffset(ofScalar: b + 1)
            return SourceSpan(line: l0, column: c0, endLine: l1, endColumn: c1 + 1, byteStart: b0, byteEnd: b1)
        }
        let l = min(max(line, 1), source.lineCount)
        let byte = source.lineByteStarts[l - 1]
        return SourceSpan(line: l, column: 1, endLine: l, endColumn: 1, byteStart: byte, byteEnd: byte)
    }

    // MARK: Title and noise

    /// The document's own title: the first few short lines before any heading or prose.
    func documentTitle(candidates: [HeadingCandidate?], marks: [NoiseMark?]) -> (String?, Set<Int>) {
        var parts: [String] = []
        var used = Set<Int>()
        for i in 0..<normalized.count {
            if normalized.isEmpty(i) { continue }
            if marks[i] != nil { if parts.isEmpty { continue } else { break } }
            if candidates[i] != nil && !(candidates[i]?.kind == .dashItem && !parts.isEmpty) { break }
            if !paragraphs[i].headingText && paragraphs[i].heading == nil { break }   // a table cell: the body has begun
            var t = normalized.text(i)
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
        let shared = NoiseText.Source(source)
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
                    if normalized.isEmpty(k) { k += 1; continue }
                    break
                }
            }
            var text: NoiseText
            var startColumn: Int?, endColumn: Int?
            let p = paragraphs[i]
            if let part = m.partial {
                let orig = normalized.originalRange(i, part)
                switch p.source {
                case .line:
                    text = .part(shared, line: p.line, columns: orig)
                    startColumn = orig.lowerBound + 1
                    endColumn = orig.upperBound + 1
                case .markup(let original, let positions):
                    text = .given(String(scalars: original[orig]))
                    if let (a, b) = positions.knownBounds(in: orig), b >= a {
                        startColumn = source.lineAndColumn(ofScalar: a).column
                        endColumn = source.lineAndColumn(ofScalar: b).column + 1
                    }
                }
            } else if (i...j).allSatisfy({ k in
                if case .line = paragraphs[k].source { paragraphs[k].line == p.line + (k - i) } else { false }
            }) {
                // Consecutive lines of a text file: read when asked for.
                text = .lines(shared, p.line...paragraphs[j].line)
            } else {
                text = .given((i...j).map { k -> String in
                    let q = paragraphs[k]
                    if case .markup(let o, _) = q.source { return String(scalars: o) }
                    return source.lineText(q.line)
                }.filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n"))
            }
            blocks.append(NoiseBlock(startLine: p.line, endLine: paragraphs[j].line, startColumn: startColumn, endColumn: endColumn,
                                     reason: m.reason, detail: m.detail, origin: text, xpath: p.xpath))
            i = j + 1
        }
        return blocks
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}

extension SourceText {
    /// The 1-based line and column of scalar `index` of `scalars` (a line break counts as the end of its line).
    func lineAndColumn(ofScalar index: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].lowerBound <= index { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, index - lines[lo].lowerBound + 1)
    }
}

/// Turns scalar indices of the whole source into byte offsets in the original encoding, in any order.
struct SourceCursor {
    let source: SourceText
    var index = 0
    var byte: Int
    /// The byte offset of every `stride`-th scalar, made on the first backward or long jump. Markup sentences
    /// and their headings ask out of order; restarting from the file's start was 88% of reading 3 MB of plan XML
    /// (12 MB took 41 s).
    private var checkpoints: [Int] = []
    static let stride = 1024

    init(source: SourceText) {
        self.source = source
        byte = source.lineByteStarts.first ?? 0
    }

    mutating func byteOffset(ofScalar target: Int) -> Int {
        let end = min(target, source.scalars.count)
        if end < index || end - index > SourceCursor.stride {
            if checkpoints.isEmpty { makeCheckpoints() }
            let k = end / SourceCursor.stride
            index = k * SourceCursor.stride
            byte = checkpoints[k]
        }
        while index < end {
            byte += SourceText.width(of: source.scalars[index], at: index, encoding: source.encoding, gb: source.gbWidths)
            index += 1
        }
        return byte
    }

    private mutating func makeCheckpoints() {
        let n = source.scalars.count
        checkpoints.reserveCapacity(n / SourceCursor.stride + 1)
        var b = source.lineByteStarts.first ?? 0
        for i in 0..<n {
            if i % SourceCursor.stride == 0 { checkpoints.append(b) }
            b += SourceText.width(of: source.scalars[i], at: i, encoding: source.encoding, gb: source.gbWidths)
        }
        if n % SourceCursor.stride == 0 { checkpoints.append(b) }
    }
}

/// Walks a line's scalars once, turning scalar indices into byte offsets in the original encoding.
struct ByteCursor {
    // The source is passed to `offset` rather than stored: a stored copy would retain its four arrays
    // every time the cursor is copied, once per sentence.
    let line: Int
    var index = 0
    var byte: Int
    let start: Int
    let end: Int

    init(source: SourceText, line: Int) {
        self.line = line
        byte = source.lineByteStarts[line - 1]
        start = source.lines[line - 1].lowerBound
        end = source.lines[line - 1].upperBound
    }

    mutating func offset(at target: Int, in source: SourceText) -> Int {
        if target < index { index = 0; byte = source.lineByteStarts[line - 1] }
        if source.encoding == .utf8 {
            // The common case: widths follow from the scalar values (1 byte, plus one at each boundary passed).
            let stop = min(target, end - start)
            if index < stop {
                source.scalars.withUnsafeBufferPointer { sc in
                    var b: UInt32 = 0
                    for k in (start + index)..<(start + stop) { b &+= UTF8.width(sc[k].value) }
                    byte += Int(b)
                }
                index = stop
            }
            return byte
        }
        while index < target, start + index < end {
            byte += SourceText.width(of: source.scalars[start + index], at: start + index,
                                     encoding: source.encoding, gb: source.gbWidths)
            index += 1
        }
        return byte
    }
}
