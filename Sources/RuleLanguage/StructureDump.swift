/// A rendering of syntax trees without source locations, one node per line, so two trees can be
/// compared for meaning (the formatter's round trip) and tests can state the tree they expect.
///
/// Header and goal items are listed in the formatter's canonical order (their order carries no
/// meaning); clauses, aliases and every list keep their written order.
enum StructureDump {
    static func dump(_ file: RuleFile) -> String {
        file.statements.map(dump).joined(separator: "\n")
    }

    static func dump(_ s: Statement) -> String {
        switch s {
        case .header(let h):
            let items = stableSorted(h.items, by: headerRank).map { "  " + dump($0) }
            return (["ruleset \(q(h.title.value))"] + items).joined(separator: "\n")
        case .term(let t):
            var line = "term \(t.name.value) = [\(refs(t.alternatives))]"
            if !t.exclusions.isEmpty { line += " except [\(refs(t.exclusions))]" }
            if let u = t.unit { line += " unit \(u.text)(\(u.unit?.symbol ?? "?"))" }
            return line
        case .goal(let g):
            let items = stableSorted(g.items, by: goalRank).map { "  " + dump($0) }
            return (["goal \(q(g.id.value)) \(q(g.title.value))"] + items).joined(separator: "\n")
        case .retire(let r):
            var line = "retire [\(refs(r.old))]"
            if !r.exclusions.isEmpty { line += " except [\(refs(r.exclusions))]" }
            if !r.replacement.isEmpty { line += " use [\(refs(r.replacement))]" }
            if let s = r.severity { line += " severity \(s.value.rawValue)" }
            return line + scopes(r.scopes)
        case .uncheckable(let u):
            let items = u.citations.map { "  " + dump(GoalItem.cite($0)) }
            return (["uncheckable \(q(u.reason.value))"] + items).joined(separator: "\n")
        case .test(let t):
            let items = stableSorted(t.items) { if case .plan = $0 { 0 } else { 1 } }.map { item -> String in
                switch item {
                case .plan(let p):
                    switch p.value {
                    case .text(let s): return "  plan \(q(s))"
                    case .file(let f): return "  plan file \(q(f))"
                    }
                case .expect(let e):
                    switch e.kind {
                    case .goal(let id, let status): return "  expect goal \(q(id.value)) \(status.rawValue)"
                    case .outdated(let r, let present): return "  expect \(present ? "" : "no ")outdated \(ref(r))"
                    }
                }
            }
            return (["test \(q(t.name.value))"] + items).joined(separator: "\n")
        }
    }

    static func headerRank(_ i: HeaderItem) -> Int {
        switch i {
        case .source: 0
        case .period: 1
        case .areas: 2
        case .defaultSeverity, .language: 3
        case .include: 4
        case .profile: 5
        }
    }

    static func goalRank(_ i: GoalItem) -> Int {
        switch i {
        case .area: 0
        case .severity: 1
        case .weight: 2
        case .tags: 3
        case .cite: 4
        case .places: 5
        case .scope: 6
        case .clause: 7
        }
    }

