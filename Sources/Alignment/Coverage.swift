import DocumentModel
import Foundation
import RuleLanguage

/// How a city document's commitments are checked by a rule set (`plancheck rules coverage`).
public struct CommitmentCoverage: Sendable {
    /// How well one commitment is checked.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// It states a figure, and it names the subject of a `target` clause (which compares a plan's figure
        /// for that subject with the city's).
        case target
        /// A clause mentions it; for a commitment that is only a figure, that is not enough (see `unchecked`).
        case checked
        /// No clause of a goal citing its item finds it (or, for a figure alone, none compares it).
        case unchecked
        /// Set aside by an `uncheckable` block, whose reason says why no rule can check it by text; not
        /// counted in the coverage figure.
        case uncheckable
    }

    /// One clause that checks the commitment.
    public struct Check: Sendable, Hashable {
        /// The goal's id.
        public var goal: String
        /// The clause's file and line.
        public var file: String
        public var line: Int
        /// Whether the clause is a `target`.
        public var target: Bool
    }

    public var commitment: Commitment
    /// The clauses that check it, in rule order.
    public var checks: [Check]
    /// The reason of the `uncheckable` block that sets it aside, if one does.
    public var setAside: String?

    public init(commitment: Commitment, checks: [Check], setAside: String? = nil) {
        self.commitment = commitment
        self.checks = checks
        self.setAside = setAside
    }

    /// The goals of `checks`, each once, in rule order.
    public var goals: [String] {
        var out: [String] = []
        for check in checks where !out.contains(check.goal) { out.append(check.goal) }
        return out
    }

    public var state: State {
        let figure = commitment.kinds.contains(.quantity)
        if figure && checks.contains(where: \.target) { return .target }
        // A figure alone is checked only by a target that compares it; a name or an obligation by any clause.
        // A rule that checks a commitment wins over a block that sets it aside (the block is then stale).
        if checks.isEmpty || commitment.kinds == [.quantity] { return setAside == nil ? .unchecked : .uncheckable }
        return .checked
    }
}

extension AlignmentEngine {
    /// Which of `commitments` (found in `doc`) the goals citing the document check. A goal's clause checks a
    /// commitment when one of its terms' aliases occurs in the commitment's clause (not inside one of the
    /// term's exclusions) and the goal cites the commitment's item; a commitment outside any numbered item,
    /// and a goal whose citation names no numbered item, may go with any. `cites` says whether a goal's
    /// citation is of `doc`.
    public func coverage(of doc: PlanDocument, commitments: [Commitment],
                         cites: (CitationInfo) -> Bool) -> [CommitmentCoverage] {
        let terms = TermsFinder(self)
        // The goals that cite the document, with the item they cite.
        let citing = goals.indices.filter { goalInfo[$0].citation.map(cites) ?? false }
        let setAside = SetAside(self, doc: doc, cites: cites)
        return commitments.map { c in
            let text = doc.scalars(of: doc.sentences[c.sentence])
            let hit = terms.found(in: text[(text.startIndex + c.range.lowerBound)..<(text.startIndex + c.range.upperBound)])
            var checks: [CommitmentCoverage.Check] = []
            let reason = setAside.reason(for: c, in: doc)
            guard !hit.isEmpty else { return CommitmentCoverage(commitment: c, checks: [], setAside: reason) }
            for g in citing {
                let info = goalInfo[g]
                if let item = c.item, !Self.sameItem(info.citation?.item, item) { continue }
                for (k, clauseTerms) in info.terms.enumerated() where clauseTerms.predicate.contains(where: { $0.map(hit.contains) ?? false }) {
                    let clause = info.clauses[k]
                    var isTarget = false
                    if case .target = clause.predicate { isTarget = true }
                    checks.append(CommitmentCoverage.Check(goal: goals[g].id.value, file: clause.range.start.file,
                                                           line: clause.range.start.line, target: isTarget))
                }
            }
            return CommitmentCoverage(commitment: c, checks: checks, setAside: reason)
        }
    }

