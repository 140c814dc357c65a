import Localization
import Quantities

// The syntax tree of a rule file. Every node keeps the span it was read from, so the checker can
// point at it and the engine can cite the rule in its findings. Statements, header items and goal
// items are kept in source order (the formatter needs it); the typed accessors on `Header` and
// `Goal` are what the engine reads.

/// One parsed `.rules` file: its statements in source order and its comments.
public struct RuleFile: Sendable {
    /// The path diagnostics use for this file.
    public var path: String
    /// The file's text.
    public var source: String
    /// The top-level statements, in source order.
    public var statements: [Statement]
    /// Every `# …` comment, in source order (the formatter keeps them).
    public var comments: [SourceComment]

    public init(path: String, source: String, statements: [Statement], comments: [SourceComment]) {
        self.path = path
        self.source = source
        self.statements = statements
        self.comments = comments
    }

    /// The `ruleset "…" { … }` header, if the file has one.
    public var header: Header? {
        for case .header(let h) in statements { return h }
        return nil
    }
}

/// A `# …` comment, kept for the formatter.
public struct SourceComment: Sendable, Hashable {
    /// The comment's text from `#` to the end of the line, without the line break.
    public var text: String
    /// Where it is.
    public var range: SourceRange
}

/// A top-level statement.
public enum Statement: Sendable {
    case header(Header)
    case term(Term)
    case goal(Goal)
    case retire(Retirement)
    case uncheckable(Uncheckable)
    case test(RuleTest)

    /// The statement's span.
    public var range: SourceRange {
        switch self {
        case .header(let x): x.range
        case .term(let x): x.range
        case .goal(let x): x.range
        case .retire(let x): x.range
        case .uncheckable(let x): x.range
        case .test(let x): x.range
        }
    }
}

// MARK: - Header

/// `ruleset "title" { … }`: what the rule set is, where its goals come from, which period it checks.
public struct Header: Sendable {
    /// The rule set's title.
    public var title: Located<String>
    /// The header's lines, in source order.
    public var items: [HeaderItem]
    /// The whole `ruleset … { … }` span.
    public var range: SourceRange
    /// The span of the `{ … }` body, for the formatter.
    public var body: SourceRange

    public init(title: Located<String>, items: [HeaderItem], range: SourceRange, body: SourceRange) {
        self.title = title
        self.items = items
        self.range = range
        self.body = body
    }

    /// The city documents the goals come from.
    public var sources: [Source] { items.compactMap { if case .source(let s) = $0 { s } else { nil } } }
    /// The plan period (`period 2026..2030`), if given.
    public var period: Period? { items.lazy.compactMap { if case .period(let p) = $0 { p } else { nil } }.first }
    /// The files and folders to include.
    public var includes: [Include] { items.compactMap { if case .include(let i) = $0 { i } else { nil } } }
    /// `default severity …`, if given.
    public var defaultSeverity: Located<Severity>? {
        items.lazy.compactMap { if case .defaultSeverity(let s) = $0 { s } else { nil } }.first
    }
    /// The named goal selections (`profile draft = …`).
    public var profiles: [Profile] { items.compactMap { if case .profile(let p) = $0 { p } else { nil } } }
    /// `language …`, if given.
    public var language: Located<Language>? {
        items.lazy.compactMap { if case .language(let l) = $0 { l } else { nil } }.first
    }
    /// The declared areas (`areas 产业, 创新`), or nil when any area is allowed.
    public var areas: [Located<String>]? {
        let lists = items.compactMap { if case .areas(let a) = $0 { a } else { nil } }
        return lists.isEmpty ? nil : lists.flatMap { $0.names }
    }
}

/// One line of the ruleset header.
public enum HeaderItem: Sendable {
    case source(Source)
    case period(Period)
    case include(Include)
    case defaultSeverity(Located<Severity>)
    case profile(Profile)
    case areas(AreaList)
    /// `language zh`: the language the rule set's reports speak, unless a run asks for another.
    case language(Located<Language>)

