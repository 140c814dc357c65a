import DocumentModel
import Foundation
import Localization
import Quantities
import RuleLanguage

/// What one clause (or condition) concluded.
struct ClauseResult {
    enum Outcome: Int, Comparable {
        case missing = 0, weak = 1, conflicting = 2, covered = 3
        static func < (a: Outcome, b: Outcome) -> Bool { a.rawValue < b.rawValue }
    }
    var outcome: Outcome
    var message: LocalizedText
    var evidence: [Evidence]
}

/// One check of one plan against the engine's rules.
struct Evaluation {
    let engine: AlignmentEngine
    let doc: PlanDocument
    let explainGoal: String?
    /// The district the plan is for, if known.
    let district: String?
    var facts: SentenceFacts
    /// Every term's kept hits: term `t`'s are `hitList[hitRanges[t]]`, shared by terms whose hits are the same.
    var hitList: [Hit] = []
    var hitRanges: [Range<Int>] = []
    /// For each automaton match (`Hit.match`), its commitment class + 1 once worked out (0 before): many
    /// goals share a term, many terms an alias, and a hit's class depends only on its sentence and words.
    var matchClass: [UInt8] = []
    /// For each automaton match, whether it stands inside a longer name (2), not (1), or not yet known (0).
    var nameFlags: [UInt8] = []
    /// Every automaton match, in the order of the scan (so of its end): `Hit.match` indexes it.
    var matches: [Hit] = []
    /// The hits of split aliases (`"能耗" .. "下降"`), numbered after the scan's matches: split hit `i` has
    /// `match` `matches.count + i` and is made of the matches `splitParts[i]`.
    var splitParts: [(first: Int, second: Int)] = []
    /// Sentence texts made for evidence, kept: the same sentences are shown for many goals.
    var sentenceTexts: [String?]
    var sectionMatches: [String: [Bool]] = [:]
    var trace: [LocalizedText] = []
    var tracing = false

    init(engine: AlignmentEngine, doc: PlanDocument, explainGoal: String?, district: String?) {
        self.engine = engine
        self.doc = doc
        self.explainGoal = explainGoal
        self.district = district
        facts = SentenceFacts(doc: doc, period: engine.period)
        sentenceTexts = Array(repeating: nil, count: doc.sentences.count)
        // Which sections each pattern selects, worked out once per plan.
        for (pattern, regex) in engine.sectionRegexes {
            var flags = [Bool](repeating: false, count: doc.allSections.count)
            func walk(_ sections: [Section], inherited: Bool) {
                for s in sections {
                    // Headings are matched as the rule language documents: numbering kept, spaces removed, and
                    // only their first characters, so that a pattern that backtracks stays quick on a heading of
                    // markup with no end (/(产业|产)+制造/ took 20 s on one heading of 40,000 characters).
                    let heading = SectionPattern.normalizeHeading(s.label + s.title).unicodeScalars
                    let own = regex.matches(String(String.UnicodeScalarView(heading.prefix(SectionPattern.matchedLength))))
                    flags[s.id] = inherited || own
                    walk(s.children, inherited: inherited || own)
                }
            }
            walk(doc.sections, inherited: false)
            sectionMatches[pattern] = flags
        }
    }

    mutating func evaluate() -> PlanResult {
        matchTerms()
        var findings: [Finding] = []
        var missing: [(Int, Goal)] = []
        for g in engine.goals.indices {
            tracing = explainGoal == engine.goals[g].id.value
            findings.append(evaluate(goal: g))
            if findings[findings.count - 1].status == .missing { missing.append((findings.count - 1, engine.goals[g])) }
            if !doc.indicators.isEmpty { findings += missingBindingIndicators(engine.goals[g]) }
        }
        tracing = false
        // The closest passages of every missing goal, from one scan of the plan.
        if !missing.isEmpty {
            let queries = missing.map { query(for: $0.1) }
            let f = facts
            let index = PassageIndex(doc, queries: queries) { s in s.section.map { !f.reviewSection[$0] } ?? true }
            var scratch = index.makeScratch()
            for (q, (at, _)) in missing.enumerated() {
                let closest = index.closest(query: q, scratch: &scratch)
                var suggestions: [Evidence] = []
                suggestions.reserveCapacity(closest.count)
                for hit in closest {
                    let s = doc.sentences[hit.sentence]
                    // `sentenceText` is `doc.text(of:)` made without the unspecialized `String(scalars:)`, and kept.
                    suggestions.append(Evidence(file: doc.file, line: s.line, column: s.column, path: doc.path(of: s),
                                                text: suggestionText(hit.sentence), xpath: s.xpath,
                                                score: (hit.score * 100).rounded() / 100))
                }
                findings[at].suggestions = suggestions
            }
        }
        for r in engine.ruleSet.retirements { if let f = evaluate(r) { findings.append(f) } }
        if let g = explainGoal, !engine.goals.contains(where: { $0.id.value == g }) {
            trace.append(LocalizedText(en: "no goal with id \(g) in the rule set", zh: "规则中没有编号为 \(g) 的目标"))
        }
        return PlanResult(plan: doc.file, district: district, findings: findings, explanation: trace)
    }

