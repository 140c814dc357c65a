/// Where each character of a piece of markup text stands in the source: its index in `SourceText.scalars`,
/// or -1 where it was not found. Held as runs of consecutive indices, the first one inline, since most text
/// nodes are one run: one `Int` a character was 8 MB of the 65 MB heap peak reading 3 MB of plan XML.
struct SourcePositions: RandomAccessCollection, Equatable {
    /// The first run's first source index (-1: not found); the first run starts at character 0.
    private var firstSource = -1
    /// The first character of each run after the first, ascending.
    private var laterStarts: [Int] = []
    /// The first source index of each run after the first, or -1 for a run of characters not found.
    private var laterSources: [Int] = []
    /// How many characters.
    private(set) var endIndex = 0

    var startIndex: Int { 0 }

    init() {}

    /// `count` characters at consecutive source indices from `start`.
    init(from start: Int, count: Int) {
        appendRun(source: start, count: count)
    }

    /// `count` characters not found in the source.
    init(unknown count: Int) {
        appendRun(source: -1, count: count)
    }

    /// From one source index per character (negative for not found).
    init(_ positions: some Sequence<Int>) {
        for p in positions { append(p) }
    }

    /// The source index of character `k`, or -1.
    subscript(k: Int) -> Int {
        precondition(k >= 0 && k < endIndex, "SourcePositions index out of range")
        let j = run(containing: k)
        let s = source(ofRun: j)
        return s < 0 ? -1 : s + (k - start(ofRun: j))
    }

    /// The source index of the first character that was found.
    var firstKnown: Int? {
        if endIndex == 0 { return nil }
        if firstSource >= 0 { return firstSource }
        return laterSources.first { $0 >= 0 }
    }

    /// The source indices of the first and the last character of `r` that were found, if any was: a sentence
    /// that begins or ends with an entity's text (no place in the source) is still located by the rest.
    func knownBounds(in r: Range<Int>) -> (first: Int, last: Int)? {
        guard !r.isEmpty, r.lowerBound >= 0, r.upperBound <= endIndex else { return nil }
        var first: Int?, last: Int?
        var j = run(containing: r.lowerBound)
        while j < runCount, start(ofRun: j) < r.upperBound {
            let s = source(ofRun: j)
            if s >= 0 {
                let lo = Swift.max(start(ofRun: j), r.lowerBound), hi = Swift.min(end(ofRun: j), r.upperBound)
                if first == nil { first = s + (lo - start(ofRun: j)) }
                last = s + (hi - 1 - start(ofRun: j))
            }
            j += 1
        }
        guard let first, let last else { return nil }
        return (first, last)
    }

    /// One more character, at source index `p` (negative: not found).
    mutating func append(_ p: Int) {
        appendRun(source: p, count: 1)
    }

    mutating func append(contentsOf other: SourcePositions) {
        for j in 0..<other.runCount {
            appendRun(source: other.source(ofRun: j), count: other.end(ofRun: j) - other.start(ofRun: j))
        }
    }

    /// Characters `r` on their own.
    func slice(_ r: Range<Int>) -> SourcePositions {
        precondition(r.lowerBound >= 0 && r.upperBound <= endIndex, "SourcePositions slice out of range")
        var out = SourcePositions()
        guard !r.isEmpty else { return out }
        var j = run(containing: r.lowerBound)
        var k = r.lowerBound
        while k < r.upperBound {
            let end = Swift.min(self.end(ofRun: j), r.upperBound)
            let s = source(ofRun: j)
            out.appendRun(source: s < 0 ? -1 : s + (k - start(ofRun: j)), count: end - k)
            k = end
            j += 1
        }
        return out
    }

    /// The first `n` characters (all of them when there are fewer).
    func prefix(_ n: Int) -> SourcePositions { slice(0..<Swift.min(Swift.max(n, 0), endIndex)) }

    private var runCount: Int { endIndex == 0 ? 0 : 1 + laterStarts.count }
    private func start(ofRun j: Int) -> Int { j == 0 ? 0 : laterStarts[j - 1] }
    private func end(ofRun j: Int) -> Int { j + 1 < runCount ? laterStarts[j] : endIndex }
    private func source(ofRun j: Int) -> Int { j == 0 ? firstSource : laterSources[j - 1] }

    /// Runs are kept merged, so equal positions have equal runs.
    private mutating func appendRun(source: Int, count: Int) {
        guard count > 0 else { return }
        let source = source < 0 ? -1 : source
        if endIndex == 0 {
            firstSource = source
            endIndex = count
            return
        }
        let last = runCount - 1
        let lastSource = self.source(ofRun: last)
        if (lastSource < 0 && source < 0) || (lastSource >= 0 && source == lastSource + (endIndex - start(ofRun: last))) {
            endIndex += count
            return
        }
        laterStarts.append(endIndex)
        laterSources.append(source)
        endIndex += count
    }

    /// The run that holds character `k` (0 ≤ k < endIndex).
    private func run(containing k: Int) -> Int {
        // Runs 1... start at laterStarts[0...]: the last one starting at or before k, else run 0.
        var lo = 0, hi = laterStarts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if laterStarts[mid] <= k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
