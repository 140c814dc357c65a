/// Every alias of every term compiled into one Aho–Corasick automaton, so a text is scanned once for all
/// rules together: the cost grows with the text, not with the number of terms.
public struct TermAutomaton: Sendable {
    /// One occurrence of a pattern: which one, and where (scalar offsets, end exclusive).
    public struct Match: Sendable, Hashable, Comparable {
        public let pattern: Int
        public let start: Int
        public let end: Int

        public static func < (a: Match, b: Match) -> Bool {
            (a.start, a.end, a.pattern) < (b.start, b.end, b.pattern)
        }
    }

    /// Number of patterns compiled in.
    public let patternCount: Int
    private let patternLengths: [Int32]
    /// The length of the longest pattern, in scalars.
    public let longestPattern: Int
    // Characters that occur in some pattern get a small symbol number; 0 means "in no pattern".
    private let bmpSymbols: [UInt16]
    private let otherSymbols: [UInt32: UInt16]
    /// Full transition rows (failures already followed) for the states nearest the root, where a scan spends
    /// nearly all of its steps. An entry is either the next state's row offset (even: `width` is even), so
    /// the common step is a single load whose result is the next load's base, or `state << 1 | 1` when the
    /// next state has outputs or no row of its own, which the scan then handles by state number.
    private let dense: [Int32]
    /// The offset of `dense`'s last row, the trap row: every entry `trap`.
    private let trapRow: Int
    /// `rowOffset[state]`: the state's row in `dense`, or -1 for the deeper states, which bisect their own
    /// edges and fall back along failure links.
    private let rowOffset: [Int32]
    // Every state's edges as sorted (symbol, target) runs.
    private let edgeStart: [Int32]
    private let edgeSymbols: [UInt16]
    private let edgeTargets: [Int32]
    private let fail: [Int32]
    // Patterns ending at each state, and the nearest state on the failure chain that has any.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    private let outputLink: [Int32]

    /// The most distinct characters the patterns may hold: symbols are 16-bit, and 0 means "in no pattern".
    public static let maxCharacters = Int(UInt16.max) - 1

    /// Entries of dense rows kept: about 1 MB (a 16 MB table was slower than bisecting the deep states).
    static let denseBudget = 262_144

