import RuleLanguage

/// How a split alias (`"能耗" .. "下降"`) is found: the parts are patterns of the one scan; a match of the
/// first part and the next match of the second that starts after it, at most `SplitPhrase.maxGap`
/// characters on and with no `,，;；:：。` between, make one match from the first's start to the second's end.
enum SplitPairing {
    /// The pairs among `firsts` and `seconds` (each a part's matches, in order), as indices into both.
    /// `place` gives a match's group (its sentence; pairs stay within one) and its offsets in `text`, where
    /// the gap is read. One pass over both.
    static func pairs<C: Collection>(firsts: C, seconds: C, in text: ArraySlice<Unicode.Scalar>,
                                     place: (C.Element) -> (group: Int, start: Int, end: Int)) -> [(C.Index, C.Index)] {
        var out: [(C.Index, C.Index)] = []
        var j = seconds.startIndex
        for i in firsts.indices {
            let a = place(firsts[i])
            while j < seconds.endIndex, lessThan(place(seconds[j]), a) { j = seconds.index(after: j) }
            guard j < seconds.endIndex else { break }
            let b = place(seconds[j])
            guard b.group == a.group, isOpenGap(a.end..<b.start, in: text) else { continue }
            out.append((i, j))
        }
        return out
    }

    /// Whether the gap between the parts (offsets in `text`) is short enough and crosses no clause stop.
    static func isOpenGap(_ gap: Range<Int>, in text: ArraySlice<Unicode.Scalar>) -> Bool {
        let base = text.startIndex
        return gap.count <= SplitPhrase.maxGap
            && !text[(base + gap.lowerBound)..<(base + gap.upperBound)].contains(where: SentenceFacts.isClauseStop)
    }

    /// Whether the second part's match `b` starts before the first's `a` ends (or in an earlier group).
    @inline(__always) private static func lessThan(_ b: (group: Int, start: Int, end: Int), _ a: (group: Int, start: Int, end: Int)) -> Bool {
        (b.group, b.start) < (a.group, a.end)
    }
}
