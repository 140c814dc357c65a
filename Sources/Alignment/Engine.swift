import DocumentModel
import Foundation
import Localization
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
    /// For each of `resolved`, where its automaton patterns are in `patternList` and its split aliases in `splitList`.
    let termPatterns: [TermPatterns]
    /// The terms' alias and exclusion patterns, term after term.
    let patternList: [Int32]
    /// The split aliases (`"能耗" .. "下降"`), each as the patterns of its two parts.
    let splitPairs: [SplitPatterns]
    /// The terms' split aliases, term after term, as indices into `splitPairs`.
    let splitList: [Int32]
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
        goals = try AlignmentEngine.goals(of: ruleSet, profile: profile)
        period = ruleSet.period.map { $0.start...$0.end }
        let read = AlignmentEngine.resolveTerms(of: goals, in: ruleSet)
        goalInfo = read.goalInfo
        termIndex = read.termIndex
        resolved = read.terms
        targetFacts = read.targetFacts
        let compiled = try AlignmentEngine.compilePatterns(of: read.terms)
        automaton = TermAutomaton(patterns: compiled.phrases)
        termPatterns = compiled.termPatterns
        patternList = compiled.patternList
        splitPairs = compiled.splitPairs
        splitList = compiled.splitList
        (sectionRegexes, xpathExpressions) = AlignmentEngine.compileScopes(of: goals, ruleSet.retirements)
    }

    /// The goals checked: all, or those of `profile`.
    static func goals(of ruleSet: RuleSet, profile: String?) throws(EngineError) -> [Goal] {
        guard let profile else { return ruleSet.goals }
        guard let g = ruleSet.goals(inProfile: profile) else {
            let known = ruleSet.header?.profiles.map(\.name.value) ?? []
            let list = known.joined(separator: ", ")
            throw EngineError(LocalizedText(
                en: "no profile named \(profile)" + (known.isEmpty ? " (the rule set defines none)" : "; profiles: \(list)"),
                zh: "规则集中没有名为 \(profile) 的 profile" + (known.isEmpty ? "（它没有定义任何 profile）" : "；已有的 profile：\(list)")))
        }
        return g
    }

    /// Every term reference the goals and retirements use, resolved, in first-use order; and what checking
    /// each goal reads of it.
    static func resolveTerms(of goals: [Goal], in ruleSet: RuleSet)
        -> (goalInfo: [GoalInfo], termIndex: [String: Int], terms: [ResolvedTerm], targetFacts: [TargetFacts?]) {
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
        return (infos, index, terms, terms.indices.map { facts[$0] })
    }

    /// The terms' phrases as automaton patterns (one per distinct normalized phrase; a phrase may serve
    /// several terms), and where each term's are.
    static func compilePatterns(of terms: [ResolvedTerm]) throws(EngineError)
        -> (phrases: [[Unicode.Scalar]], termPatterns: [TermPatterns], patternList: [Int32], splitPairs: [SplitPatterns], splitList: [Int32]) {
        var phraseIndex: [[Unicode.Scalar]: Int] = [:]
        var phrases: [[Unicode.Scalar]] = []
        func pattern(_ phrase: String) -> Int32? {
            let scalars = Normalizer.normalize(Array(phrase.unicodeScalars)).scalars
            guard !scalars.isEmpty else { return nil }
            if let p = phraseIndex[scalars] { return Int32(p) }
            phraseIndex[scalars] = phrases.count
            phrases.append(scalars)
            return Int32(phrases.count - 1)
        }
        // Flat, term after term: nested arrays would be retained and released for every term of every plan.
        var termPatterns: [TermPatterns] = [], patternList: [Int32] = [], splitList: [Int32] = []
        var pairIndex: [SplitPatterns: Int32] = [:], pairs: [SplitPatterns] = []
        termPatterns.reserveCapacity(terms.count)
        for term in terms {
            let aliasStart = Int32(patternList.count)
            for a in term.aliases { if let p = pattern(a) { patternList.append(p) } }
            let exclusionStart = Int32(patternList.count)
            for e in term.exclusions { if let p = pattern(e) { patternList.append(p) } }
            let splitStart = Int32(splitList.count)
            for split in term.splits {
                guard let a = pattern(split.first), let b = pattern(split.second) else { continue }
                let pair = SplitPatterns(first: a, second: b)
                if pairIndex[pair] == nil { pairIndex[pair] = Int32(pairs.count); pairs.append(pair) }
                splitList.append(pairIndex[pair]!)
            }
            termPatterns.append(TermPatterns(aliasStart: aliasStart, exclusionStart: exclusionStart, end: Int32(patternList.count),
                                             splitStart: splitStart, splitEnd: Int32(splitList.count)))
        }
        // The automaton numbers the terms' characters in 16 bits (its tables stay small): a rule set with more
        // distinct characters is refused here, where its precondition would trap.
        // Counted term by term, so that the error names the term (its file and line) that goes over.
        var characters = Set<UInt32>()
        for (term, at) in zip(terms, termPatterns) {
            let parts = splitList[at.splits].flatMap { [pairs[Int($0)].first, pairs[Int($0)].second] }
            for p in patternList[at.aliases] + patternList[at.exclusions] + parts { for c in phrases[Int(p)] { characters.insert(c.value) } }
            guard characters.count <= TermAutomaton.maxCharacters else {
                throw EngineError(LocalizedText(
                    en: "\(term.location): with term \(term.name), the rules' terms use \(characters.count) different characters; "
                        + "at most \(TermAutomaton.maxCharacters) are supported",
                    zh: "\(term.location)：加上术语 \(term.name)，规则中的术语共用了 \(characters.count) 个不同的字符；"
                        + "最多支持 \(TermAutomaton.maxCharacters) 个"))
            }
        }
        return (phrases, termPatterns, patternList, pairs, splitList)
    }

    /// Section patterns, compiled once (the checker has already rejected invalid ones), and every `in xpath`
    /// expression, in first-use order.
    static func compileScopes(of goals: [Goal], _ retirements: [Retirement]) -> ([String: SectionRegex], [String]) {
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
        for r in retirements { scopes(r.scopes) }
        return (regexes, xpaths)
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

/// A problem with using a rule set for a check (an unknown profile, say).
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// The message in every language.
    public let text: LocalizedText
    public init(_ message: LocalizedText) { self.text = message }
    /// The message in English.
    public var message: String { text.en }
    public var description: String { message }
    /// The message in `language`.
    public func description(in language: Language) -> String { text.text(language) }
}

/// The findings for one plan, with the trace asked for by `--explain`.
public struct PlanResult: Sendable {
    public var plan: String
    /// The district the plan was checked as, if known (goals for other places are `notApplicable`).
    public var district: String?
    public var findings: [Finding]
    /// Lines explaining one goal's verdict, when asked for, in every language.
    public var explanation: [LocalizedText]
}
