// The document's title and its noise: heuristic and markup marks per paragraph, then the blocks reported.

extension PlanBuilder {
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

    /// The noise blocks of the marks: a region (header, footer, notice, graphic labels) as one block, other
    /// marks each on its own, with where its text is.
    func noiseBlocks(_ marks: [NoiseMark?]) -> [NoiseBlock] {
        var blocks: [NoiseBlock] = []
        let shared = NoiseText.Source(source)
        var i = 0
        let n = marks.count
        while i < n {
            guard let m = marks[i] else { i += 1; continue }
            // Regions (header, footer, notices, graphic labels) become one block; other marks stand alone.
            let merges = [.webHeader, .webFooter, .trailingNotice].contains(m.reason) || m.detail == NoiseDetector.graphicLabels
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
                                     reason: m.reason, detail: m.detail, chineseDetail: m.chineseDetail, origin: text, xpath: p.xpath))
            i = j + 1
        }
        return blocks
    }
}
