import DocumentModel
import Foundation
import Localization
import Quantities
import RuleLanguage

/// `target` clauses: the subject's values in sentences and indicator tables, compared with the city's.
extension Evaluation {
    /// `term`: the id of the subject (nil when it resolves to no term).
    mutating func target(_ t: Target, term: Int?, scopes: [Scope], label: String) -> ClauseResult {
        // The subject's unit and implied change were worked out when the engine was built.
        let subject = term.flatMap { engine.targetFacts[$0] } ?? TargetFacts(name: t.subject.text, unit: nil, aliases: nil)
        let subjectUnit = subject.unit, change = subject.change
        let asked = targetQuantity(t, unit: t.comparison.quantities.first?.unit ?? subjectUnit)

        let all = hits(term).filter { inScope($0.sentence, scopes) }
        // A target's year is in the period (the checker says so), so a vision past it never sets its value.
        let forward = all.filter { facts.isAboutThePeriod($0.sentence) }
        let ask = describeTarget(t)
        if tracing {
            trace.append(LocalizedText(
                en: "  \(label) target “\(t.subject.text)” \(ask.en): \(all.count) mention(s) in scope, \(forward.count) outside review and past",
                zh: "  \(label) target “\(t.subject.text)” \(ask.zh)：范围内提到 \(all.count) 处，回顾与过去之外 \(forward.count) 处"))
        }
        var inSentences = FirstVerdicts<Hit>()
        var sawQuantity: Hit?
        // A quantity's verdict does not depend on the hit it follows, and only the first of each kind is kept:
        // the quantities already compared for an earlier hit of the sentence are skipped (many hits in one
        // long clause of values compared every value again for each hit: 40,000 of them, 540 s).
        var seen = (sentence: -1, from: 0, to: 0)
        for h in forward {
            let clause = facts.clause(h.sentence, around: h.start..<h.end)
            // Quantities come sorted by start: only those starting from the hit to the clause's end can pass,
            // and a sentence of thousands of values must not be filtered whole for each hit.
            let qs = facts.quantities(h.sentence)
            let from = qs.firstStarting(from: h.start), to = max(from, qs.firstStarting(from: clause.upperBound))
            var first = from
            if h.sentence == seen.sentence && from >= seen.from {
                if !tracing { first = min(to, max(from, seen.to)) }
                seen = (h.sentence, from, max(seen.to, to))
            } else {
                seen = (h.sentence, from, to)
            }
            let candidates = qs[first..<to].filter { !$0.isTime && $0.span.overlaps(clause) && $0.span.lowerBound >= h.start }
            for var q in candidates {
                // A value whose unit was dropped (`达到3.3以上`, `迈上千亿台阶`) takes the subject's unit, else the target's.
                let verdict = Evaluation.compare(&q, with: asked, unit: subjectUnit, change: change, ranks: true,
                                                 defaultYear: engine.period?.upperBound)
                if tracing {
                    let place = describe(h), why = describe(verdict)
                    trace.append(LocalizedText(en: "    \(place.en): \(q) — \(why.en)", zh: "    \(place.zh)：\(q)——\(why.zh)"))
                }
                if !inSentences.keep(verdict, q, at: h), sawQuantity == nil { sawQuantity = h }
            }
            if inSentences.meets != nil { break }
        }
        // The plan's indicator table states targets exactly: a row naming the subject counts like a sentence.
        var inTable = FirstVerdicts<Indicator>()
        for ind in indicators(for: t.subject) {
            guard var q = ind.target?.quantity else { continue }
            if q.year == nil { q.year = ind.target?.year }
            // A value without a unit takes the row's, else the subject's, else the target's.
            let verdict = Evaluation.compare(&q, with: asked, unit: ind.unit ?? subjectUnit, change: change, ranks: false,
                                             defaultYear: engine.period?.upperBound)
            if tracing {
                let why = describe(verdict)
                trace.append(LocalizedText(en: "    indicator “\(ind.name)” (line \(ind.line)): \(q) — \(why.en)",
                                           zh: "    指标“\(ind.name)”（第\(ind.line)行）：\(q)——\(why.zh)"))
            }
            inTable.keep(verdict, q, at: ind)
        }
        let named = "“\(t.subject.text)”"
        if let (ind, q) = inTable.meets {
            return ClauseResult(outcome: .covered, message: LocalizedText(en: "\(named) \(q) in the indicator table meets \(ask.en)",
                                                                          zh: "主要指标表中\(named)为\(q)，达到\(ask.zh)"),
                                evidence: [evidence(ind, q)])
        }
        if let (h, q) = inSentences.meets {
            let unit = q.unit?.symbol ?? ""
            let inferred = q.unitInferred ? LocalizedText(en: " (unit \(unit) taken from the subject)", zh: "（单位\(unit)按指标补足）") : LocalizedText("")
            return ClauseResult(outcome: .covered, message: LocalizedText(en: "\(named) \(q)", zh: "\(named)\(q)") + inferred
                                    + LocalizedText(en: " meets \(ask.en)", zh: "，达到\(ask.zh)"),
                                evidence: [evidence(h, commitment: .quantity)])
        }
        if let (ind, q, v) = inTable.conflicts {
            let why = describe(v)
            return ClauseResult(outcome: .conflicting,
                                message: LocalizedText(en: "\(named): the indicator table commits to \(q), the city asks \(ask.en) — \(why.en)",
                                                       zh: "\(named)：主要指标表定为\(q)，上级要求\(ask.zh)——\(why.zh)"),
                                evidence: [evidence(ind, q)])
        }
        if let (h, q, v) = inSentences.conflicts {
            let why = describe(v)
            return ClauseResult(outcome: .conflicting,
                                message: LocalizedText(en: "\(named): the plan commits to \(q), the city asks \(ask.en) — \(why.en)",
                                                       zh: "\(named)：规划定为\(q)，上级要求\(ask.zh)——\(why.zh)"),
                                evidence: [evidence(h, commitment: .quantity)])
        }
        if let h = forward.first ?? sawQuantity {
            return ClauseResult(outcome: .weak, message: LocalizedText(en: "names \(named) but sets no value comparable with \(ask.en)",
                                                                       zh: "提到\(named)，但没有可与\(ask.zh)比较的目标值"),
                                evidence: [evidence(h)])
        }
        if let h = all.first ?? hits(term).first {
            return ClauseResult(outcome: .weak, message: LocalizedText(
                en: "names \(named) only in the review of the past, a vision past the period, the glossary or outside scope; no target \(ask.en)",
                zh: "\(named)仅见于发展回顾、规划期之后的远景、名词解释或检查范围之外；没有\(ask.zh)的目标"),
                                evidence: [evidence(h)])
        }
        return ClauseResult(outcome: .missing, message: LocalizedText(en: "no target for \(named) (the city asks \(ask.en))",
                                                                      zh: "没有\(named)的目标（上级要求\(ask.zh)）") + scopeNote(scopes),
                            evidence: [])
    }

