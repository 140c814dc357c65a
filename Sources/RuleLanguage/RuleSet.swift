import Localization
import Quantities

/// A loaded rule set: the statements of every file it is made of, checked, with terms resolved.
///
/// This is what the engine reads. Terms are available both as declared (`terms`) and resolved
/// (`resolvedTerms`: every alias after composition, and every exclusion), ready to be compiled into
/// one automaton together with the inline phrases of clauses (`resolve(_:)`).
public struct RuleSet: Sendable {
    /// Every file read, included files before the files that include them.
    public var files: [RuleFile]
    /// The paths of the files the rule set was loaded from (not reached through `include`).
    public var entryPaths: [String]
    /// The header of the first entry file that has one.
    public var header: Header?
    /// Every declared term, in load order.
    public var terms: [Term]
    /// Every goal, in load order.
    public var goals: [Goal]
    /// Every `retire` statement, in load order.
    public var retirements: [Retirement]
    /// Every `uncheckable` statement, in load order.
    public var uncheckables: [Uncheckable]
    /// Every rule test, in load order.
    public var tests: [RuleTest]
    /// Each declared term after composition, by name (terms whose definition is broken are absent).
    public var resolvedTerms: [String: ResolvedTerm]

    public init(files: [RuleFile], entryPaths: [String]) {
        self.files = files
        self.entryPaths = entryPaths
        header = nil
        terms = []
        goals = []
        retirements = []
        uncheckables = []
        tests = []
        resolvedTerms = [:]
        let entries = Set(entryPaths)
        for file in files {
            for statement in file.statements {
                switch statement {
                case .header(let h): if header == nil && entries.contains(file.path) { header = h }
                case .term(let t): terms.append(t)
                case .goal(let g): goals.append(g)
                case .retire(let r): retirements.append(r)
                case .uncheckable(let u): uncheckables.append(u)
                case .test(let t): tests.append(t)
                }
            }
        }
    }

    /// The rule set's title, from its header.
    public var title: String? { header?.title.value }
    /// The plan period the rules apply to, from the header.
    public var period: Period? { header?.period }
    /// The language the header declares for reports (`language zh`), if any.
    public var language: Language? { header?.language?.value }
    /// The severity of goals that do not set one: the header's `default severity`, else error.
    public var defaultSeverity: Severity { header?.defaultSeverity?.value ?? .error }

    /// The goal with this id.
    public func goal(id: String) -> Goal? { goals.first { $0.id.value == id } }

    /// The resolved term a reference stands for: a declared term, or an inline phrase as a term of one alias.
    public func resolve(_ ref: TermRef) -> ResolvedTerm? {
        switch ref.kind {
        case .named(let name):
            return resolvedTerms[name]
        case .phrase(let phrase):
            return ResolvedTerm(name: phrase, aliases: [phrase], exclusions: [], unit: nil, location: ref.range.start)
        case .split(let a, let b):
            let split = SplitPhrase(first: a, second: b)
            return ResolvedTerm(name: split.text, aliases: [], exclusions: [], unit: nil, location: ref.range.start, splits: [split])
        }
    }

    /// Every distinct phrase the rule set can look for: all aliases and exclusions of all terms and
    /// inline phrases, so the engine can build its one automaton.
    public var allPhrases: [String] {
        var seen = Set<String>()
        var out: [String] = []
        func add(_ s: String) { if !s.isEmpty, seen.insert(s).inserted { out.append(s) } }
        for name in resolvedTerms.keys.sorted() {
            guard let t = resolvedTerms[name] else { continue }
            t.aliases.forEach(add)
            t.exclusions.forEach(add)
            for p in t.splits { add(p.first); add(p.second) }
        }
        for ref in RuleSetWalker.allTermRefs(self) {
            if case .phrase(let s) = ref.kind { add(s) }
            if case .split(let a, let b) = ref.kind { add(a); add(b) }
        }
        return out
    }

    /// The goals of a profile, in load order, or nil when no profile has that name.
    public func goals(inProfile name: String) -> [Goal]? {
        guard let profile = header?.profiles.first(where: { $0.name.value == name }) else { return nil }
        let fallback = defaultSeverity
        func matches(_ goal: Goal, _ selector: ProfileSelector) -> Bool {
            switch selector.kind {
            case .all: true
            case .tag(let t): goal.tags.contains { $0.value == t }
            case .area(let a): goal.area?.value == a
            case .goal(let id): goal.id.value == id
            case .severity(let s): goal.effectiveSeverity(default: fallback) >= s
            }
        }
        return goals.filter { g in
            profile.selectors.contains { matches(g, $0) } && !profile.exceptions.contains { matches(g, $0) }
        }
    }

    /// The severity of a finding from a retirement: its own, else the rule set's default.
    public func severity(of retirement: Retirement) -> Severity {
        retirement.severity?.value ?? defaultSeverity
    }
}

/// Visits every term reference of a rule set, so checks and the engine see the same list.
enum RuleSetWalker {
    static func termRefs(in set: TermSet) -> [TermRef] { set.terms }

    static func termRefs(in predicate: Predicate) -> [TermRef] {
        switch predicate {
        case .mention(let s), .commitment(let s, _): s.terms
        case .target(let t): [t.subject]
        }
    }

    static func termRefs(in clause: Clause) -> [TermRef] {
        termRefs(in: clause.predicate) + (clause.condition.map { termRefs(in: $0.predicate) } ?? [])
    }

    /// Every reference outside term declarations (clauses, retirements, tests).
    static func allTermRefs(_ rs: RuleSet) -> [TermRef] {
        var refs: [TermRef] = []
        for g in rs.goals { for c in g.clauses { refs += termRefs(in: c) } }
        for r in rs.retirements { refs += r.old + r.exclusions + r.replacement }
        for t in rs.tests {
            for e in t.expectations { if case .outdated(let ref, _) = e.kind { refs.append(ref) } }
        }
        return refs
    }
}
