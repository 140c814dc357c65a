import DocumentModel
import Foundation

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
    private let postings: [[(sentence: Int32, count: Int16)]]
    private let lengths: [Int32]
    private let averageLength: Double
    private let included: Int

    /// Indexes, for `queries`, the sentences of `doc` for which `include` is true (e.g. not in review sections).
    public init(_ doc: PlanDocument, queries: [String], include: (Sentence) -> Bool = { _ in true }) {
        var wanted: [UInt64: Int] = [:]
        var firstChar = [UInt64](repeating: 0, count: 1024)   // a bit per BMP scalar that starts a wanted bigram
        queryGrams = queries.map { q in
            Array(Set(PassageIndex.bigrams(q.unicodeScalars))).sorted().map { g in
                if let i = wanted[g] { return i }
                wanted[g] = wanted.count
                let first = g >> 32
                if first < 0x10000 { firstChar[Int(first >> 6)] |= 1 << (first & 63) }
                return wanted.count - 1
            }
        }
        var post = [[(sentence: Int32, count: Int16)]](repeating: [], count: wanted.count)
        var lens = [Int32](repeating: 0, count: doc.sentences.count)
        var total = 0, used = 0
        var local: [(Int, Int16)] = []
        for (i, s) in doc.sentences.enumerated() where include(s) {
            used += 1
            local.removeAll(keepingCapacity: true)
            var n: Int32 = 0
            var prev: UInt32 = 0
            for c in doc.scalars(of: s) {
                guard isWordScalar(c) else { prev = 0; continue }
                if prev != 0 {
                    n += 1
                    if prev < 0x10000, firstChar[Int(prev >> 6)] & (1 << UInt64(prev & 63)) != 0,
                       let w = wanted[UInt64(prev) << 32 | UInt64(c.value)] {
                        if let k = local.firstIndex(where: { $0.0 == w }) { local[k].1 += 1 } else { local.append((w, 1)) }
                    }
                }
                prev = c.value
            }
            lens[i] = n
            total += Int(n)
            for (w, count) in local { post[w].append((Int32(i), count)) }
        }
        postings = post
        lengths = lens
        included = used
        averageLength = used == 0 ? 1 : max(1, Double(total) / Double(used))
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
        let n = Double(included)
        let k1 = 1.2, b = 0.75
        var scores = [Double](repeating: 0, count: lengths.count)
        var touched: [Int32] = []
        for g in queryGrams[q] {
            let list = postings[g]
            guard !list.isEmpty else { continue }
            let df = Double(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            for (s, c) in list {
                let tf = Double(c)
                let norm = tf * (k1 + 1) / (tf + k1 * (1 - b + b * Double(lengths[Int(s)]) / averageLength))
                if scores[Int(s)] == 0 { touched.append(s) }
                scores[Int(s)] += idf * norm
            }
        }
        // Keep the best few while scanning: a full sort of every touched sentence costs more than the scoring.
        var best: [Hit] = []
        for s in touched {
            let score = scores[Int(s)]
            guard score >= minimumScore else { continue }
            let hit = Hit(sentence: Int(s), score: score)
            let at = best.firstIndex { score > $0.score || (score == $0.score && hit.sentence < $0.sentence) } ?? best.count
            if at < limit {
                best.insert(hit, at: at)
                if best.count > limit { best.removeLast() }
            }
        }
        return best
    }
}