    /// Compares a value the plan states with the target asked, both read as the subject is: a value without a
    /// unit takes `unit`, else the target's; a subject whose name implies a change (`…下降`) makes that the
    /// kind of both; and with `ranks`, a place in a ranking (`50强`, `百强`) against a unitless ceiling
    /// (`<= 五十`) reads the rule's number as a place too, since a ranking has no unit for the rule to name
    /// (asked for sentences only; a table row's ranking is compared as written). `value` is left as compared,
    /// as the reports show it. Static: a method called from the mutating `target` may copy the evaluation first.
    static func compare(_ value: inout Quantities.Quantity, with asked: Quantities.Quantity, unit: Quantities.Unit?,
                        change: QuantityKind?, ranks: Bool, defaultYear: Int?) -> QuantityComparison {
        var target = asked
        if value.unit == nil, let u = unit ?? target.unit { value = value.resolvingUnit(u) }
        if let change {
            target.kind = change
            if value.kind == .level { value.kind = change }
        }
        if ranks, value.kind == .rank, target.kind == .level, target.unit == nil, target.comparator != .atLeast {
            target.kind = .rank
        }
        return value.compare(to: target, defaultYear: defaultYear)
    }

    /// The rows of the plan's indicator tables that name the term (an alias within the row's name).
    func indicators(for ref: TermRef) -> [Indicator] {
        guard !doc.indicators.isEmpty else { return [] }
        let t = term(ref)
        let aliases = (t?.aliases ?? [ref.text]).map { Normalizer.normalize(Array($0.unicodeScalars)).text }
        let exclusions = (t?.exclusions ?? []).map { Normalizer.normalize(Array($0.unicodeScalars)).text }
        let splits = t?.splits ?? []
        return doc.indicators.filter { ind in
            (aliases.contains { !$0.isEmpty && ind.name.containsPhrase($0) } || splits.contains { Evaluation.name(ind.name, holds: $0) })
                && !exclusions.contains { !$0.isEmpty && ind.name.containsPhrase($0) }
        }
    }

    /// Whether an indicator's name holds a split alias: its first part, then its second (as `SplitPairing`
    /// pairs them in sentences, after the first occurrence of the first part).
    static func name(_ name: String, holds split: SplitPhrase) -> Bool {
        let first = Normalizer.normalize(Array(split.first.unicodeScalars)).scalars
        let second = Normalizer.normalize(Array(split.second.unicodeScalars)).scalars
        let text = Array(name.unicodeScalars)
        guard !first.isEmpty, !second.isEmpty, let a = text.firstRange(of: first) else { return false }
        guard let b = text[a.upperBound...].firstRange(of: second) else { return false }
        return SplitPairing.isOpenGap(a.upperBound..<b.lowerBound, in: text[...])
    }

    func evidence(_ ind: Indicator, _ q: Quantities.Quantity) -> Evidence {
        let path = ind.section.map { doc.sectionPaths[$0] } ?? []
        let text = ind.name + "：" + (ind.target?.text ?? "") + (ind.unitText.map { "（\($0)）" } ?? "")
        return Evidence(file: doc.file, line: ind.line, column: ind.column ?? 1, path: path, text: text, match: ind.name,
                        matchStart: 0, matchEnd: ind.name.unicodeScalars.count, quantities: [q.description],
                        commitment: ind.isBinding ? "indicator table (约束性)" : "indicator table", xpath: ind.xpath)
    }