    /// The line's span.
    public var range: SourceRange {
        switch self {
        case .source(let x): x.range
        case .period(let x): x.range
        case .include(let x): x.range
        case .defaultSeverity(let x): x.range
        case .profile(let x): x.range
        case .areas(let x): x.range
        case .language(let x): x.range
        }
    }
}

/// `source 建议 = "中共株洲市委关于…的建议" published 2025-12-23`: a city document goals cite.
public struct Source: Sendable {
    /// The short name citations use (`cite 建议 …`), if given.
    public var name: Located<String>?
    /// The document's full title.
    public var title: Located<String>
    /// The publication date, if given.
    public var published: Located<SimpleDate>?
    public var range: SourceRange
}

/// A calendar date as written in `published 2025-12-23`.
public struct SimpleDate: Sendable, Hashable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2025-12-23`.
    public var description: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

/// `period 2026..2030`: the years of the plan the rules apply to.
public struct Period: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var range: SourceRange

    /// Whether `year` falls in the period.
    public func contains(_ year: Int) -> Bool { start <= year && year <= end }
}

/// `include "../common/terms.rules"`: a file, or a folder of `*.rules` files, relative to this file.
public struct Include: Sendable, Hashable {
    /// The path as written.
    public var path: String
    public var range: SourceRange
}

/// `areas 产业, 创新, 开放`: the areas goals may name (a typo in a goal's area is then caught).
public struct AreaList: Sendable {
    public var names: [Located<String>]
    public var range: SourceRange
}

/// `profile draft "起草阶段" = tag 约束性 | severity error except goal 6`: a named selection of goals.
///
/// A goal belongs to the profile when it matches any selector and no exception, as Schematron phases
/// select patterns. The engine runs all goals when no profile is asked for.
public struct Profile: Sendable {
    public var name: Located<String>
    /// A description, if given.
    public var title: Located<String>?
    /// The goal belongs to the profile if it matches any of these…
    public var selectors: [ProfileSelector]
    /// …and none of these.
    public var exceptions: [ProfileSelector]
    public var range: SourceRange
}

/// One way of picking goals for a profile.
public struct ProfileSelector: Sendable {
    /// What the selector picks goals by.
    public enum Kind: Sendable, Hashable {
        /// Every goal.
        case all
        /// Goals with this tag.
        case tag(String)
        /// Goals in this area.
        case area(String)
        /// The goal with this id.
        case goal(String)
        /// Goals whose severity is at least this.
        case severity(Severity)
    }
    public var kind: Kind
    public var range: SourceRange
}

// MARK: - Terms

/// A reference to words in a plan: a quoted phrase (`"研发投入强度"`) or a term's name (`研发强度`).
public struct TermRef: Sendable, Hashable {
    /// A phrase or a term's name.
    public enum Kind: Sendable, Hashable {
        /// A phrase matched as written.
        case phrase(String)
        /// A term declared with `term NAME = …`.
        case named(String)
        /// `"能耗" .. "下降"`: the first words, then the second after them in the same clause, a short gap apart.
        case split(String, String)
    }
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// Whether it is a split phrase (`"能耗" .. "下降"`).
    public var isSplit: Bool { if case .split = kind { true } else { false } }

    /// The phrase or the name, for messages.
    public var text: String {
        switch kind {
        case .phrase(let s), .named(let s): s
        case .split(let a, let b): SplitPhrase(first: a, second: b).text
        }
    }
}

/// `term 研发强度 = "研发投入强度" | "R&D投入强度" except "研发中心" unit %`: a named set of aliases.
public struct Term: Sendable {
    /// The term's name (Chinese names are fine: `研发强度`).
    public var name: Located<String>
    /// The aliases and composed terms, in order.
    public var alternatives: [TermRef]
    /// Longer words inside which an alias does not count (`研发` inside `研发中心`).
    public var exclusions: [TermRef]
    /// The unit values of this term are measured in, when it names an indicator (`unit %`).
    public var unit: UnitSpec?
    public var range: SourceRange
}

/// A unit written in a rule (`%`, `亿元`), resolved against the project's unit table.
public struct UnitSpec: Sendable, Hashable {
    /// The spelling as written.
    public var text: String
    /// The unit, or nil when the spelling is unknown (the checker reports it).
    public var unit: Unit?
    public var range: SourceRange
}

/// A term after composition: every alias it stands for and every exclusion, ready for one automaton.
public struct ResolvedTerm: Sendable, Hashable {
    /// The term's name, or the phrase for an inline phrase.
    public var name: String
    /// All aliases after composition, without duplicates, in declaration order.
    public var aliases: [String]
    /// All exclusions: an alias hit inside one of these words does not count.
    public var exclusions: [String]
    /// The unit the term's values take, when declared.
    public var unit: Unit?
    /// Where the term is declared (or the phrase written).
    public var location: SourceLocation
    /// All split aliases after composition (`"能耗" .. "下降"`), without duplicates, in declaration order.
    public var splits: [SplitPhrase] = []
}

/// An alias in two parts, `"能耗" .. "下降"`: plans write a subject and its change word apart
/// (`能耗由0.547吨标煤下降到0.481吨标煤`). The second part must follow the first in the same clause.
public struct SplitPhrase: Sendable, Hashable {
    /// The words that come first (`能耗`).
    public var first: String
    /// The words that follow (`下降`).
    public var second: String
    /// At most this many characters between the parts: a starting value with its year (`由2016年的0.547吨标煤`,
    /// 15, in the 荷塘区 plan) fits; a second clause's worth of text does not.
    public static let maxGap = 16

    public init(first: String, second: String) {
        self.first = first
        self.second = second
    }

    /// How messages write it: `能耗…下降`.
    public var text: String { first + "…" + second }
}

// MARK: - Goals

/// `goal 5.2 "建设更有核心竞争力的科技创新高地" { … }`: one city goal the district plan must carry.
public struct Goal: Sendable {
    /// The goal's id as written (`5.2`, `6`, `GDP`); unique in a rule set.
    public var id: Located<String>
    /// The goal's title.
    public var title: Located<String>
    /// The goal's lines, in source order.
    public var items: [GoalItem]
    /// The whole `goal … { … }` span.
    public var range: SourceRange
    /// The span of the `{ … }` body, for the formatter.
    public var body: SourceRange

    public init(id: Located<String>, title: Located<String>, items: [GoalItem], range: SourceRange, body: SourceRange) {
        self.id = id
        self.title = title
        self.items = items
        self.range = range
        self.body = body
    }

    /// `area 创新`, if given.
    public var area: Located<String>? { items.lazy.compactMap { if case .area(let a) = $0 { a } else { nil } }.first }
    /// `severity error`, if given; otherwise the rule set's default applies.
    public var severity: Located<Severity>? {
        items.lazy.compactMap { if case .severity(let s) = $0 { s } else { nil } }.first
    }
    /// `weight 3`, if given (1 otherwise).
    public var weight: Located<Double>? { items.lazy.compactMap { if case .weight(let w) = $0 { w } else { nil } }.first }
    /// `tags 约束性, 科技`.
    public var tags: [Located<String>] {
        items.flatMap { item -> [Located<String>] in
            if case .tags(let t) = item { return t.value }
            return []
        }
    }
    /// `cite 建议 item 5 "…"`, if given.
    public var citation: Citation? { items.lazy.compactMap { if case .cite(let c) = $0 { c } else { nil } }.first }
    /// `scope …` lines: restrictions that apply to every clause of the goal.
    public var scopes: [Scope] {
        items.flatMap { item -> [Scope] in
            if case .scope(let s) = item { return s.value }
            return []
        }
    }
    /// The clauses, in source order.
    public var clauses: [Clause] { items.compactMap { if case .clause(let c) = $0 { c } else { nil } } }
    /// `applies 醴陵市, 攸县` or `except 荷塘区`, if given: the places the goal is for.
    public var places: Located<Places>? { items.lazy.compactMap { if case .places(let p) = $0 { p } else { nil } }.first }

    /// The goal's weight in coverage sums: its own, else 1.
    public var effectiveWeight: Double { weight?.value ?? 1 }

    /// The goal's severity: its own, else the rule set's default, else error.
    public func effectiveSeverity(default fallback: Severity = .error) -> Severity {
        severity?.value ?? fallback
    }
}

/// One line of a goal.
public enum GoalItem: Sendable {
    case area(Located<String>)
    case severity(Located<Severity>)
    case weight(Located<Double>)
    case tags(Located<[Located<String>]>)
    case cite(Citation)
    /// `scope in section /…/`: applies to every clause of the goal.
    case scope(Located<[Scope]>)
    /// `applies 醴陵市, 攸县` / `except 荷塘区`: the districts the goal is for.
    case places(Located<Places>)
    case clause(Clause)

    /// The line's span.
    public var range: SourceRange {
        switch self {
        case .area(let x): x.range
        case .severity(let x): x.range
        case .weight(let x): x.range
        case .tags(let x): x.range
        case .cite(let x): x.range
        case .scope(let x): x.range
        case .places(let x): x.range
        case .clause(let x): x.range
        }
    }
}

/// The districts a goal is for: only those named (`applies`), or all but those named (`except`).
public struct Places: Sendable, Hashable {
    /// Whether the names are the only places (`applies`) or the places left out (`except`).
    public var only: Bool
    public var names: [Located<String>]

    public init(only: Bool, names: [Located<String>]) {
        self.only = only
        self.names = names
    }

    /// Whether the goal applies to a plan of `district`. When the district is not known, a goal for named
    /// places only does not apply (nothing says the plan is theirs), and one with exceptions does.
    public func apply(to district: String?) -> Bool {
        guard let district else { return !only }
        return names.contains { Places.same($0.value, district) } == only
    }

    /// Place names compared without spaces, so `醴陵 市` is `醴陵市`.
    public static func same(_ a: String, _ b: String) -> Bool { a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace } }
}

/// `cite 建议 item 5 "研发投入达到国内先进水平"`: the city sentence a goal answers to.
public struct Citation: Sendable {
    /// The document: a source's short name from the header, or a title written out.
    public enum Document: Sendable, Hashable {
        case source(String)
        case text(String)
    }
    public var document: Located<Document>
    /// The item, article or paragraph (`5`, `第5条`), if given.
    public var item: Located<String>?
    /// The quoted sentence, if given.
    public var quote: Located<String>?
    public var range: SourceRange
}

/// How strongly a clause is meant: `require` (error), `expect` (warning) or `suggest` (info).
public enum Strength: String, Sendable, Hashable, CaseIterable {
    case require, expect, suggest

    /// The severity this strength stands for before the goal's severity caps it.
    public var defaultSeverity: Severity {
        switch self {
        case .require: .error
        case .expect: .warning
        case .suggest: .info
        }
    }
}

/// `require target 研发强度 >= 3.2% by 2030 in section /创新/`: one test a goal puts to the plan.
public struct Clause: Sendable {
    public var strength: Strength
    public var predicate: Predicate
    /// Where in the plan the predicate looks (in addition to the goal's own scopes).
    public var scopes: [Scope]
    /// `when …`: the clause applies only if this holds.
    public var condition: Condition?
    public var range: SourceRange

    /// The severity of a finding from this clause: the strength's, capped by the goal's severity.
    ///
    /// `require` reports at the goal's severity, `expect` at most a warning, `suggest` at most info.
    public func severity(in goal: Goal, default fallback: Severity = .error) -> Severity {
        min(strength.defaultSeverity, goal.effectiveSeverity(default: fallback))
    }
}

/// `when mention "陶瓷"`: the predicate that switches a clause on.
public struct Condition: Sendable {
    public var predicate: Predicate
    public var scopes: [Scope]
    public var range: SourceRange
}

/// What a clause looks for.
public enum Predicate: Sendable {
    /// `mention …`: the plan names the terms.
    case mention(TermSet)
    /// `commitment … [by YEAR]`: the plan commits to the terms (a quantity, a deadline or a commitment verb);
    /// with `by`, a vision up to that year (`到二〇三五年`, past the period) commits too.
    case commitment(TermSet, by: Located<Int>?)
    /// `target …`: the plan commits to a value at least as ambitious as this.
    case target(Target)

    /// The predicate's span.
    public var range: SourceRange {
        switch self {
        case .mention(let s), .commitment(let s, nil): s.range
        case .commitment(let s, let y?): SourceRange(s.range.start, y.range.end)
        case .target(let t): t.range
        }
    }
}

/// `any("a", b)`, `all(a, b)`, `at least 2 of (a, b, c)`, or a single term.
public struct TermSet: Sendable {
    /// How many of the terms must be found.
    public enum Quantifier: Sendable, Hashable {
        case any
        case all
        case atLeast(Int)
    }
    public var quantifier: Quantifier
    public var terms: [TermRef]
    public var range: SourceRange
}

/// `target 研发强度 >= 3.2% by 2030`: the value a subject must reach, and by when.
public struct Target: Sendable {
    public var subject: TermRef
    public var comparison: Comparison
    /// The deadline, if given.
    public var year: Located<Int>?
    public var range: SourceRange
}

/// How the plan's value must compare with the rule's.
public enum Comparison: Sendable {
    /// `>= v`: at least.
    case atLeast(Quantity)
    /// `<= v`: at most.
    case atMost(Quantity)
    /// `= v`: equal (within the plan's own rounding).
    case equal(Quantity)
    /// `between a and b`: inclusive.
    case between(Quantity, Quantity)

    /// The quantities compared with.
    public var quantities: [Quantity] {
        switch self {
        case .atLeast(let q), .atMost(let q), .equal(let q): [q]
        case .between(let a, let b): [a, b]
        }
    }
}

/// A number as rules write it: `3.2%`, `1000亿元`, `5000亿`, `2-3个`, `千亿元`.
public struct Quantity: Sendable, Hashable {
    /// The text as written, without spaces (the formatter prints it back).
    public var text: String
    /// The (lower) number as written, before the magnitude: 1000 in `1000亿元`, 5000 in `5000亿`.
    public var low: Double
    /// The upper end of a range (`2-3个`), if any.
    public var high: Double?
    /// A bare magnitude (`亿` in `5000亿`, `万` in `3万家`): multiply the numbers by it.
    public var magnitude: Double
    /// The unit (`亿元`, `%`, `个`), or nil when none was written; the subject term's unit then applies.
    public var unit: Unit?
    public var range: SourceRange

    /// `low × magnitude`, in `unit`.
    public var scaledLow: Double { low * magnitude }
    /// `high × magnitude`, in `unit`.
    public var scaledHigh: Double? { high.map { $0 * magnitude } }
}

// MARK: - Scopes

/// Where in a plan a clause looks.
public struct Scope: Sendable {
    /// Which part of the plan the scope selects.
    public enum Kind: Sendable, Hashable {
        /// `in section /pattern/`: only under headings the pattern finds.
        case inSection(SectionPattern)
        /// `outside section /pattern/`: nowhere under such headings.
        case outsideSection(SectionPattern)
        /// `outside review`: not in review-of-the-past chapters (发展成就, “十三五”回顾…).
        case outsideReview
        /// `in xpath "…"`: only in the XML elements the expression selects.
        case inXPath(String)
    }
    public var kind: Kind
    public var range: SourceRange
}

/// A regular expression over heading text, as written between slashes.
///
/// Headings are matched one at a time, as a single line with spaces removed and their numbering kept
/// (`第六章构建现代化产业体系`, `6.梯度培育制造业产业集群`, `（一）…`); the pattern may match anywhere in it.
public struct SectionPattern: Sendable, Hashable {
    /// The pattern with `\/` turned into `/`, as a regex engine takes it.
    public var pattern: String
    /// The text between the slashes, exactly as written (the formatter prints it back).
    public var raw: String
}

// MARK: - Uncheckable commitments

/// `uncheckable "why" { cite 建议 item 3 "…" }`: commitments of a city document that no rule can check by
/// text, set aside with the reason, so that `rules coverage` counts them apart instead of as unchecked.
public struct Uncheckable: Sendable {
    /// Why the commitments cannot be checked by text.
    public var reason: Located<String>
    /// The passages set aside: a quotation marks the commitments it overlaps, an item alone all of that item's.
    public var citations: [Citation]
    public var range: SourceRange
    /// The block between the braces.
    public var body: SourceRange
}

// MARK: - Retirements

/// `retire "十九大" use "二十大" severity error`: a term the plan must no longer use.
public struct Retirement: Sendable {
    /// The retired words.
    public var old: [TermRef]
    /// Longer words that are fine even though they contain a retired word.
    public var exclusions: [TermRef]
    /// What the plan should say instead, if anything.
    public var replacement: [TermRef]
    /// The finding's severity, if given (else the rule set's default).
    public var severity: Located<Severity>?
    /// Where the retired words count.
    public var scopes: [Scope]
    public var range: SourceRange
}

// MARK: - Rule tests

/// The statuses a rule test may expect of a goal (the engine's `Status`, by raw value).
public enum ExpectedStatus: String, Sendable, Hashable, CaseIterable {
    case covered, weak, missing, conflicting, outdated
    /// Written `not applicable`: the goal is for other places than the plan's district.
    case notApplicable = "not-applicable"

    /// As a rule file writes it.
    public var written: String { self == .notApplicable ? "not applicable" : rawValue }
}

/// `test "…" { plan "…" expect 6 covered }`: a small plan text and the statuses its goals must get.
public struct RuleTest: Sendable {
    /// Where the plan text comes from.
    public enum Plan: Sendable, Hashable {
        /// Written in the rule file.
        case text(String)
        /// A file, relative to the rule file.
        case file(String)
    }
    public var name: Located<String>
    /// The test's lines, in source order.
    public var items: [TestItem]
    public var range: SourceRange
    /// The span of the `{ … }` body, for the formatter.
    public var body: SourceRange

    /// The plan text (the first `plan` line), if given.
    public var plan: Located<Plan>? { items.lazy.compactMap { if case .plan(let p) = $0 { p } else { nil } }.first }
    /// The expectations, in order.
    public var expectations: [TestExpectation] {
        items.compactMap { if case .expect(let e) = $0 { e } else { nil } }
    }
}

/// One line of a rule test.
public enum TestItem: Sendable {
    case plan(Located<RuleTest.Plan>)
    case expect(TestExpectation)

    public var range: SourceRange {
        switch self {
        case .plan(let p): p.range
        case .expect(let e): e.range
        }
    }
}

/// `expect 6 covered`, `expect outdated "十九大"`, `expect no outdated "十九大"`.
public struct TestExpectation: Sendable {
    /// What the test expects.
    public enum Kind: Sendable, Hashable {
        /// The goal gets this status.
        case goal(id: Located<String>, status: ExpectedStatus)
        /// The retired words are (or, with `no`, are not) reported as outdated.
        case outdated(TermRef, present: Bool)
    }
    public var kind: Kind
    public var range: SourceRange
}
