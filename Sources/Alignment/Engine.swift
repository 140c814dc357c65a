import DocumentModel
import Foundation
import Quantities
import RuleLanguage

/// A rule set compiled for checking: every term of every goal and retirement in one automaton.
///
/// Compile once, then check any number of plans; each plan is scanned once for all terms together.
public final class AlignmentEngine: Sendable {
    /// The rule set this engine checks against.
    public let ruleSet: RuleSet
    /// The goals checked (all, or a profile's).
    public let goals: [Goal]
    /// For each of `goals`, what its findings need of it, read once.
    let goalInfo: [GoalInfo]
    let automaton: TermAutomaton
    /// The automaton patterns of each term: term `t`'s alias patterns are `termPatterns[termPatternStart[t]..<termExclusionStart[t]]`,
    /// its exclusion patterns `termPatterns[termExclusionStart[t]..<termPatternStart[t + 1]]`.
    let termPatternStart: [Int32]
    let termExclusionStart: [Int32]
    let termPatterns: [Int32]
    /// The split aliases (`"能耗" .. "下降"`), each as the patterns of its two parts; term `t`'s are
    /// `termSplits[termSplitStart[t]..<termSplitStart[t + 1]]`, indices into `splitPairs`.
    let splitPairs: [SplitPatterns]
    let termSplitStart: [Int32]
    let termSplits: [Int32]
    /// Each term reference's key (`term:NAME`, `phrase:TEXT`) → its index in `resolved`, the term's id in hits.
    let termIndex: [String: Int]
    let resolved: [ResolvedTerm]
    /// For each of `resolved` that is the subject of a target, what the target needs of it, worked out once.
    let targetFacts: [TargetFacts?]
    let period: ClosedRange<Int>?
    let sectionRegexes: [String: SectionRegex]
    /// Every `in xpath "…"` expression of the rules: a structured plan must be read with them
    /// (`ReadOptions.xpathScopes`), since the elements they select are resolved while the XML is at hand.
    public let xpathExpressions: [String]

    /// Compiles `ruleSet`; with `profile`, only the goals of that profile are checked.
    public init(ruleSet: RuleSet, profile: String? = nil) throws(EngineError) {
        self.ruleSet = ruleSet
        if let profile {
            guard let g = ruleSet.goals(inProfile: profile) else {
                let known = ruleSet.header?.profiles.map(\.name.value) ?? []
                throw EngineError("no profile named \(profile)" + (known.isEmpty ? " (the rule set defines none)" : "; profiles: \(known.joined(separator: ", "))"))
            }
            goals = g
        } else {
            goals = ruleSet.goals
        }
        period = ruleSet.period.map { $0.start...$0.end }

        // Every term reference the goals and retirements use, resolved, in first-use order.
        var index: [String: Int] = [:]
        var terms: [ResolvedTerm] = []
        /// The id of `ref`, resolving it on first use; nil when it names no term.
        func add(_ ref: TermRef) -> Int? {
            let key = AlignmentEngine.key(ref)
            if let id = index[key] { return id }
            guard let t = ruleSet.resolve(ref) else { return nil }
            index[key] = terms.count
            terms.append(t)
            return terms.count - 1
        }
        // Each clause's term ids, so that checking a plan looks no reference up by its key; and, for the
        // subjects of targets only (Foundation's `contains` on every term's aliases would cost more than
        // it saves), what a target needs of its subject.
        var facts: [Int: TargetFacts] = [:]
        var infos: [GoalInfo] = []
        infos.reserveCapacity(goals.count)
        for g in goals {
            let clauses = g.clauses
            var clauseTerms: [ClauseTerms] = []
            clauseTerms.reserveCapacity(clauses.count)
            for c in clauses {
                func ids(_ p: RuleLanguage.Predicate) -> [Int?] {
                    let ids = AlignmentEngine.refs(p).map(add)
                    if case .target = p, let id = ids[0], facts[id] == nil { facts[id] = TargetFacts(terms[id]) }
                    return ids
                }
                let predicate = ids(c.predicate)
                clauseTerms.append(ClauseTerms(predicate: predicate, condition: c.condition.map { ids($0.predicate) } ?? []))
            }
            let scopes = g.scopes, fallback = ruleSet.defaultSeverity
            infos.append(GoalInfo(clauses: clauses, scopes: scopes, tags: g.tags.map(\.value), area: g.area?.value,
                                  weight: g.effectiveWeight, citation: AlignmentEngine.citation(g, in: ruleSet), places: g.places?.value,
                                  terms: clauseTerms, severity: g.effectiveSeverity(default: fallback),
                                  clauseScopes: clauses.map { scopes + $0.scopes },
                                  conditionScopes: clauses.map { scopes + ($0.condition?.scopes ?? []) },
                                  clauseSeverity: clauses.map { $0.severity(in: g, default: fallback) }))
        }
        for r in ruleSet.retirements { for ref in r.old + r.exclusions { _ = add(ref) } }
        goalInfo = infos
        termIndex = index
        resolved = terms
        targetFacts = terms.indices.map { facts[$0] }

        // One pattern per distinct normalized phrase; a phrase may serve several terms.
        var phraseIndex: [[Unicode.Scalar]: Int] = [:]
        var patterns: [[Unicode.Scalar]] = []
        // Each term's alias patterns and exclusion patterns.
        var aliasesOf = [[Int32]](repeating: [], count: terms.count), exclusionsOf = aliasesOf
        func pattern(_ phrase: String) -> Int? {
            let scalars = Normalizer.normalize(Array(phrase.unicodeScalars)).scalars
            guard !scalars.isEmpty else { return nil }
            if let p = phraseIndex[scalars] { return p }
            phraseIndex[scalars] = patterns.count
            patterns.append(scalars)
            return patterns.count - 1
        }
        var pairIndex: [SplitPatterns: Int32] = [:], pairs: [SplitPatterns] = []
        var splitStart: [Int32] = [0], splitsOfTerms: [Int32] = []
        for (t, term) in terms.enumerated() {
            for a in term.aliases { if let p = pattern(a) { aliasesOf[t].append(Int32(p)) } }
            for e in term.exclusions { if let p = pattern(e) { exclusionsOf[t].append(Int32(p)) } }
            for split in term.splits {
                guard let a = pattern(split.first), let b = pattern(split.second) else { continue }
                let pair = SplitPatterns(first: Int32(a), second: Int32(b))
                if pairIndex[pair] == nil { pairIndex[pair] = Int32(pairs.count); pairs.append(pair) }
                splitsOfTerms.append(pairIndex[pair]!)
            }
            splitStart.append(Int32(splitsOfTerms.count))
        }
        splitPairs = pairs
        termSplitStart = splitStart
        termSplits = splitsOfTerms
        // The automaton numbers the terms' characters in 16 bits (its tables stay small): a rule set with more
        // distinct characters is refused here, where its precondition would trap.
        // Counted term by term, so that the error names the term (its file and line) that goes over.
        var characters = Set<UInt32>()
        for (t, term) in terms.enumerated() {
            let parts = termSplits[Int(termSplitStart[t])..<Int(termSplitStart[t + 1])].flatMap { [pairs[Int($0)].first, pairs[Int($0)].second] }
            for p in aliasesOf[t] + exclusionsOf[t] + parts { for c in patterns[Int(p)] { characters.insert(c.value) } }
            guard characters.count <= TermAutomaton.maxCharacters else {
                throw EngineError("\(term.location): with term \(term.name), the rules' terms use \(characters.count) different characters; "
                                  + "at most \(TermAutomaton.maxCharacters) are supported")
            }
        }
        automaton = TermAutomaton(patterns: patterns)
        // Flat, term after term: nested arrays would be retained and released for every term of every plan.
        var patternStart: [Int32] = [0], exclusionStart: [Int32] = [], byTerm: [Int32] = []
        for t in terms.indices {
            byTerm += aliasesOf[t]
            exclusionStart.append(Int32(byTerm.count))
            byTerm += exclusionsOf[t]
            patternStart.append(Int32(byTerm.count))
        }
        termPatternStart = patternStart
        termExclusionStart = exclusionStart
        termPatterns = byTerm

        // Section patterns, compiled once (the checker has already rejected invalid ones).
        var regexes: [String: SectionRegex] = [:]
        var xpaths: [String] = []
        func scopes(_ list: [Scope]) {
            for s in list {
                switch s.kind {
                case .inSection(let p), .outsideSection(let p):
                    if regexes[p.pattern] == nil, let r = p.regularExpression() { regexes[p.pattern] = SectionRegex(regex: r) }
                case .inXPath(let x):
                    if !xpaths.contains(x) { xpaths.append(x) }
                case .outsideReview:
                    break
                }
            }
        }
        for g in goals {
            scopes(g.scopes)
            for c in g.clauses { scopes(c.scopes); if let cond = c.condition { scopes(cond.scopes) } }
        }
        for r in ruleSet.retirements { scopes(r.scopes) }
        sectionRegexes = regexes
        xpathExpressions = xpaths
    }