    /// Compiles `patterns`; a pattern's index in the array is its id in matches. Empty patterns never match.
    public init(patterns: [[Unicode.Scalar]]) {
        patternCount = patterns.count
        patternLengths = patterns.map { Int32($0.count) }
        longestPattern = patterns.map(\.count).max() ?? 0

        // Symbols: distinct characters of all patterns, numbered from 1 in first-seen order (deterministic).
        var bmp = [UInt16](repeating: 0, count: 0x10000)
        var other: [UInt32: UInt16] = [:]
        var count = 0
        func symbol(_ s: Unicode.Scalar) -> Int {
            if s.value < 0x10000 {
                if bmp[Int(s.value)] == 0 { count += 1; bmp[Int(s.value)] = UInt16(truncatingIfNeeded: count) }
                return Int(bmp[Int(s.value)])
            }
            if other[s.value] == nil { count += 1; other[s.value] = UInt16(truncatingIfNeeded: count) }
            return Int(other[s.value] ?? 0)
        }

        // The trie, with children kept in dictionaries while it is built.
        var children: [[Int: Int]] = [[:]]
        var ending: [[Int32]] = [[]]
        for (p, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var st = 0
            for s in pattern {
                let sym = symbol(s)
                if let next = children[st][sym] { st = next } else {
                    children.append([:])
                    ending.append([])
                    children[st][sym] = children.count - 1
                    st = children.count - 1
                }
            }
            ending[st].append(Int32(p))
        }
        precondition(count <= Self.maxCharacters, "too many distinct characters in the rule terms")
        bmpSymbols = bmp
        otherSymbols = other

        // Failure links breadth first; a state's outputs link to the nearest failure state with outputs.
        let n = children.count
        precondition(n < Int(Int32.max) >> 2, "too many automaton states")
        var failLink = [Int32](repeating: 0, count: n)
        var outLink = [Int32](repeating: -1, count: n)
        var queue: [Int] = []
        queue.reserveCapacity(n)
        for (_, c) in children[0].sorted(by: { $0.key < $1.key }) { queue.append(c) }
        var head = 0
        while head < queue.count {
            let st = queue[head]
            head += 1
            for (sym, c) in children[st].sorted(by: { $0.key < $1.key }) {
                var f = Int(failLink[st])
                while f != 0 && children[f][sym] == nil { f = Int(failLink[f]) }
                let target = children[f][sym] ?? 0
                failLink[c] = Int32(target == c ? 0 : target)
                let fc = Int(failLink[c])
                outLink[c] = ending[fc].isEmpty ? outLink[fc] : Int32(fc)
                queue.append(c)
            }
        }

        // Dense rows in breadth-first order (root first), within the budget: the states given rows are known
        // before any is built, so rows are written encoded, straight into the table. A state's failure
        // target is nearer the root, so its row is always written first, and a row starts as a copy of it.
        let w = (count + 2) & ~1   // column 0 is "in no pattern"; even, so row offsets are even
        let rowCount = max(1, min(n, Self.denseBudget / w))
        var offsets = [Int32](repeating: -1, count: n)
        offsets[0] = 0
        for (i, st) in queue.prefix(rowCount - 1).enumerated() { offsets[st] = Int32((i + 1) * w) }
        func hasOutput(_ st: Int) -> Bool { !ending[st].isEmpty || outLink[st] >= 0 }
        let entry = (0..<n).map { t in offsets[t] >= 0 && !hasOutput(t) ? offsets[t] : Int32(t << 1 | 1) }
        trapRow = rowCount * w
        dense = [Int32](unsafeUninitializedCapacity: (rowCount + 1) * w) { table, initialized in
            let d = table.baseAddress!
            d.initialize(repeating: entry[0], count: w)
            for (sym, c) in children[0] { d[sym] = entry[c] }
            for st in queue.prefix(rowCount - 1) {
                let row = d + Int(offsets[st])
                row.initialize(from: d + Int(offsets[Int(failLink[st])]), count: w)
                for (sym, c) in children[st] { row[sym] = entry[c] }
            }
            (d + rowCount * w).initialize(repeating: Self.trap, count: w)
            initialized = (rowCount + 1) * w
        }
        rowOffset = offsets

        var es: [Int32] = [], syms: [UInt16] = [], targets: [Int32] = []
        var os: [Int32] = [], outs: [Int32] = []
        for st in 0..<n {
            es.append(Int32(syms.count))
            for (sym, c) in children[st].sorted(by: { $0.key < $1.key }) {
                syms.append(UInt16(sym))
                targets.append(Int32(c))
            }
            os.append(Int32(outs.count))
            outs.append(contentsOf: ending[st])
        }
        es.append(Int32(syms.count))
        os.append(Int32(outs.count))
        edgeStart = es
        edgeSymbols = syms
        edgeTargets = targets
        fail = failLink
        outputStart = os
        outputs = outs
        outputLink = outLink
    }

    /// Compiles string patterns.
    public init(patterns: [String]) {
        self.init(patterns: patterns.map { Array($0.unicodeScalars) })
    }

    /// Calls `body` for every occurrence of every pattern in `text`, overlapping ones included, in order of
    /// their end offset.
    public func forEachMatch<C: Collection>(in text: C, _ body: (Match) -> Void) where C.Element == Unicode.Scalar {
        if text.withContiguousStorageIfAvailable({ scanInLanes($0, body) }) != nil { return }
        Array(text).withUnsafeBufferPointer { scanInLanes($0, body) }
    }

    /// Whether any pattern occurs in `text` (stops at the first).
    public func containsMatch<C: Collection>(in text: C) -> Bool where C.Element == Unicode.Scalar {
        if let found = text.withContiguousStorageIfAvailable({ containsMatch($0) }) { return found }
        return Array(text).withUnsafeBufferPointer { containsMatch($0) }
    }

    private func containsMatch(_ text: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        withTables { t in
            let f = t.fast
            var lane = Lane(base: 0), found = FirstMatch()
            for i in 0..<text.count {
                lane.step(text[i], at: i, f, &found)
                if found.found { return true }
            }
            return false
        }
    }

    /// Where a scan puts its matches: a list, or only whether there was one.
    fileprivate protocol MatchSink {
        mutating func add(_ m: Match)
    }

    /// Notes that a match was found, without keeping it (a list would be allocated for every sentence).
    fileprivate struct FirstMatch: MatchSink {
        var found = false
        mutating func add(_ m: Match) { found = true }
    }