    /// The index of a term reference in `engine.resolved` (and of its hits), if it resolves.
    func termID(_ ref: TermRef) -> Int? { engine.termIndex[AlignmentEngine.key(ref)] }

    /// The indices in `hitList` of a term's hits.
    func hitRange(_ ref: TermRef) -> Range<Int> { hitRange(termID(ref)) }

    /// The indices in `hitList` of the hits of term `t` (none for an unresolved reference).
    func hitRange(_ t: Int?) -> Range<Int> {
        guard let t else { return 0..<0 }
        return hitRanges[t]
    }

    func hits(_ ref: TermRef) -> ArraySlice<Hit> { hitList[hitRange(ref)] }

    func hits(_ t: Int?) -> ArraySlice<Hit> { hitList[hitRange(t)] }

    /// How firmly the sentence of hit number `k` of `hitList` commits to the hit's words; worked out once
    /// per place.
    mutating func commitmentClass(ofHit k: Int) -> CommitmentClass {
        let h = hitList[k]
        if matchClass[h.match] != 0 { return CommitmentClass(rawValue: Int(matchClass[h.match]) - 1)! }
        let c = facts.classify(h.sentence, subject: h.start..<h.end)
        matchClass[h.match] = UInt8(c.rawValue + 1)
        return c
    }

    func term(_ ref: TermRef) -> ResolvedTerm? {
        engine.termIndex[AlignmentEngine.key(ref)].map { engine.resolved[$0] }
    }

    // MARK: Scopes

    // Inlined: called from a mutating method, a call would copy the whole evaluation (plan included) first.
    @inline(__always) func inScope(_ i: Int, _ scopes: [Scope]) -> Bool {
        if scopes.isEmpty { return true }
        for s in scopes {
            switch s.kind {
            case .inSection(let p):
                guard let id = doc.sentences[i].section, sectionFlags(p)[id] else { return false }
            case .outsideSection(let p):
                if let id = doc.sentences[i].section, sectionFlags(p)[id] { return false }
            case .outsideReview:
                if facts.isReview(i) { return false }
            case .inXPath(let x):
                // Resolved only for structured plans read with the expression; text plans have no elements.
                guard let roots = doc.xpathScopes[x] else { continue }
                guard let path = doc.sentences[i].xpath, roots.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else {
                    return false
                }
            }
        }
        return true
    }

    /// For each section, whether it or a heading above it matches the pattern.
    func sectionFlags(_ p: SectionPattern) -> [Bool] {
        sectionMatches[p.pattern] ?? [Bool](repeating: false, count: doc.allSections.count)
    }

    // MARK: Goals

