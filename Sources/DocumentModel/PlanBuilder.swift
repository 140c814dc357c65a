import Quantities

// One builder for every input. Readers hand it paragraphs — a text file's lines, or the paragraphs,
// headings and table cells of markup — and it applies the same heading acceptance, sentence splitting and
// noise handling to all of them, so a plan reads the same whatever it came in.

/// Builds a `PlanDocument` from a reader's paragraphs: the section tree (`+Sections`), the sentences with
/// their source spans (`+Sentences`), the title and the noise (`+Noise`).
struct PlanBuilder {
    let source: SourceText
    var paragraphs: [Paragraph]
    let input: BuildInput
    /// Every paragraph's normalized text.
    let normalized: NormalizedText
    /// The outermost sections.
    var roots: [Node] = []
    /// The open sections, outermost first.
    var stack: [Node] = []
    /// Sections opened by markup that closes them itself, innermost last.
    var markupOpen: [Node] = []
    /// The id the next section gets.
    var nextID = 0
    /// The number of the last heading of each kind: numbered headings go 1, 2, 3….
    var lastNumber: [SectionKind: Int] = [:]
    /// The line of the last heading or sentence: where an open section ends so far.
    var lastContentLine = 0
    var sentences: [Sentence] = []
    /// Scratch space of `addSentences`, kept between lines.
    var sentenceEnds: [Range<Int>] = []
    /// Every sentence's normalized scalars, back to back (`Sentence.range` points into them).
    var normBuf: [Unicode.Scalar] = []
    /// For each scalar of `normBuf`, the 0-based index of the original character in its line.
    var originBuf: [Int32] = []
    /// The original characters markup sentences quote (`Sentence.quote` points into them).
    var originals: [Unicode.Scalar] = []
    /// Each section's heading path, by section id.
    var sectionPaths: [[String]] = []
    /// The tables' indicator rows, each with the section it stands in.
    var indicators: [Indicator] = []
    /// Byte offsets of markup positions, for their spans.
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
}
