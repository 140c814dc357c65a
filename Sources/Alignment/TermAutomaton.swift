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
    // Characters that occur in some pattern get a small symbol number; 0 means "in no pattern".
    private let bmpSymbols: [UInt16]
    private let otherSymbols: [UInt32: UInt16]
    private let symbolCount: Int
    // Every state's edges as sorted (symbol, target) runs, searched by bisection where no dense row exists.
    /// Full transition rows (failures already followed) for the states nearest the root, where a scan
    /// spends most of its steps; `denseRow[state]` is the row's index, or -1 for the deeper states, which
    /// bisect their own edges and fall back along failure links.
    private let denseRow: [Int32]
    private let dense: [Int32]
    private let width: Int
    private let edgeStart: [Int32]
    private let edgeSymbols: [UInt16]
    private let edgeTargets: [Int32]
    private let fail: [Int32]
    // Patterns ending at each state, and the nearest state on the failure chain that has any.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    private let outputLink: [Int32]

    /// Compiles `patterns`; a pattern's index in the array is its id in matches. Empty patterns never match.
    public init(patterns: [[Unicode.Scalar]]) {
        patternCount = patterns.count
        patternLengths = patterns.map { Int32($0.count) }

        // Symbols: distinct characters of all patterns, numbered from 1 in first-seen order (deterministic).
        var bmp = [UInt16](repeating: 0, count: 0x10000)
        var other: [UInt32: UInt16] = [:]
        var count = 0
        func symbol(_ s: Unicode.Scalar, create: Bool) -> Int {
            if s.value < 0x10000 {
                if bmp[Int(s.value)] == 0 && create { count += 1; bmp[Int(s.value)] = UInt16(truncatingIfNeeded: count) }
                return Int(bmp[Int(s.value)])
            }
            if other[s.value] == nil && create { count += 1; other[s.value] = UInt16(truncatingIfNeeded: count) }
            return Int(other[s.value] ?? 0)
        }

        // The trie, with children kept in dictionaries while it is built.
        var children: [[Int: Int]] = [[:]]
        var ending: [[Int32]] = [[]]
        for (p, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var st = 0
            for s in pattern {
                let sym = symbol(s, create: true)
                if let next = children[st][sym] { st = next } else {
                    children.append([:])
                    ending.append([])
                    children[st][sym] = children.count - 1
                    st = children.count - 1
                }
            }
            ending[st].append(Int32(p))
        }
        precondition(count < Int(UInt16.max), "too many distinct characters in the rule terms")
        symbolCount = count
        bmpSymbols = bmp
        otherSymbols = other

        // Failure links breadth first; a state's outputs link to the nearest failure state with outputs.
        let n = children.count
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

        var root = [Int32](repeating: 0, count: count + 1)
        for (sym, c) in children[0] { root[sym] = Int32(c) }
        // Dense rows in breadth-first order (root first), within about 1 MB so they stay in cache; a state's
        // failure target is nearer the root, so its row is always built first.
        let w = count + 1
        let budget = max(1, 262_144 / w)
        var rowOf = [Int32](repeating: -1, count: n)
        var rows: [Int32] = root
        rowOf[0] = 0
        for st in queue where rows.count / w < budget {
            let f = Int(failLink[st])
            guard rowOf[f] >= 0 else { continue }
            var row = Array(rows[(Int(rowOf[f]) * w)..<(Int(rowOf[f]) * w + w)])
            for (sym, c) in children[st] { row[sym] = Int32(c) }
            rowOf[st] = Int32(rows.count / w)
            rows += row
        }
        denseRow = rowOf
        dense = rows
        width = w
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

    @inline(__always)
    private func symbol(_ s: Unicode.Scalar) -> Int {
        s.value < 0x10000 ? Int(bmpSymbols[Int(s.value)]) : Int(otherSymbols[s.value] ?? 0)
    }


    /// Calls `body` for every occurrence of every pattern in `text`, overlapping ones included, in order of
    /// their end offset.
    public func forEachMatch<C: Collection>(in text: C, _ body: (Match) -> Void) where C.Element == Unicode.Scalar {
        withoutActuallyEscaping(body) { body in
            let each: (Match) -> Bool = { body($0); return true }
            if text.withContiguousStorageIfAvailable({ scan($0, each) }) != nil { return }
            Array(text).withUnsafeBufferPointer { scan($0, each) }
        }
    }

    /// Whether any pattern occurs in `text` (stops at the first).
    public func containsMatch<C: Collection>(in text: C) -> Bool where C.Element == Unicode.Scalar {
        var found = false
        let first: (Match) -> Bool = { _ in found = true; return false }
        if text.withContiguousStorageIfAvailable({ scan($0, first) }) == nil {
            Array(text).withUnsafeBufferPointer { scan($0, first) }
        }
        return found
    }

    /// The scan itself, over raw buffers: this loop runs once per character of every plan, and array
    /// bounds checks would cost about as much as the automaton's own work.
    /// `body` returns false to stop the scan.
    private func scan(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ body: (Match) -> Bool) {
        bmpSymbols.withUnsafeBufferPointer { bmp in
        denseRow.withUnsafeBufferPointer { denseRow in
        dense.withUnsafeBufferPointer { dense in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeSymbols.withUnsafeBufferPointer { edgeSymbols in
        edgeTargets.withUnsafeBufferPointer { edgeTargets in
        fail.withUnsafeBufferPointer { fail in
        outputStart.withUnsafeBufferPointer { outputStart in
        outputLink.withUnsafeBufferPointer { outputLink in
            var st = 0
            var i = 0
            scanning: for c in text {
                i += 1
                let v = c.value
                let sym = v < 0x10000 ? Int(bmp[Int(v)]) : Int(otherSymbols[v] ?? 0)
                if sym == 0 { st = 0; continue }
                while true {
                    let row = Int(denseRow[st])
                    if row >= 0 {
                        st = Int(dense[row * width + sym])
                        break
                    }
                    // Bisect the state's sorted edges for the symbol.
                    var lo = Int(edgeStart[st]), hi = Int(edgeStart[st + 1])
                    let key = UInt16(truncatingIfNeeded: sym)
                    var found = -1
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        let e = edgeSymbols[mid]
                        if e == key { found = Int(edgeTargets[mid]); break }
                        if e < key { lo = mid + 1 } else { hi = mid }
                    }
                    if found >= 0 { st = found; break }
                    st = Int(fail[st])
                }
                if st == 0 { continue }
                var o = outputStart[st] < outputStart[st + 1] ? st : Int(outputLink[st])
                while o > 0 {
                    for k in Int(outputStart[o])..<Int(outputStart[o + 1]) {
                        let p = Int(outputs[k])
                        if !body(Match(pattern: p, start: i - Int(patternLengths[p]), end: i)) { break scanning }
                    }
                    o = Int(outputLink[o])
                }
            }
        }}}}}}}}}
    }

    /// Every occurrence of every pattern in `text`, sorted by position.
    public func matches<C: Collection>(in text: C) -> [Match] where C.Element == Unicode.Scalar {
        var out: [Match] = []
        forEachMatch(in: text) { out.append($0) }
        return out.sorted()
    }
}