    /// Goal number `g` of `engine.goals`. Clauses are read in place, by index: a copied `Clause` would
    /// retain each of its arrays, for every goal of every plan.
    mutating func evaluate(goal g: Int) -> Finding {
        let goal = engine.goals[g], info = engine.goalInfo[g]
        if let places = info.places, !places.apply(to: district) { return notApplicable(goal: g, places) }
        // Each clause checked, by its index in `info.clauses`, with what it concluded.
        var results: [(clause: Int, result: ClauseResult)] = []
        var notes: [LocalizedText] = []
        if tracing { trace.append(goalLine(goal)) }
        let verdictAt = trace.count
        for c in info.clauses.indices {
            if let cond = info.clauses[c].condition {
                let r = evaluate(cond.predicate, terms: info.terms[c].condition, scopes: info.conditionScopes[c], label: "when")
                guard r.outcome == .covered else {
                    notes.append(LocalizedText(en: "not applicable: ", zh: "不适用：") + r.message)
                    let line = info.clauses[c].range.start.line
                    if tracing {
                        trace.append(LocalizedText(en: "  clause at line \(line) does not apply: \(r.message.en)", zh: "  第\(line)行的条款不适用：\(r.message.zh)"))
                    }
                    continue
                }
            }
            let r = evaluate(info.clauses[c].predicate, terms: info.terms[c].predicate, scopes: info.clauseScopes[c],
                             label: info.clauses[c].strength.rawValue)
            results.append((c, r))
        }
        let outcomes = results.map(\.result.outcome)
        let status: Status
        if results.isEmpty && !notes.isEmpty {
            // Every clause is for plans that name what its `when` asks (县城, 国家级园区): this plan is not one.
            status = .notApplicable
        } else if outcomes.contains(.conflicting) {
            status = .conflicting
        } else if outcomes.allSatisfy({ $0 == .covered }) {
            status = .covered
        } else if outcomes.contains(where: { $0 != .missing }) {
            status = .weak
        } else {
            status = .missing
        }
        let failing = results.filter { $0.result.outcome != .covered }
        let severity = failing.isEmpty ? info.severity : failing.map { info.clauseSeverity[$0.clause] }.max() ?? info.severity
        var message: LocalizedText
        if results.isEmpty {
            message = notes.isEmpty ? LocalizedText(en: "no clause to check", zh: "没有可检查的条款") : .clauses(notes)
        } else if failing.isEmpty {
            message = .clauses(results.map(\.result.message))
        } else {
            message = .clauses(failing.map(\.result.message))
        }
        if message.isEmpty { message = LocalizedText(en: status.rawValue, zh: status.rawValue) }
        // Evidence: what decided the status, most telling first, without repeats.
        var evidence: [Evidence] = []
        // The failing clauses' evidence first, so the first place shown is the one the message speaks of.
        let ordered = failing.filter { $0.result.outcome == .conflicting } + failing.filter { $0.result.outcome == .weak }
            + results.filter { $0.result.outcome == .covered }
        for (_, r) in ordered {
            for e in r.evidence where !evidence.contains(where: { $0.line == e.line && $0.column == e.column }) {
                evidence.append(e)
            }
        }
        let shown = Array(evidence.prefix(5))
        // The verdict and the evidence in the order the reports show it come first, then how they were found.
        if tracing { trace.insert(contentsOf: verdict(status, severity, message, shown), at: verdictAt) }
        return Finding(kind: .goal, goal: goal.id.value, title: goal.title.value, status: status, severity: severity,
                       area: info.area, weight: info.weight, tags: info.tags,
                       message: message.en, chineseMessage: message.zh, citation: info.citation, plan: doc.file,
                       evidence: shown, suggestions: [], rule: location(goal.range.start))
    }

    /// The trace's conclusion: the status, and each place the finding shows, first the one every report
    /// shows first.
    func verdict(_ status: Status, _ severity: Severity, _ message: LocalizedText, _ shown: [Evidence]) -> [LocalizedText] {
        var lines = [LocalizedText(en: "  ⇒ \(status.rawValue) (\(severity.rawValue)): \(message.en)",
                                   zh: "  ⇒ \(status.word.text(.zh))（\(severity.word.text(.zh))）：\(message.zh)")]
        for (n, e) in shown.enumerated() {
            let place = "\(e.file):\(e.line):\(e.column) \(e.path.joined(separator: " › ")) «\(e.text.clipped(50))»"
            let how = Evidence.describeCommitment(e.commitment)
            lines.append(LocalizedText(en: "  \(n == 0 ? "shown first:" : "shown next: ") \(place)\(how.map { " — \($0.en)" } ?? "")",
                                       zh: "  \(n == 0 ? "首先显示：" : "其次显示：")\(place)\(how.map { "——\($0.zh)" } ?? "")"))
        }
        if !shown.isEmpty { lines.append(LocalizedText(en: "  how it was found:", zh: "  判断过程：")) }
        return lines
    }

