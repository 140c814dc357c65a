import Foundation
import DocumentModel

/// Finds the sentences closest to a query by BM25 over character bigrams: how a reviewer is shown
/// partial coverage under other words when a goal's terms are not found.
public struct PassageIndex: Sendable {
    /// One suggestion: a sentence and its score (higher is closer).
    public struct Hit: Sendable, Hashable {
        public let sentence: Int
        public let score: Double
    }

    private let postings: [UInt64: [(sentence: Int32, count: Int16)]]
    private let lengths: [Int32]
    private let averageLength: Double
    private let eligible: [Bool]

    /// Indexes the sentences of `doc` for which `include` is true (e.g. not in review sections).
    public init(_ doc: PlanDocument, include: (Sentence) -> Bool = { _ in true }) {
        var post: [UInt64: [(Int32, Int16)]] = [:]
        var lens: [Int32] = []
        var ok: [Bool] = []
        lens.reserveCapacity(doc.sentences.count)
        for (i, s) in doc.sentences.enumerated() {
            let use = include(s)
            ok.append(use)
            guard use else { lens.append(0); continue }
            let grams = PassageIndex.bigrams(doc.scalars(of: s))
            lens.append(Int32(grams.count))
            var counts: [UInt64: Int16] = [:]
            for g in grams { counts[g, default: 0] += 1 }
            for (g, c) in counts { post[g, default: []].append((Int32(i), c)) }
        }
        postings = post
        lengths = lens
        let used = lens.enumerated().filter { ok[$0.offset] }.map { Double($0.element) }
        averageLength = used.isEmpty ? 1 : max(1, used.reduce(0, +) / Double(used.count))
        eligible = ok
    }

    /// Character bigrams of the letters, digits and ideographs (punctuation breaks a run).
    static func bigrams<C: Collection>(_ s: C) -> [UInt64] where C.Element == Unicode.Scalar {
        var out: [UInt64] = []
        var prev: Unicode.Scalar?
        for c in s {
            let p = c.properties
            guard p.isAlphabetic || p.numericType != nil else { prev = nil; continue }
            if let a = prev { out.append(UInt64(a.value) << 32 | UInt64(c.value)) }
            prev = c
        }
        return out
    }

    /// Up to `limit` sentences closest to `query`, best first; ties go to the earlier sentence.
    public func closest(to query: String, limit: Int = 3, minimumScore: Double = 1.0) -> [Hit] {
        let grams = Set(PassageIndex.bigrams(query.unicodeScalars))
        let n = Double(lengths.count)
        let k1 = 1.2, b = 0.75
        var scores: [Int32: Double] = [:]
        for g in grams {
            guard let list = postings[g] else { continue }
            let df = Double(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            for (s, c) in list {
                let tf = Double(c)
                let norm = tf * (k1 + 1) / (tf + k1 * (1 - b + b * Double(lengths[Int(s)]) / averageLength))
                scores[s, default: 0] += idf * norm
            }
        }
        return scores.filter { $0.value >= minimumScore && eligible[Int($0.key)] }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit)
            .map { Hit(sentence: Int($0.key), score: $0.value) }
    }
}

