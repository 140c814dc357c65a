import DocumentModel

/// Each automaton pattern's hits in a plan, in the order found (so in order of their end), all in one array.
struct PatternHits {
    /// Pattern `p`'s hits are `hits[start[p]..<start[p + 1]]`.
    let hits: [Hit]
    let start: [Int]

    subscript(p: Int32) -> ArraySlice<Hit> { hits[start[Int(p)]..<start[Int(p) + 1]] }

    /// Whether pattern `p` occurs in the plan.
    func occurs(_ p: Int32) -> Bool { start[Int(p)] < start[Int(p) + 1] }
}

/// Matching: one pass over the whole normalized text for every term, then each term's hits kept.
extension Evaluation {
    /// Fills `matches`, `hitList` and `hitRanges` (and `splitParts`) from one scan of the plan.
    mutating func matchTerms() {
        let byPattern = scanPatterns()
        let pairHits = splitHits(byPattern)

        // Terms whose patterns that occur in the plan are the same (a phrase and a term with that one alias,
        // or terms whose other aliases never occur) have the same hits: each such set is worked out once.
        var listOf: [[Int32]: Range<Int>] = [:]
        // Reused from term to term.
        var key: [Int32] = [], aliases: [Hit] = [], exclusions: [Hit] = []
        hitList.reserveCapacity(byPattern.hits.count)
        hitRanges.reserveCapacity(engine.resolved.count)
        for t in 0..<engine.resolved.count {
            let patterns = engine.termPatterns[t], list = engine.patternList
            // The term's key: the patterns of its aliases that occur, -1, the patterns of its exclusions that occur.
            key.removeAll(keepingCapacity: true)
            for k in patterns.aliases where byPattern.occurs(list[k]) { key.append(list[k]) }
            let splits = engine.splitList[patterns.splits].filter { !pairHits[Int($0)].isEmpty }
            if key.isEmpty && splits.isEmpty { hitRanges.append(0..<0); continue }
            let aliasPatterns = key.count
            key.append(-1)
            for k in patterns.exclusions where byPattern.occurs(list[k]) { key.append(list[k]) }
            Evaluation.sortEachSide(of: &key)
            // Terms with split hits are few: they are worked out each, not shared.
            if splits.isEmpty, let r = listOf[key] { hitRanges.append(r); continue }

            Evaluation.gather(key, aliasPatterns: aliasPatterns, splits: splits, byPattern, pairHits,
                              aliases: &aliases, exclusions: &exclusions)
            let kept = keep(aliases, excluding: exclusions)
            if splits.isEmpty { listOf[key] = kept }
            hitRanges.append(kept)
        }
        matchClass = Array(repeating: 0, count: matches.count + splitParts.count)
    }

    /// Scans the plan once for every pattern: fills `matches`, and returns the hits by pattern.
    mutating func scanPatterns() -> PatternHits {
        // Every hit of the scan with its pattern, counted per pattern: per term, a hit would be counted once
        // for every term sharing the pattern.
        var found: [(pattern: Int32, hit: Hit)] = []
        var patternStart = [Int](repeating: 0, count: engine.automaton.patternCount + 1)
        let sentences = doc.sentences
        var si = 0
        engine.automaton.forEachMatch(in: doc.normalized) { m in
            while si < sentences.count && sentences[si].range.upperBound < m.end { si += 1 }
            // A match that runs from one sentence into the next is not a match.
            guard si < sentences.count, m.start >= sentences[si].range.lowerBound else { return }
            let base = sentences[si].range.lowerBound
            found.append((Int32(m.pattern), Hit(sentence: si, start: m.start - base, end: m.end - base, match: found.count)))
            patternStart[m.pattern + 1] += 1
        }
        for p in 1..<patternStart.count { patternStart[p] += patternStart[p - 1] }
        // Bucketed by a counting sort into one array: no array per pattern to allocate.
        let byPattern = [Hit](unsafeUninitializedCapacity: found.count) { buffer, initialized in
            var fill = patternStart
            for (p, h) in found {
                buffer[fill[Int(p)]] = h
                fill[Int(p)] += 1
            }
            initialized = found.count
        }
        matches = found.map(\.hit)
        return PatternHits(hits: byPattern, start: patternStart)
    }

    /// Sorts a term's key, its aliases and its exclusions each in pattern order, so that the order of a term's
    /// aliases does not matter: by insertion (a few patterns, mostly in order already), and the -1 between
    /// them stays, since no pattern is below it.
    static func sortEachSide(of key: inout [Int32]) {
        for k in key.indices where k > 0 && key[k - 1] > key[k] && key[k] >= 0 {
            var j = k
            while j > 0 && key[j - 1] > key[j] { key.swapAt(j - 1, j); j -= 1 }
        }
    }

    /// A term's alias hits (of the first `aliasPatterns` patterns of `key`, and of its split aliases `splits`)
    /// in order, and its exclusion hits (of the patterns after the -1) in order.
    static func gather(_ key: [Int32], aliasPatterns: Int, splits: [Int32], _ byPattern: PatternHits, _ pairHits: [[Hit]],
                       aliases: inout [Hit], exclusions: inout [Hit]) {
        aliases.removeAll(keepingCapacity: true)
        exclusions.removeAll(keepingCapacity: true)
        // Each pattern's hits are in order (of one length, in order of their end): merged, not sorted.
        if aliasPatterns > 0 { aliases += byPattern[key[0]] }
        for p in key[min(1, aliasPatterns)..<aliasPatterns] { aliases = Evaluation.merge(aliases, byPattern[p]) }
        for i in splits { aliases = Evaluation.merge(aliases, pairHits[Int(i)][...]) }
        for p in key[(aliasPatterns + 1)...] { exclusions += byPattern[p] }
        if key.count > aliasPatterns + 2 { exclusions.sort() }   // hits of several exclusion patterns, in order
    }