    /// The trace's first line for a goal: its id, title and where the rules write it.
    func goalLine(_ goal: Goal) -> LocalizedText {
        LocalizedText(en: "goal \(goal.id.value) “\(goal.title.value)” (\(goal.range.start))",
                      zh: "目标 \(goal.id.value) “\(goal.title.value)”（\(goal.range.start)）")
    }

    /// The finding for a goal written for other places: nothing is checked, and coverage leaves it out.
    mutating func notApplicable(goal g: Int, _ places: Places) -> Finding {
        let goal = engine.goals[g], info = engine.goalInfo[g]
        let names = places.names.map(\.value).joined(separator: "、")
        let plan = district.map { LocalizedText(en: "this plan is \($0)'s", zh: "本规划属\($0)") }
            ?? LocalizedText(en: "this plan's district is not known (its title names none; give --district)",
                             zh: "无法确定本规划所属地区（标题未写明，请用 --district 指定）")
        let message = places.only ? .clauses([LocalizedText(en: "applies only to \(names)", zh: "仅适用于\(names)"), plan])
            : LocalizedText(en: "does not apply to \(names)", zh: "不适用于\(names)")
        if tracing {
            trace.append(goalLine(goal))
            trace.append(LocalizedText(en: "  ⇒ not-applicable: \(message.en)", zh: "  ⇒ 不适用：\(message.zh)"))
        }
        return Finding(kind: .goal, goal: goal.id.value, title: goal.title.value, status: .notApplicable, severity: info.severity,
                       area: info.area, weight: info.weight, tags: info.tags, message: message.en, chineseMessage: message.zh,
                       citation: info.citation,
                       plan: doc.file, evidence: [], suggestions: [], rule: location(goal.range.start))
    }

    func location(_ l: SourceLocation) -> RuleLocation { RuleLocation(file: l.file, line: l.line, column: l.column) }

    /// `terms`: the ids of the predicate's term references, in order (`ClauseTerms`).
    mutating func evaluate(_ p: RuleLanguage.Predicate, terms: [Int?], scopes: [Scope], label: String) -> ClauseResult {
        switch p {
        case .mention(let set): return mention(set, terms: terms, scopes: scopes, label: label)
        case .commitment(let set, let by): return commitment(set, by: by?.value, terms: terms, scopes: scopes, label: label)
        case .target(let t): return target(t, term: terms[0], scopes: scopes, label: label)
        }
    }

    static func needed(_ set: TermSet) -> Int {
        switch set.quantifier {
        case .any: 1
        case .all: set.terms.count
        case .atLeast(let n): n
        }
    }

    /// Terms as messages quote them, the same in both languages: `“研发强度”、“科创中城”`.
    static func list(_ refs: [TermRef]) -> String { refs.map { "“\($0.text)”" }.joined(separator: "、") }

    mutating func mention(_ set: TermSet, terms: [Int?], scopes: [Scope], label: String) -> ClauseResult {
        var found: [TermRef] = [], absent: [TermRef] = []
        var evidence: [Evidence] = []
        for (ref, id) in zip(set.terms, terms) {
            if tracing { traceHits(label + " mention", ref, hits(id).filter { inScope($0.sentence, scopes) }) }
            if hits(id).contains(where: { inScope($0.sentence, scopes) }) {
                found.append(ref)
                // Shown first: a mention in the plan's own tasks if there is one in scope, the most squarely
                // about the term of them (as `commitment` ranks its equals).
                let named = namedSections(id, scopes)
                var shown: Hit?, bestRank = -1
                for h in hits(id) where inScope(h.sentence, scopes) {
                    let inTasks = !facts.isPrinciple(h.sentence) && facts.isAboutThePeriod(h.sentence)
                    let rank = inTasks ? 32 + focus(h, named: named) : 0
                    if rank > bestRank { shown = h; bestRank = rank }
                    if rank == 32 + Evaluation.fullFocus { break }
                }
                if let shown { evidence.append(self.evidence(shown)) }
            } else {
                absent.append(ref)
            }
        }
        let need = Evaluation.needed(set)
        if found.count >= need {
            return ClauseResult(outcome: .covered, message: LocalizedText(en: "mentions \(Evaluation.list(found))", zh: "提到\(Evaluation.list(found))"),
                                evidence: evidence)
        }
        if !found.isEmpty {
            let found = Evaluation.list(found), absent = Evaluation.list(absent)
            return ClauseResult(outcome: .weak, message: LocalizedText(en: "mentions \(found) but not \(absent)", zh: "提到\(found)，但未提到\(absent)"),
                                evidence: evidence)
        }
        return ClauseResult(outcome: .missing, message: Evaluation.noMention(set.terms) + scopeNote(scopes), evidence: [])
    }