    /// The tables as raw buffers: the scan runs once per character of every plan, and array bounds checks
    /// would cost about as much as the automaton's own work.
    private struct Tables {
        let bmp: UnsafeBufferPointer<UInt16>
        let dense: UnsafeBufferPointer<Int32>
        let rowOffset: UnsafeBufferPointer<Int32>
        let edgeStart: UnsafeBufferPointer<Int32>
        let edgeSymbols: UnsafeBufferPointer<UInt16>
        let edgeTargets: UnsafeBufferPointer<Int32>
        let fail: UnsafeBufferPointer<Int32>
        let outputStart: UnsafeBufferPointer<Int32>
        let outputs: UnsafeBufferPointer<Int32>
        let outputLink: UnsafeBufferPointer<Int32>
        let patternLengths: UnsafeBufferPointer<Int32>
        let other: [UInt32: UInt16]
        /// The offset in `dense` of the trap row.
        let trapRow: Int

        /// Out of line: scalars beyond the BMP are rare, and a dictionary lookup inline would crowd the scan.
        @inline(never) func otherSymbol(_ v: UInt32) -> Int { Int(other[v] ?? 0) }

        /// What the fast path of a step reads, to be held in registers through a scan: the tables are passed
        /// by reference, and the out-of-line slow path would make every step load their addresses again.
        var fast: Fast { Fast(bmp: bmp.baseAddress!, dense: dense.baseAddress!, tables: self) }

        /// Where state `st` goes on `sym`, encoded as a dense entry is (a row offset, or `state << 1 | 1`);
        /// for the deep states, which have no row: bisect their edges, fall back along failure links.
        func next(_ st: Int, _ sym: Int) -> Int {
            var st = st
            while true {
                let row = Int(rowOffset[st])
                if row >= 0 { return Int(dense[row + sym]) }
                var lo = Int(edgeStart[st]), hi = Int(edgeStart[st + 1])
                let key = UInt16(truncatingIfNeeded: sym)
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    let e = edgeSymbols[mid]
                    if e == key { return Int(edgeTargets[mid]) << 1 | 1 }
                    if e < key { lo = mid + 1 } else { hi = mid }
                }
                st = Int(fail[st])
            }
        }