    /// Appends to `hitList` the hits of `aliases` (in order) a term keeps: of overlapping ones the longest
    /// (`研发投入强度` over `投入强度`), none covered by one of `exclusions` (in order) or inside a longer
    /// name. Returns where in `hitList` they are.
    mutating func keep(_ aliases: [Hit], excluding exclusions: [Hit]) -> Range<Int> {
        let start = hitList.count
        // Most terms have no exclusion in a plan: no sweep then (it cost 1.6 % of all instructions).
        var cover = exclusions.isEmpty ? nil : Hit.CoverSweep(exclusions)
        for h in aliases {
            if cover?.covers(h) == true || insideName(h) { continue }
            if hitList.count > start, let last = hitList.last, last.sentence == h.sentence, h.start < last.end {
                if h.end - h.start > last.end - last.start { hitList[hitList.count - 1] = h }
                continue
            }
            hitList.append(h)
        }
        return start..<hitList.count
    }

    /// The hits of each split alias (`engine.splitPairs`, `SplitPairing`): one hit from the first part's start
    /// to the second's end, so that a target reads the value after the change word (`研发经费投入强度由2.1%提高到3%`).
    mutating func splitHits(_ byPattern: PatternHits) -> [[Hit]] {
        var out = [[Hit]](repeating: [], count: engine.splitPairs.count)
        let sentences = doc.sentences
        for (i, pair) in engine.splitPairs.enumerated() {
            let firsts = byPattern[pair.first], seconds = byPattern[pair.second]
            guard !firsts.isEmpty, !seconds.isEmpty else { continue }
            // Offsets in the whole buffer, so that the gap is read there; the sentence keeps pairs apart.
            let pairs = SplitPairing.pairs(firsts: firsts, seconds: seconds, in: doc.normalized[...]) { h in
                let base = sentences[h.sentence].range.lowerBound
                return (h.sentence, base + h.start, base + h.end)
            }
            for (a, b) in pairs {
                let h = firsts[a]
                out[i].append(Hit(sentence: h.sentence, start: h.start, end: seconds[b].end, match: matches.count + splitParts.count))
                splitParts.append((h.match, seconds[b].match))
            }
        }
        return out
    }

    /// Whether hit `h` stands inside a longer proper name (`ProperNames`), worked out once per match.
    mutating func insideName(_ h: Hit) -> Bool {
        if nameFlags.isEmpty { nameFlags = [UInt8](repeating: 0, count: matches.count + splitParts.count) }
        if nameFlags[h.match] == 0 {
            let r = doc.sentences[h.sentence].range
            // Nearly no hit stands beside a middle dot: looked at first, it saves most of 7.9M instructions
            // (of 978M, five plans × the 15th rules) that building the neighbours' look-ups cost.
            let a = r.lowerBound + h.start, b = r.lowerBound + h.end
            guard (a - 1 > r.lowerBound && ProperNames.isDot(doc.normalized[a - 1]))
                    || (b + 1 < r.upperBound && ProperNames.isDot(doc.normalized[b])) else {
                nameFlags[h.match] = 1
                return false
            }
            // Asked only beside a middle dot: the other matches of the sentence lie next to this one in scan
            // order, the ones ending at the dot before it, the ones starting after it (ending later) after it.
            let m = matches, sentence = h.sentence, longest = engine.automaton.longestPattern
            // A split hit's neighbours are those of its first part before it, of its second after it.
            let (before, after) = h.match < m.count ? (h.match, h.match) : splitParts[h.match - m.count]
            let endsAt = { (e: Int) -> Bool in
                var i = before - 1
                while i >= 0, m[i].sentence == sentence, m[i].end >= e { if m[i].end == e { return true }; i -= 1 }
                return false
            }
            let startsAt = { (b: Int) -> Bool in
                var i = after + 1
                while i < m.count, m[i].sentence == sentence, m[i].end - b <= longest {
                    if m[i].start == b { return true }
                    i += 1
                }
                return false
            }
            let inside = doc.normalized.withUnsafeBufferPointer {
                ProperNames.isInsideLongerName(h.start..<h.end, in: UnsafeBufferPointer(rebasing: $0[r]),
                                               aliasEnds: endsAt, aliasStarts: startsAt)
            }
            nameFlags[h.match] = inside ? 2 : 1
        }
        return nameFlags[h.match] == 2
    }

    /// `a` and `b`, each in order, merged in order.
    static func merge(_ a: [Hit], _ b: ArraySlice<Hit>) -> [Hit] {
        [Hit](unsafeUninitializedCapacity: a.count + b.count) { out, count in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    var i = 0, j = 0
                    while i < a.count && j < b.count {
                        if b[j] < a[i] { out[i + j] = b[j]; j += 1 } else { out[i + j] = a[i]; i += 1 }
                    }
                    while i < a.count { out[i + j] = a[i]; i += 1 }
                    while j < b.count { out[i + j] = b[j]; j += 1 }
                }
            }
            count = a.count + b.count
        }
    }
}