    /// `by`: the latest year a vision past the period may commit to (nil: none may).
    mutating func commitment(_ set: TermSet, by: Int?, terms: [Int?], scopes: [Scope], label: String) -> ClauseResult {
        var committed: [TermRef] = [], mentionedOnly: [TermRef] = [], absent: [TermRef] = []
        var evidence: [Evidence] = []
        var mentionedWhere = Set<MentionPlace>()
        for (ref, id) in zip(set.terms, terms) {
            // The strongest commitment first; of equals, one in the plan's own tasks — not the guiding ideas
            // and principles, which name nearly every goal in passing before the chapter that carries it, nor
            // the review, the vision or the glossary — as `mention` shows first; of equals again, the one
            // most squarely about the term (`focus`), else the earliest.
            var best: (Hit, CommitmentClass)?
            var bestRank = -1
            let named = hitRange(id).isEmpty ? [] : namedSections(id, scopes)
            let top = ((CommitmentClass.quantityAndDeadline.rawValue * 2 + 1) * 2 + (by != nil ? 1 : 0)) * 32 + Evaluation.fullFocus
            for k in hitRange(id) {
                let h = hitList[k]
                guard inScope(h.sentence, scopes) else { continue }
                let c = by == nil ? commitmentClass(ofHit: k) : facts.classify(h.sentence, subject: h.start..<h.end, by: by)
                if tracing {
                    let place = describe(h)
                    trace.append(LocalizedText(en: "  \(label) commitment “\(ref.text)”: \(place.en) — \(c)",
                                               zh: "  \(label) commitment “\(ref.text)”：\(place.zh)——\(c.chinese)"))
                }
                // A hit of a lower class than the best so far cannot beat it: its place is not looked up
                // (saves 1.1M of 949M instructions on the benchmark, docs/performance.md).
                guard ((c.rawValue * 2 + 1) * 2 + (by != nil ? 1 : 0)) * 32 + Evaluation.fullFocus > bestRank else { continue }
                // With `by`, the vision is what the clause asks about: of equals, a vision sentence first.
                let asked = by != nil && facts.visionYear(h.sentence) != nil
                let inTasks = !facts.isPrinciple(h.sentence) && facts.isAboutThePeriod(h.sentence, by: by)
                let firm = (c.rawValue * 2 + (inTasks ? 1 : 0)) * 2 + (asked ? 1 : 0)
                // Outside the tasks the earliest is shown (a glossary entry's title is no better for its focus).
                // The focus is worked out only for a hit that may beat the best so far.
                guard firm * 32 + (inTasks ? Evaluation.fullFocus : 0) > bestRank else { continue }
                let rank = firm * 32 + (inTasks ? focus(h, named: named) : 0)
                if rank > bestRank { best = (h, c); bestRank = rank }
                if rank == top { break }
            }
            if tracing && best == nil {
                let scope = scopeNote(scopes)
                trace.append(LocalizedText(en: "  \(label) commitment “\(ref.text)”: not found\(scope.en)",
                                           zh: "  \(label) commitment “\(ref.text)”：未找到\(scope.zh)"))
            }
            guard let (h, c) = best else { absent.append(ref); continue }
            // A term committed to shows before one only mentioned: for `any(…)` it is what covers the clause.
            if c.isCommitment {
                evidence.insert(self.evidence(h, commitment: c), at: committed.count)
                committed.append(ref)
            } else {
                evidence.append(self.evidence(h, commitment: c))
                mentionedOnly.append(ref)
                mentionedWhere.insert(facts.whereMentioned(h.sentence))
            }
        }
        let need = Evaluation.needed(set)
        if committed.count >= need {
            return ClauseResult(outcome: .covered, message: Evaluation.commitsTo(committed), evidence: evidence)
        }
        if !committed.isEmpty || !mentionedOnly.isEmpty {
            var parts: [LocalizedText] = []
            if !committed.isEmpty { parts.append(Evaluation.commitsTo(committed)) }
            if !mentionedOnly.isEmpty {
                let places = MentionPlace.allCases.filter(mentionedWhere.contains)
                let list = Evaluation.list(mentionedOnly)
                parts.append(LocalizedText(
                    en: "mentions \(list) but never commits to \(mentionedOnly.count == 1 ? "it" : "them") (only \(places.map(\.description).joined(separator: ", ")))",
                    zh: "提到\(list)，但没有明确部署（仅\(places.map(\.chinese).joined(separator: "、"))）"))
            }
            if !absent.isEmpty { parts.append(Evaluation.noMention(absent)) }
            return ClauseResult(outcome: .weak, message: .clauses(parts), evidence: evidence)
        }
        return ClauseResult(outcome: .missing, message: Evaluation.noMention(set.terms) + scopeNote(scopes), evidence: [])
    }