    /// The city sentence `goal` cites, with its document's full title.
    func citation(_ goal: Goal) -> CitationInfo? { AlignmentEngine.citation(goal, in: ruleSet) }

    static func citation(_ goal: Goal, in ruleSet: RuleSet) -> CitationInfo? {
        goal.citation.map { citation($0, in: ruleSet) }
    }

    /// A citation with its document's full title (a source's name looked up in the header).
    static func citation(_ c: Citation, in ruleSet: RuleSet) -> CitationInfo {
        let document: String
        var short: String?
        switch c.document.value {
        case .source(let name):
            document = ruleSet.header?.sources.first { $0.name?.value == name }?.title.value ?? name
            short = name
        case .text(let t):
            document = t
        }
        return CitationInfo(document: document, short: short, item: c.item?.value, quote: c.quote?.value)
    }

    static func key(_ ref: TermRef) -> String {
        switch ref.kind {
        case .named(let n): "term:" + n
        case .phrase(let p): "phrase:" + p
        case .split(let a, let b): "split:" + a + "\u{1}" + b
        }
    }

    static func refs(_ p: RuleLanguage.Predicate) -> [TermRef] {
        switch p {
        case .mention(let s), .commitment(let s, _): s.terms
        case .target(let t): [t.subject]
        }
    }

    /// Checks one plan: one finding per goal, and one per retired term the plan uses. `district` is the
    /// place the plan is for (`--district`); by default the one its title names (`District.of(title:)`).
    public func check(_ doc: PlanDocument, explain: String? = nil, district: String? = nil) -> PlanResult {
        var run = Evaluation(engine: self, doc: doc, explainGoal: explain, district: district ?? District.of(title: doc.title))
        return run.evaluate()
    }
}

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

/// A problem with using a rule set for a check (an unknown profile, say).
public struct EngineError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The findings for one plan, with the trace asked for by `--explain`.
public struct PlanResult: Sendable {
    public var plan: String
    /// The district the plan was checked as, if known (goals for other places are `notApplicable`).
    public var district: String?
    public var findings: [Finding]
    /// Lines explaining one goal's verdict, when asked for.
    public var explanation: [String]
}