    /// Goals tagged 约束性 ask for their indicators in the plan's table: a binding indicator the table
    /// lacks is its own finding (only when the plan has a table at all).
    func missingBindingIndicators(_ goal: Goal) -> [Finding] {
        guard !doc.indicators.isEmpty, goal.tags.contains(where: { $0.value == "约束性" }) else { return [] }
        var out: [Finding] = []
        for c in goal.clauses {
            guard case .target(let t) = c.predicate, indicators(for: t.subject).isEmpty else { continue }
            // The evidence points at the table (the first row's parent), where the row should be.
            let table = doc.indicators.first
            out.append(Finding(kind: .indicator, goal: "\(goal.id.value)#\(t.subject.text)", title: "约束性指标: \(t.subject.text)",
                               status: .missing, severity: c.severity(in: goal, default: engine.ruleSet.defaultSeverity),
                               area: goal.area?.value, weight: 0, tags: goal.tags.map(\.value),
                               message: "the binding indicator “\(t.subject.text)” is not in the plan's indicator table\(table?.table.map { " “\($0)”" } ?? "") (goal \(goal.id.value) asks \(describeTarget(t).en))",
                               chineseMessage: "规划的主要指标表\(table?.table.map { "“\($0)”" } ?? "")中没有约束性指标“\(t.subject.text)”（目标\(goal.id.value)要求\(describeTarget(t).zh)）",
                               citation: engine.citation(goal), plan: doc.file,
                               evidence: table.map { [Evidence(file: doc.file, line: $0.line, column: $0.column ?? 1,
                                                               path: $0.section.map { doc.sectionPaths[$0] } ?? [],
                                                               text: $0.table ?? "indicator table",
                                                               xpath: $0.xpath.map { x in x.lastIndex(of: "/").map { String(x[..<$0]) } ?? x })] } ?? [],
                               suggestions: [], rule: location(c.range.start)))
        }
        return out
    }

    func targetQuantity(_ t: Target, unit: Quantities.Unit?) -> Quantities.Quantity {
        func q(_ c: QuantityComparator, _ v: RuleLanguage.Quantity) -> Quantities.Quantity {
            Quantities.Quantity.target(c, v.scaledLow, in: v.unit ?? unit, by: t.year?.value, upper: v.scaledHigh)
        }
        switch t.comparison {
        case .atLeast(let v): return q(.atLeast, v)
        case .atMost(let v): return q(.atMost, v)
        case .equal(let v): return q(.equal, v)
        // `between a and b`: the district must reach at least a; more is more ambitious, not a conflict.
        case .between(let a, _): return q(.atLeast, a)
        }
    }

    /// What a target asks: `≥ 3.2% by 2030`, `≥ 3.2%（到2030年）`.
    func describeTarget(_ t: Target) -> LocalizedText {
        let by = LocalizedText(en: t.year.map { " by \($0.value)" } ?? "", zh: t.year.map { "（到\($0.value)年）" } ?? "")
        switch t.comparison {
        case .atLeast(let v): return LocalizedText("≥ \(v.text)") + by
        case .atMost(let v): return LocalizedText("≤ \(v.text)") + by
        case .equal(let v): return LocalizedText("= \(v.text)") + by
        case .between(let a, let b): return LocalizedText(en: "between \(a.text) and \(b.text)", zh: "\(a.text)至\(b.text)") + by
        }
    }

    func describe(_ v: QuantityComparison) -> LocalizedText {
        switch v {
        case .satisfies: LocalizedText(en: "meets it", zh: "达到要求")
        case .weaker(let r): r
        case .laterYear(let a, let b): LocalizedText(en: "due \(a), later than \(b)", zh: "\(a)年完成，晚于\(b)年")
        case .incompatibleUnit(let a, let b):
            LocalizedText(en: "wrong unit: \(a ?? "none") where \(b ?? "none") is asked", zh: "单位不符：要求\(b ?? "无单位")，写的是\(a ?? "无单位")")
        case .notComparable(let r): LocalizedText(en: "not comparable: ", zh: "无法比较：") + r
        }
    }
}

/// The first value that meets a target and the first that conflicts with it, each with where it was read
/// (a sentence's hit, an indicator table's row).
struct FirstVerdicts<Place> {
    var meets: (Place, Quantities.Quantity)?
    var conflicts: (Place, Quantities.Quantity, QuantityComparison)?

    /// Keeps `value` read at `place` if it is the first with its verdict; false when it is not comparable.
    @discardableResult
    mutating func keep(_ verdict: QuantityComparison, _ value: Quantities.Quantity, at place: Place) -> Bool {
        switch verdict {
        case .satisfies: if meets == nil { meets = (place, value) }
        case .weaker, .laterYear, .incompatibleUnit: if conflicts == nil { conflicts = (place, value, verdict) }
        case .notComparable: return false
        }
        return true
    }
}
