/// Where a term was found: a sentence and the scalar offsets of the words within it.
struct Hit: Sendable, Hashable, Comparable {
    let sentence: Int
    let start: Int
    let end: Int
    /// The number of the automaton match it comes from: one per place, whichever terms share it.
    var match: Int = 0

    /// Reading order, except that of hits starting at one place the longer comes first: a hit comes before
    /// the hits it covers, so the longest of aliases starting together is the one met first (kept, shown).
    static func < (a: Hit, b: Hit) -> Bool {
        // `b.end` and `a.end` swapped: the later end sorts first.
        (a.sentence, a.start, b.end) < (b.sentence, b.start, a.end)
    }

    func covers(_ o: Hit) -> Bool { sentence == o.sentence && start <= o.start && end >= o.end }

    /// Whether one of some hits covers each of a run of hits asked in order: one pass over both, where asking
    /// each of them made 30,000 `燃放烟花鞭炮` in one plan (alias 烟花鞭炮, its exclusion) take 28 s.
    struct CoverSweep {
        private let covering: [Hit]
        private var next = 0
        /// The furthest end among the covering hits passed so far in the current sentence.
        private var sentence = -1, reach = -1

        /// `covering` in order.
        init(_ covering: [Hit]) { self.covering = covering }

        /// Whether a covering hit covers `h`; the hits asked must come in order.
        mutating func covers(_ h: Hit) -> Bool {
            while next < covering.count, (covering[next].sentence, covering[next].start) <= (h.sentence, h.start) {
                let c = covering[next]
                if c.sentence != sentence { sentence = c.sentence; reach = c.end } else { reach = max(reach, c.end) }
                next += 1
            }
            return sentence == h.sentence && reach >= h.end
        }
    }
}
