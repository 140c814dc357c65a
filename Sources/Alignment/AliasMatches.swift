import DocumentModel
import Foundation

/// One occurrence of a term's alias in a plan, as `plancheck rules matches` lists it: where, in what
/// words, and how firmly the sentence commits to it, so that a false friend shows at a glance.
public struct AliasMatch: Sendable, Hashable {
    /// The term's name (for a quoted phrase, the phrase).
    public var term: String
    /// The alias as it matched (normalized).
    public var alias: String
    /// The sentence's index in `PlanDocument.sentences`, and the match's range in its normalized scalars.
    public var sentence: Int
    public var range: Range<Int>
    /// The term's exclusion that covers this match (so it does not count), if any.
    public var excludedBy: String?
    /// How firmly the sentence commits to it, as the engine classes it.
    public var commitment: CommitmentClass
    /// The longer word around the match: the match with up to `wordReach` CJK characters on each side.
    public var word: String

    /// How many CJK characters on each side of a match `word` takes.
    public static let wordReach = 4
}

extension AlignmentEngine {
    /// The ids of the terms named `name` (a term of the rules, or a quoted phrase a clause uses); when none
    /// is, of the terms that have `name` as an alias.
    public func termIDs(named name: String) -> [Int] {
        let named = resolved.indices.filter { resolved[$0].name == name }
        return named.isEmpty ? resolved.indices.filter { resolved[$0].aliases.contains(name) } : named
    }

    /// The ids of the terms the clauses of goal `id` use; empty when there is no such goal.
    public func termIDs(ofGoal id: String) -> [Int] {
        var out: [Int] = []
        for g in goals.indices where goals[g].id.value == id {
            for t in goalInfo[g].terms { for x in t.predicate + t.condition { if let x, !out.contains(x) { out.append(x) } } }
        }
        return out
    }

    /// Every match of an alias of the terms `selected` (all terms when nil) in `doc`, in document order.
    public func aliasMatches(in doc: PlanDocument, terms selected: [Int]? = nil) -> [AliasMatch] {
        let finder = TermsFinder(self)
        let wanted = Set(selected ?? Array(resolved.indices))
        var facts = SentenceFacts(doc: doc, period: period)
        var out: [AliasMatch] = []
        for i in doc.sentences.indices {
            let text = doc.scalars(of: doc.sentences[i])
            let matches = automaton.matches(in: text)
            guard !matches.isEmpty else { continue }
            let exclusions = finder.exclusions(in: matches)
            for m in matches {
                for t in finder.aliasOf[m.pattern] where wanted.contains(t) {
                    let cover = exclusions.cover(m, of: t)
                    let base = text.startIndex
                    out.append(AliasMatch(
                        term: resolved[t].name,
                        alias: String(String.UnicodeScalarView(text[(base + m.start)..<(base + m.end)])),
                        sentence: i, range: m.start..<m.end,
                        excludedBy: cover.map { String(String.UnicodeScalarView(text[(base + $0.start)..<(base + $0.end)])) },
                        commitment: facts.classify(i, subject: m.start..<m.end),
                        word: Self.word(around: m.start..<m.end, in: text)))
                }
            }
            for s in finder.splitMatches(matches, in: text) {
                for t in finder.splitOf[s.pair] where wanted.contains(t) {
                    let base = text.startIndex
                    let cover = exclusions.cover(TermAutomaton.Match(pattern: -1, start: s.range.lowerBound, end: s.range.upperBound), of: t)
                    out.append(AliasMatch(
                        term: resolved[t].name,
                        alias: String(String.UnicodeScalarView(text[(base + s.range.lowerBound)..<(base + s.range.upperBound)])),
                        sentence: i, range: s.range,
                        excludedBy: cover.map { String(String.UnicodeScalarView(text[(base + $0.start)..<(base + $0.end)])) },
                        commitment: facts.classify(i, subject: s.range),
                        word: Self.word(around: s.range, in: text)))
                }
            }
        }
        return out
    }

    /// The match with the CJK characters next to it, up to `AliasMatch.wordReach` on each side.
    static func word(around r: Range<Int>, in text: ArraySlice<Unicode.Scalar>) -> String {
        let base = text.startIndex
        func isCJK(_ k: Int) -> Bool { text[base + k].properties.isIdeographic }
        var a = r.lowerBound, b = r.upperBound
        while a > 0, r.lowerBound - a < AliasMatch.wordReach, isCJK(a - 1) { a -= 1 }
        while b < text.count, b - r.upperBound < AliasMatch.wordReach, isCJK(b) { b += 1 }
        return String(String.UnicodeScalarView(text[(base + a)..<(base + b)]))
    }
}
