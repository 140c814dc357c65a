import Foundation
import Quantities
import RuleLanguage

// What `AlignmentEngine` compiles a rule set into, besides its automaton.

/// What checking a goal reads of it, read once per rule set: `Goal`'s accessors filter its items on every call.
struct GoalInfo: Sendable {
    let clauses: [Clause]
    let scopes: [Scope]
    let tags: [String]
    let area: String?
    let weight: Double
    let citation: CitationInfo?
    /// `applies …` / `except …`: the districts the goal is for, if it names any.
    let places: Places?
    /// For each of `clauses`, the ids in `AlignmentEngine.resolved` of its terms (nil: unresolved).
    let terms: [ClauseTerms]
    /// The goal's severity, the rule set's default when it names none.
    let severity: Severity
    /// For each of `clauses`: the goal's scopes and its own, the goal's and its condition's, and the severity
    /// of a finding from it (built once: joined per plan, they cost an array each).
    let clauseScopes: [[Scope]]
    let conditionScopes: [[Scope]]
    let clauseSeverity: [Severity]
}

/// The term ids of one clause's predicate and condition, in the order of their references.
struct ClauseTerms: Sendable {
    let predicate: [Int?]
    let condition: [Int?]
}

/// Where one term's automaton patterns are in the engine's flat lists: its alias patterns, then its
/// exclusion patterns, in `AlignmentEngine.patternList`; its split aliases in `splitList`.
struct TermPatterns: Sendable {
    let aliasStart, exclusionStart, end: Int32
    let splitStart, splitEnd: Int32

    /// Indices in `patternList`.
    var aliases: Range<Int> { Int(aliasStart)..<Int(exclusionStart) }
    var exclusions: Range<Int> { Int(exclusionStart)..<Int(end) }
    /// Indices in `splitList`.
    var splits: Range<Int> { Int(splitStart)..<Int(splitEnd) }
}

/// The automaton patterns of a split alias's two parts.
struct SplitPatterns: Sendable, Hashable {
    let first: Int32
    let second: Int32
}

/// What a target about a term needs of the term: the unit its values take and the change its name implies.
struct TargetFacts: Sendable {
    let unit: Quantities.Unit?
    let change: QuantityKind?

    init(_ term: ResolvedTerm) {
        self.init(name: term.name, unit: term.unit, aliases: term.aliases + term.splits.map { $0.first + $0.second })
    }

    /// `aliases` nil for a reference that resolves to no term: its text is its only name.
    init(name: String, unit: Quantities.Unit?, aliases: [String]?) {
        // Declared on the term, else implied by its name (`…率` → %) or an alias's.
        self.unit = unit ?? Quantities.Unit.implied(bySubject: name)
            ?? aliases?.lazy.compactMap(Quantities.Unit.implied(bySubject:)).first
        // `降低`… in the name make a decrease, `增长`… an increase (found in the aliases run together); but
        // `提高到`, `下降到` say the level reached, not the change.
        var text = (aliases ?? [name]).joined()
        for w in TargetFacts.decreaseWords + TargetFacts.increaseWords { text = text.replacingOccurrences(of: w + "到", with: "") }
        change = TargetFacts.decreaseWords.contains(where: text.contains) ? .decrease
            : TargetFacts.increaseWords.contains(where: text.contains) ? .increase : nil
    }

    static let decreaseWords = ["降低", "下降", "减少", "压减", "削减"]
    static let increaseWords = ["增长", "提高", "增加", "提升"]
}

/// A compiled section pattern; NSRegularExpression is immutable once built, so sharing it is safe.
struct SectionRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    func matches(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}
