import DocumentModel
import Foundation
import Quantities

/// Finds the sentences closest to a query by BM25 over character bigrams: how a reviewer is shown
/// partial coverage under other words when a goal's terms are not found.
///
/// Only the bigrams of the queries are indexed, in one pass over the plan for all queries together, so
/// the cost is one scan of the text however many goals are missing.
public struct PassageIndex: Sendable {
    /// One suggestion: a sentence and its score (higher is closer).
    public struct Hit: Sendable, Hashable {
        public let sentence: Int
        public let score: Double
    }

    private let queryGrams: [[Int]]
    /// Per wanted bigram, the sentences holding it with BM25's length-normalized term weight, worked out
    /// once here rather than again for every query that shares the bigram.
    private let postings: [[(sentence: Int32, weight: Float)]]
    private let sentenceCount: Int
    private let included: Int

    /// Indexes, for `queries`, the sentences of `doc` for which `include` is true (e.g. not in review sections).
    public init(_ doc: PlanDocument, queries: [String], include: (Sentence) -> Bool = { _ in true }) {
        var wanted = BigramTable()
        // The scalars that start a wanted bigram: a bit test rules out most of the plan's bigrams before `wanted` is asked.
        var firstScalars = ScalarBits()
        queryGrams = queries.map { q in
            Array(Set(PassageIndex.bigrams(q.unicodeScalars))).sorted().map { g in
                if let i = wanted[g] { return i }
                let i = wanted.count
                wanted.insert(g, i)
                if let first = Unicode.Scalar(UInt32(g >> 32)) { firstScalars.insert(first) }
                return i
            }
        }
        // Counts are 32-bit and saturate: a sentence may repeat one bigram any number of times (a 16-bit
        // count trapped at 32,768). Sentence numbers and lengths fit 32 bits: plans are under 2 GiB.
        var counts = [[(sentence: Int32, count: Int32)]](repeating: [], count: wanted.count)
        var lens = [Int32](repeating: 0, count: doc.sentences.count)
        var total = 0, used = 0
        var local: [(Int, Int32)] = []
        // Where each wanted bigram stands in `local` (-1: not in this sentence): a search of `local` for
        // every bigram made a long sentence cost its length times its distinct bigrams.
        var slot = [Int32](repeating: -1, count: wanted.count)
        for (i, s) in doc.sentences.enumerated() where include(s) {
            used += 1
            local.removeAll(keepingCapacity: true)
            var n = 0
            var prev: Unicode.Scalar = "\0"   // none: not a word scalar
            for c in doc.scalars(of: s) {
                guard isWordScalar(c) else { prev = "\0"; continue }
                if prev != "\0" {
                    n += 1
                    // Bigrams starting beyond the BMP are not counted (`ScalarBits` would only say "maybe" there).
                    if prev.value < 0x10000, firstScalars.mayContain(prev),
                       let w = wanted[UInt64(prev.value) << 32 | UInt64(c.value)] {
                        let k = Int(slot[w])
                        if k >= 0 {
                            if local[k].1 < Int32.max { local[k].1 += 1 }
                        } else {
                            slot[w] = Int32(local.count)
                            local.append((w, 1))
                        }
                    }
                }
                prev = c
            }
            lens[i] = Int32(clamping: n)
            total += n
            for (w, count) in local {
                counts[w].append((Int32(i), count))
                slot[w] = -1
            }
        }
        let average = used == 0 ? 1 : max(1, Double(total) / Double(used))
        let k1 = 1.2, b = 0.75
        postings = counts.map { list in
            list.map { (s, c) in
                let tf = Double(c)
                return (s, Float(tf * (k1 + 1) / (tf + k1 * (1 - b + b * Double(lens[Int(s)]) / average))))
            }
        }
        sentenceCount = doc.sentences.count
        included = used
    }

    /// Character bigrams of the letters, digits and ideographs (punctuation breaks a run).
    static func bigrams<C: Collection>(_ s: C) -> [UInt64] where C.Element == Unicode.Scalar {
        var out: [UInt64] = []
        var prev: Unicode.Scalar?
        for c in s {
            guard isWordScalar(c) else { prev = nil; continue }
            if let a = prev { out.append(UInt64(a.value) << 32 | UInt64(c.value)) }
            prev = c
        }
        return out
    }

    /// Up to `limit` sentences closest to query number `q`, best first; ties go to the earlier sentence.
    public func closest(query q: Int, limit: Int = 3, minimumScore: Double = 1.0) -> [Hit] {
        var scratch = Scratch(count: sentenceCount)
        return closest(query: q, limit: limit, minimumScore: minimumScore, scratch: &scratch)
    }

    /// Reusable score buffer: zeroing one array per query would cost more than scoring.
    public struct Scratch {
        var scores: [Double]
        var touched: [Int32] = []
        public init(count: Int) { scores = Array(repeating: 0, count: count) }
    }

    /// A fresh scratch buffer for this index.
    public func makeScratch() -> Scratch { Scratch(count: sentenceCount) }

    /// As `closest(query:limit:minimumScore:)`, reusing `scratch` across queries.
    public func closest(query q: Int, limit: Int = 3, minimumScore: Double = 1.0, scratch: inout Scratch) -> [Hit] {
        let n = Double(included)
        // Bigrams in more than a quarter of the sentences (发展, 建设…) say little about any one of them and
        // cost the most to score: they are left out, as search engines leave out stop words.
        let common = max(64, included / 4)
        for g in queryGrams[q] {
            let list = postings[g]
            guard !list.isEmpty, list.count <= common else { continue }
            let df = Double(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            for (s, w) in list {
                if scratch.scores[Int(s)] == 0 { scratch.touched.append(s) }
                scratch.scores[Int(s)] += idf * Double(w)
            }
        }
        // Keep the best few while scanning: a full sort of every touched sentence costs more than the scoring.
        var best: [Hit] = []
        for s in scratch.touched {
            let score = scratch.scores[Int(s)]
            scratch.scores[Int(s)] = 0
            guard score >= minimumScore else { continue }
            let hit = Hit(sentence: Int(s), score: score)
            let at = best.firstIndex { score > $0.score || (score == $0.score && hit.sentence < $0.sentence) } ?? best.count
            if at < limit {
                best.insert(hit, at: at)
                if best.count > limit { best.removeLast() }
            }
        }
        scratch.touched.removeAll(keepingCapacity: true)
        return best
    }
}

/// An open-addressing table from bigram to index: the plan's every bigram is looked up, and Swift's
/// Dictionary hashes with SipHash, several times slower than this multiplicative hash on UInt64 keys.
struct BigramTable {
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)   // 0 marks an empty slot (no bigram is 0)
    private var values: [Int32] = Array(repeating: 0, count: 1024)
    private(set) var count = 0

    @inline(__always) private func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    subscript(key: UInt64) -> Int? {
        let mask = keys.count - 1
        var i = slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { return Int(values[i]) }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, _ value: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key, mask)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = key
        values[i] = Int32(value)
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != 0 { insert(k, Int(v)) }
    }
}
