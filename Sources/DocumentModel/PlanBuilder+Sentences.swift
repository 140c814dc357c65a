// Sentences: a paragraph's body split at terminators, each with its normalized text, its origins and its
// span in the source (through the byte cursors).

extension PlanBuilder {
    /// A list bullet or space that may lead a sentence; not part of it.
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
}