    /// The citations of the goals citing `doc` that are wrong: a quotation the document does not hold
    /// (full-width and ASCII punctuation count as the same), or one that holds none of the terms the goal
    /// requires, so that the goal checks something other than what it cites.
    public func citationProblems(in doc: PlanDocument, cites: (CitationInfo) -> Bool) -> [CitationProblem] {
        let terms = TermsFinder(self)
        let document = String(String.UnicodeScalarView(doc.normalized.map(Self.fold)))
        var out: [CitationProblem] = []
        for g in goals.indices {
            guard let citation = goalInfo[g].citation, cites(citation), let quote = goals[g].citation?.quote else { continue }
            let normalized = Normalizer.normalize(Array(quote.value.unicodeScalars)).scalars
            let at = quote.range.start
            func problem(_ kind: CitationProblem.Kind, _ names: [String] = []) -> CitationProblem {
                CitationProblem(goal: goals[g].id.value, file: at.file, line: at.line, column: at.column, kind: kind,
                                quote: quote.value, terms: names, commitment: nil)
            }
            if !document.containsPhrase(Self.foldedText(normalized)) {
                out.append(problem(.notInDocument))
            }
            // The terms of the goal's `require` clauses (all its clauses when it has none).
            let info = goalInfo[g]
            let required = info.clauses.indices.filter { info.clauses[$0].strength == .require }
            let ids = (required.isEmpty ? Array(info.clauses.indices) : required).flatMap { info.terms[$0].predicate.compactMap { $0 } }
            guard !ids.isEmpty else { continue }
            let found = terms.found(in: normalized[...])
            if !ids.contains(where: found.contains) {
                var names: [String] = []
                for t in ids where !names.contains(resolved[t].name) { names.append(resolved[t].name) }
                out.append(problem(.holdsNoRequiredTerm, names))
            }
        }
        return out
    }

    /// Scalars folded by `fold`, as a string.
    static func foldedText(_ s: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(s.map(fold))) }

    /// A full-width form (`，` U+FF0C) as its ASCII character; anything else as it is.
    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (0xFF01...0xFF5E).contains(c.value) ? Unicode.Scalar(c.value - 0xFEE0) ?? c : c
    }

    /// The ids of the goals whose citation `cites` accepts.
    public func goalsCiting(_ cites: (CitationInfo) -> Bool) -> [String] {
        goals.indices.filter { goalInfo[$0].citation.map(cites) ?? false }.map { goals[$0].id.value }
    }

    /// Whether a citation's item (`5`, `第5条`, `5.2`) may name the numbered item `item`: it does when
    /// its number is `item`, and a citation without an item, or with one that is not a number
    /// (`item 主要奋斗目标`), cannot be placed, so it may name any.
    static func sameItem(_ cited: String?, _ item: String) -> Bool {
        guard let cited else { return true }
        let digits = itemNumber(cited)
        return digits.isEmpty || digits == item
    }

    /// The number a cited item names (`5`, `第5条`, `5.2` → `5`), or "" when it names none.
    static func itemNumber(_ cited: String) -> String {
        String(cited.prefix { $0 != "." }.filter { $0.isASCII && $0.isNumber })
    }
}

/// A citation of a goal or of an `uncheckable` block that does not fit the document it cites
/// (`plancheck rules coverage`).
public struct CitationProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The quotation is not in the document.
        case notInDocument = "not-in-document"
        /// The quotation holds none of the terms the goal requires.
        case holdsNoRequiredTerm = "holds-no-required-term"
        /// An `uncheckable` citation that sets no commitment aside: its item or quotation has none.
        case setsNothingAside = "sets-nothing-aside"
        /// An `uncheckable` citation sets aside a commitment that a rule checks: the block is stale.
        case checkedAnyway = "checked-anyway"
    }
    /// The goal's id; nil for an `uncheckable` block.
    public var goal: String?
    /// Where the quotation is written in the rules.
    public var file: String
    public var line: Int
    public var column: Int
    public var kind: Kind
    public var quote: String
    /// For `holdsNoRequiredTerm`: the terms required.
    public var terms: [String]
    /// For `checkedAnyway`: the commitment's clause, and the goals that check it.
    public var commitment: String?
}

/// Finds which of an engine's terms occur in a piece of text, with the terms' exclusions applied: the
/// automaton's patterns mapped back to the terms they are aliases and exclusions of, once.
struct TermsFinder {
    let engine: AlignmentEngine
    let aliasOf: [[Int]]
    let exclusionOf: [[Int]]
    /// The terms of each split alias (`engine.splitPairs`).
    let splitOf: [[Int]]