    static func commitsTo(_ refs: [TermRef]) -> LocalizedText {
        LocalizedText(en: "commits to \(list(refs))", zh: "对\(list(refs))有明确部署")
    }

    static func noMention(_ refs: [TermRef]) -> LocalizedText {
        LocalizedText(en: "no mention of \(list(refs))", zh: "未提到\(list(refs))")
    }

    /// Where a clause looked, when it did not look everywhere: ` in sections /第.章/, outside the review…`.
    func scopeNote(_ scopes: [Scope]) -> LocalizedText {
        var parts: [LocalizedText] = []
        for s in scopes {
            switch s.kind {
            case .inSection(let p): parts.append(LocalizedText(en: "in sections /\(p.raw)/", zh: "限于标题符合 /\(p.raw)/ 的章节"))
            case .outsideSection(let p): parts.append(LocalizedText(en: "outside sections /\(p.raw)/", zh: "标题符合 /\(p.raw)/ 的章节除外"))
            case .outsideReview: parts.append(LocalizedText(en: "outside the review of the past", zh: "发展回顾除外"))
            case .inXPath(let x): parts.append(LocalizedText(en: "in xpath \(x)", zh: "限于 xpath \(x)"))
            }
        }
        guard !parts.isEmpty else { return LocalizedText("") }
        return LocalizedText(en: " " + parts.map(\.en).joined(separator: ", "), zh: "（" + parts.map(\.zh).joined(separator: "，") + "）")
    }

    // MARK: Retirements

    mutating func evaluate(_ r: Retirement) -> Finding? {
        let excluded = r.exclusions.flatMap { hits($0) }.sorted()
        var found: [Hit] = []
        for ref in r.old { for h in hits(ref) where inScope(h.sentence, r.scopes) { found.append(h) } }
        found.sort()
        var cover = Hit.CoverSweep(excluded)
        found.removeAll { cover.covers($0) }
        guard !found.isEmpty else { return nil }
        let old = r.old.first?.text ?? ""
        let words = Set(found.map { matchText($0) })
        let used = words.sorted().map { "“\($0)”" }.joined(separator: "、")
        let use = r.replacement.isEmpty ? LocalizedText("")
            : LocalizedText(en: "; write \(Evaluation.list(r.replacement)) instead", zh: "；请改为\(Evaluation.list(r.replacement))")
        let places = LocalizedText(en: found.count == 1 ? "1 place" : "\(found.count) places", zh: "\(found.count)处")
        let message = LocalizedText(en: "uses \(used), retired by the city", zh: "使用了\(used)，上级已不再使用") + use
            + LocalizedText(en: " (\(places.en))", zh: "（\(places.zh)）")
        return Finding(kind: .retirement, goal: "retire:\(old)", title: "retired: \(old)", status: .outdated,
                       severity: engine.ruleSet.severity(of: r), area: nil, weight: 0, tags: [],
                       message: message.en, chineseMessage: message.zh, citation: nil, plan: doc.file, evidence: found.prefix(10).map { evidence($0) }, suggestions: [],
                       rule: location(r.range.start))
    }
}