        /// Adds the patterns ending at state `st` when the scan is just past `end` to `out`.
        @inline(__always) func report<Sink: MatchSink>(_ st: Int, end: Int, _ out: inout Sink) {
            var o = outputStart[st] < outputStart[st + 1] ? st : Int(outputLink[st])
            while o > 0 {
                for k in Int(outputStart[o])..<Int(outputStart[o + 1]) {
                    let p = Int(outputs[k])
                    out.add(Match(pattern: p, start: end - Int(patternLengths[p]), end: end))
                }
                o = Int(outputLink[o])
            }
        }
    }

    private func withTables<R>(_ body: (Tables) -> R) -> R {
        bmpSymbols.withUnsafeBufferPointer { bmp in
        dense.withUnsafeBufferPointer { dense in
        rowOffset.withUnsafeBufferPointer { rowOffset in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeSymbols.withUnsafeBufferPointer { edgeSymbols in
        edgeTargets.withUnsafeBufferPointer { edgeTargets in
        fail.withUnsafeBufferPointer { fail in
        outputStart.withUnsafeBufferPointer { outputStart in
        outputs.withUnsafeBufferPointer { outputs in
        outputLink.withUnsafeBufferPointer { outputLink in
        patternLengths.withUnsafeBufferPointer { patternLengths in
            body(Tables(bmp: bmp, dense: dense, rowOffset: rowOffset, edgeStart: edgeStart,
                        edgeSymbols: edgeSymbols, edgeTargets: edgeTargets, fail: fail, outputStart: outputStart,
                        outputs: outputs, outputLink: outputLink, patternLengths: patternLengths, other: otherSymbols,
                        trapRow: trapRow))
        }}}}}}}}}}}
    }

    /// The symbol and dense tables as plain addresses (never empty: `bmpSymbols` covers the BMP, `dense`
    /// has the root's row and the trap row).
    private struct Fast {
        let bmp: UnsafePointer<UInt16>
        let dense: UnsafePointer<Int32>
        let tables: Tables

        @inline(__always) func symbol(_ c: Unicode.Scalar) -> Int {
            let v = c.value
            return v < 0x10000 ? Int(bmp[Int(v)]) : tables.otherSymbol(v)
        }
    }

    /// The entry of every column of the trap row: no state, so that a lane in a deep state (which has no
    /// row of its own) takes the slow path on every step without the fast path testing for it.
    private static let trap: Int32 = -1

    /// One lane of a scan. The fast path of a step is one load, `dense[off + symbol]`, and a test of its low
    /// bit: `off` is the current state's row, or the trap row while the lane is in `deep`, a state without one.
    private struct Lane {
        var off = 0
        var deep = 0
        /// Where the lane starts in the text: a step's index is counted from it.
        let base: Int

        init(base: Int) { self.base = base }

        /// One step on `c`, the scalar at `base + k`; adds the matches that end after it to `out`.
        @inline(__always) mutating func step<Sink: MatchSink>(_ c: Unicode.Scalar, at k: Int, _ f: Fast, _ out: inout Sink) {
            let sym = f.symbol(c)
            let e = Int(f.dense[off &+ sym])
            off = e & 1 == 0 ? e : Lane.slowStep(e, sym, &deep, end: base &+ k &+ 1, f.tables, &out)
        }

        /// A step the fast path cannot take: out of a deep state, or into a state with outputs or without a
        /// row. Returns the new `off` (and sets `deep`); out of line, so that the fast path stays small.
        @inline(never) static func slowStep<Sink: MatchSink>(_ e0: Int, _ sym: Int, _ deep: inout Int, end: Int,
                                                            _ t: Tables, _ out: inout Sink) -> Int {
            var e = e0
            if e == Int(TermAutomaton.trap) {
                e = t.next(deep, sym)
                if e & 1 == 0 { return e }
            }
            let st = e >> 1
            t.report(st, end: end, &out)
            let row = Int(t.rowOffset[st])
            if row >= 0 { return row }
            deep = st
            return t.trapRow
        }
    }

    /// Lanes scanned side by side: each step of a scan waits on the load of the step before, so four
    /// independent stretches of the text, interleaved, keep the processor's memory pipeline busy.
    private static let lanes = 4

    /// The whole text in four interleaved lanes. Each lane after the first starts `longestPattern` characters
    /// early, from the root, which brings it to the true state by its own start (a state is never deeper
    /// than the longest pattern); each lane gathers its matches, reported lane after lane, so in order of
    /// their end.
    private func scanInLanes(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ body: (Match) -> Void) {
        let n = text.count
        withTables { t in
            let f = t.fast
            let warmup = longestPattern
            guard n >= 16 * (warmup + 16), let p = text.baseAddress else {
                var lane = Lane(base: 0), found: [Match] = []
                for i in 0..<n { lane.step(text[i], at: i, f, &found) }
                for m in found { body(m) }
                return
            }
            let size = n / Self.lanes
            var c0 = Lane(base: 0), c1 = Lane(base: size), c2 = Lane(base: 2 * size)
            var c3 = Lane(base: 3 * size)
            let p1 = p + c1.base, p2 = p + c2.base, p3 = p + c3.base
            // About one match in forty characters: room for that, so that the lists rarely grow.
            var m0: [Match] = [], m1: [Match] = [], m2: [Match] = [], m3: [Match] = []
            m0.reserveCapacity(size / 32); m1.reserveCapacity(size / 32)
            m2.reserveCapacity(size / 32); m3.reserveCapacity(size / 32)
            // Warm lanes 1–3 up on the characters before their stretches; what they find there is dropped.
            for k in -warmup..<0 {
                c1.step(p1[k], at: k, f, &m1)
                c2.step(p2[k], at: k, f, &m2)
                c3.step(p3[k], at: k, f, &m3)
            }
            m1.removeAll(keepingCapacity: true)
            m2.removeAll(keepingCapacity: true)
            m3.removeAll(keepingCapacity: true)
            for k in 0..<size {
                c0.step(p[k], at: k, f, &m0)
                c1.step(p1[k], at: k, f, &m1)
                c2.step(p2[k], at: k, f, &m2)
                c3.step(p3[k], at: k, f, &m3)
            }
            for k in size..<(n - c3.base) { c3.step(p3[k], at: k, f, &m3) }
            for m in m0 { body(m) }
            for m in m1 { body(m) }
            for m in m2 { body(m) }
            for m in m3 { body(m) }
        }
    }

    /// Every occurrence of every pattern in `text`, sorted by position.
    public func matches<C: Collection>(in text: C) -> [Match] where C.Element == Unicode.Scalar {
        var out: [Match] = []
        forEachMatch(in: text) { out.append($0) }
        return out.sorted()
    }
}

extension Array: TermAutomaton.MatchSink where Element == TermAutomaton.Match {
    fileprivate mutating func add(_ m: TermAutomaton.Match) { append(m) }
}