    static func stableSorted<T>(_ items: [T], by rank: (T) -> Int) -> [T] {
        items.enumerated().sorted { a, b in
            let ra = rank(a.element), rb = rank(b.element)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    static func dump(_ i: HeaderItem) -> String {
        switch i {
        case .source(let s):
            return "source \(s.name?.value ?? "-") \(q(s.title.value)) published \(s.published.map { $0.value.description } ?? "-")"
        case .period(let p): return "period \(p.start) \(p.end)"
        case .areas(let a): return "areas [\(a.names.map { q($0.value) }.joined(separator: " "))]"
        case .defaultSeverity(let s): return "default-severity \(s.value.rawValue)"
        case .language(let l): return "language \(l.value.rawValue)"
        case .include(let inc): return "include \(q(inc.path))"
        case .profile(let p):
            return "profile \(p.name.value) \(p.title.map { q($0.value) } ?? "-") [\(p.selectors.map(selector).joined(separator: " "))] except [\(p.exceptions.map(selector).joined(separator: " "))]"
        }
    }

    static func selector(_ s: ProfileSelector) -> String {
        switch s.kind {
        case .all: "all"
        case .tag(let t): "tag:\(q(t))"
        case .area(let a): "area:\(q(a))"
        case .goal(let g): "goal:\(q(g))"
        case .severity(let v): "severity:\(v.rawValue)"
        }
    }

    static func dump(_ i: GoalItem) -> String {
        switch i {
        case .area(let a): return "area \(q(a.value))"
        case .severity(let s): return "severity \(s.value.rawValue)"
        case .weight(let w): return "weight \(w.value)"
        case .tags(let t): return "tags [\(t.value.map { q($0.value) }.joined(separator: " "))]"
        case .cite(let c):
            let doc: String
            switch c.document.value {
            case .source(let n): doc = "source:\(n)"
            case .text(let t): doc = "text:\(q(t))"
            }
            return "cite \(doc) item \(c.item.map { q($0.value) } ?? "-") quote \(c.quote.map { q($0.value) } ?? "-")"
        case .places(let p): return (p.value.only ? "applies" : "except") + " [" + p.value.names.map { q($0.value) }.joined(separator: " ") + "]"
        case .scope(let s): return "scope" + scopes(s.value)
        case .clause(let c): return clause(c)
        }
    }

    static func clause(_ c: Clause) -> String {
        var line = ""
        if let cond = c.condition { line += "when \(predicate(cond.predicate))\(scopes(cond.scopes)) then " }
        return line + "\(c.strength.rawValue) \(predicate(c.predicate))\(scopes(c.scopes))"
    }

    static func predicate(_ p: Predicate) -> String {
        switch p {
        case .mention(let s): return "mention \(termSet(s))"
        case .commitment(let s, let y): return "commitment \(termSet(s))" + (y.map { " by \($0.value)" } ?? "")
        case .target(let t):
            let cmp: String
            switch t.comparison {
            case .atLeast(let x): cmp = ">= \(quantity(x))"
            case .atMost(let x): cmp = "<= \(quantity(x))"
            case .equal(let x): cmp = "= \(quantity(x))"
            case .between(let a, let b): cmp = "between \(quantity(a)) \(quantity(b))"
            }
            return "target \(ref(t.subject)) \(cmp) by \(t.year.map { String($0.value) } ?? "-")"
        }
    }

    static func termSet(_ s: TermSet) -> String {
        let quantifier: String
        switch s.quantifier {
        case .any: quantifier = "any"
        case .all: quantifier = "all"
        case .atLeast(let n): quantifier = "atLeast(\(n))"
        }
        return "\(quantifier)[\(refs(s.terms))]"
    }

    static func quantity(_ x: Quantity) -> String {
        "\(x.low)\(x.high.map { "-\($0)" } ?? "")×\(x.magnitude)\(x.unit?.symbol ?? "(none)")"
    }

    static func scopes(_ s: [Scope]) -> String {
        s.map { scope -> String in
            switch scope.kind {
            case .inSection(let p): " in-section(\(q(p.pattern)))"
            case .outsideSection(let p): " outside-section(\(q(p.pattern)))"
            case .outsideReview: " outside-review"
            case .inXPath(let x): " in-xpath(\(q(x)))"
            }
        }.joined()
    }

    static func refs(_ r: [TermRef]) -> String { r.map(ref).joined(separator: " ") }

    static func ref(_ r: TermRef) -> String {
        switch r.kind {
        case .phrase(let s): q(s)
        case .named(let n): "@\(n)"
        case .split(let a, let b): "\(q(a))..\(q(b))"
        }
    }

    /// A debug-quoted string, so line breaks and quotes are visible and unambiguous.
    static func q(_ s: String) -> String { s.debugDescription }
}