    init(_ engine: AlignmentEngine) {
        self.engine = engine
        var aliasOf = [[Int]](repeating: [], count: engine.automaton.patternCount), exclusionOf = aliasOf
        var splitOf = [[Int]](repeating: [], count: engine.splitPairs.count)
        for t in engine.resolved.indices {
            let patterns = engine.termPatterns[t]
            for p in engine.patternList[patterns.aliases] { aliasOf[Int(p)].append(t) }
            for p in engine.patternList[patterns.exclusions] { exclusionOf[Int(p)].append(t) }
            for s in engine.splitList[patterns.splits] { splitOf[Int(s)].append(t) }
        }
        self.aliasOf = aliasOf
        self.exclusionOf = exclusionOf
        self.splitOf = splitOf
    }

    /// The ids (in `AlignmentEngine.resolved`) of the terms with an alias in `text` outside their exclusions.
    func found(in text: ArraySlice<Unicode.Scalar>) -> Set<Int> {
        let matches = engine.automaton.matches(in: text)
        let exclusions = self.exclusions(in: matches)
        var hit = Set<Int>()
        for m in matches {
            for t in aliasOf[m.pattern] where !hit.contains(t) && exclusions.cover(m, of: t) == nil { hit.insert(t) }
        }
        for s in splitMatches(matches, in: text) {
            let whole = TermAutomaton.Match(pattern: -1, start: s.range.lowerBound, end: s.range.upperBound)
            for t in splitOf[s.pair] where exclusions.cover(whole, of: t) == nil { hit.insert(t) }
        }
        return hit
    }

    /// The matches of split aliases among `matches` (the scan of one text, `text`): each split's index in
    /// `engine.splitPairs` and the offsets from its first part's start to its second's end.
    func splitMatches(_ matches: [TermAutomaton.Match], in text: ArraySlice<Unicode.Scalar>) -> [(pair: Int, range: Range<Int>)] {
        guard !engine.splitPairs.isEmpty, !matches.isEmpty else { return [] }
        var byPattern: [Int: [TermAutomaton.Match]] = [:]
        for m in matches { byPattern[m.pattern, default: []].append(m) }
        var out: [(pair: Int, range: Range<Int>)] = []
        for (i, pair) in engine.splitPairs.enumerated() {
            // A part's matches, by start (one length, so also by end).
            guard let firsts = byPattern[Int(pair.first)]?.sorted(), let seconds = byPattern[Int(pair.second)]?.sorted() else { continue }
            for (a, b) in SplitPairing.pairs(firsts: firsts, seconds: seconds, in: text, place: { (0, $0.start, $0.end) }) {
                out.append((i, firsts[a].start..<seconds[b].end))
            }
        }
        return out
    }

    /// The exclusions among `matches`, by term, for `Exclusions.cover`.
    func exclusions(in matches: [TermAutomaton.Match]) -> Exclusions {
        var byTerm: [Int: [TermAutomaton.Match]] = [:]
        for e in matches { for t in exclusionOf[e.pattern] { byTerm[t, default: []].append(e) } }
        return Exclusions(byTerm: byTerm.mapValues(Exclusions.Spans.init))
    }

    /// The exclusion matches of each term, sorted by start with the furthest end so far: whether one
    /// covers an alias match is a bisection, where a scan of every exclusion per alias made a clause of
    /// many matches quadratic.
    struct Exclusions {
        struct Spans {
            let matches: [TermAutomaton.Match]
            /// For each of `matches`, the one with the furthest end among it and those before it.
            let furthest: [Int]

            init(_ list: [TermAutomaton.Match]) {
                let sorted = list.sorted()
                var best = 0
                furthest = sorted.indices.map { k in
                    if sorted[k].end > sorted[best].end { best = k }
                    return best
                }
                matches = sorted
            }
        }

        let byTerm: [Int: Spans]

        /// The exclusion match of term `t` that covers `m`, if any.
        func cover(_ m: TermAutomaton.Match, of t: Int) -> TermAutomaton.Match? {
            guard let spans = byTerm[t] else { return nil }
            // The exclusions that start at or before m; the furthest-reaching of them covers m if any does.
            var lo = 0, hi = spans.matches.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if spans.matches[mid].start <= m.start { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0 else { return nil }
            let e = spans.matches[spans.furthest[lo - 1]]
            return e.end >= m.end ? e : nil
        }
    }
}
