import DocumentModel
import Foundation
import Localization
import Quantities
import RuleLanguage

/// The evidence a finding quotes, the traces `--explain` prints of hits, and what suggestions are looked for with.
extension Evaluation {
    mutating func evidence(_ h: Hit, commitment: CommitmentClass? = nil) -> Evidence {
        let s = doc.sentences[h.sentence]
        let cols = doc.originalColumns(of: s, h.start..<h.end)
        let match = matchText(h)
        let all = facts.quantities(h.sentence)
        let scalars = facts.scalars(h.sentence)
        guard !Quote.isWhole(count: scalars.count, match: h.start..<h.end) else {
            return Evidence(file: doc.file, line: s.line, column: cols.lowerBound, path: doc.path(of: s),
                            text: sentenceText(h.sentence), match: match, matchStart: h.start, matchEnd: h.end,
                            quantities: all.map(\.description), commitment: commitment?.description, xpath: s.xpath)
        }
        // A long sentence is quoted around the match, with the quantities that start in the part quoted.
        let q = Quote.text(scalars, match: h.start..<h.end)
        return Evidence(file: doc.file, line: s.line, column: cols.lowerBound, path: doc.path(of: s),
                        text: q.text, match: match, matchStart: q.match.lowerBound, matchEnd: q.match.upperBound,
                        quantities: Quote.starting(in: q.window, all).map(\.description),
                        commitment: commitment?.description, xpath: s.xpath)
    }

    /// The text a suggestion quotes of sentence `i`: all of it, or its start when it is long.
    mutating func suggestionText(_ i: Int) -> String {
        let scalars = facts.scalars(i)
        if Quote.isWhole(count: scalars.count, match: 0..<0) { return sentenceText(i) }
        return Quote.text(scalars, match: 0..<0).text
    }

    /// The normalized text of sentence `i`, made once.
    mutating func sentenceText(_ i: Int) -> String {
        if let t = sentenceTexts[i] { return t }
        let t = String(scalars: facts.scalars(i))
        sentenceTexts[i] = t
        return t
    }

    func matchText(_ h: Hit) -> String {
        let scalars = facts.scalars(h.sentence)
        return String(scalars: scalars[(scalars.startIndex + h.start)..<(scalars.startIndex + h.end)])
    }

    /// Where a hit is, for the trace: `file:line:column path [review] «sentence»`.
    func describe(_ h: Hit) -> LocalizedText {
        let s = doc.sentences[h.sentence]
        let path = doc.path(of: s).joined(separator: " › ")
        let cols = doc.originalColumns(of: s, h.start..<h.end)
        let review = facts.isReview(h.sentence)
        let place = "\(doc.file):\(s.line):\(cols.lowerBound) \(path)", quote = " «\(String(scalars: facts.scalars(h.sentence)).clipped(50))»"
        return LocalizedText(en: place + (review ? " [review]" : "") + quote, zh: place + (review ? " [回顾]" : "") + quote)
    }

    mutating func traceHits(_ label: String, _ ref: TermRef, _ hs: [Hit]) {
        if hs.isEmpty {
            trace.append(LocalizedText(en: "  \(label) “\(ref.text)”: not found", zh: "  \(label) “\(ref.text)”：未找到"))
            return
        }
        for h in hs.prefix(5) {
            let place = describe(h)
            trace.append(LocalizedText(en: "  \(label) “\(ref.text)”: \(place.en)", zh: "  \(label) “\(ref.text)”：\(place.zh)"))
        }
        if hs.count > 5 { trace.append(LocalizedText(en: "  … and \(hs.count - 5) more", zh: "  … 另有 \(hs.count - 5) 处")) }
    }

    /// The sections whose headings name term `id` (in scope), each as the ids of it and the sections below
    /// it (ids run in document order, so a subtree is a range): the chapters that treat the term, where a
    /// reviewer looks first (第三节 创造更优营商环境 for 营商环境). Ids, not lines: a .docx is one line.
    func namedSections(_ id: Int?, _ scopes: [Scope]) -> [ClosedRange<Int>] {
        var named: [ClosedRange<Int>] = []
        for h in hits(id) where doc.sentences[h.sentence].isHeading && inScope(h.sentence, scopes) {
            guard let s = doc.sentences[h.sentence].section else { continue }
            var last = doc.allSections[s]
            while let child = last.children.last { last = child }
            named.append(s...last.id)
        }
        return named
    }

    /// The most a hit's `focus` can be.
    static let fullFocus = 3 * Evaluation.clausesCounted + 1

    /// How squarely a hit's sentence is about the term, to choose among hits that commit alike (higher is
    /// better): a statement of the plan's goals (a 目标 section, where a reviewer checks a goal first; its
    /// clauses each state another goal, so their order says nothing); then a body sentence of a section whose
    /// heading names the term (l.293 under 第三节 创造更优营商环境); then that heading; then any other sentence.
    /// Outside the goals, the hit whose clause comes earliest in its sentence first: the sentence's topic, not
    /// the fifth item of a list about something else (全方位融入长株潭一体化 at the head of l.333, not the park
    /// paragraph's l.233).
    func focus(_ h: Hit, named: [ClosedRange<Int>]) -> Int {
        let s = doc.sentences[h.sentence], c = Evaluation.clausesCounted
        if s.isHeading { return 2 * c }
        if facts.isGoalStatement(h.sentence) { return Evaluation.fullFocus }
        let inNamed = s.section.map { id in named.contains { $0.contains(id) } } ?? false
        return (inNamed ? 2 * c : 0) + c - clausesBefore(h)
    }

    /// Clause stops told apart before a hit: the first seven, and only in the 256 characters before it, so
    /// a hostile sentence with a hit every few characters is still one pass.
    static let clausesCounted = 8

    /// How many clauses of its sentence come before the hit's, at most `clausesCounted - 1`.
    func clausesBefore(_ h: Hit) -> Int {
        let scalars = facts.scalars(h.sentence)
        let start = scalars.startIndex + h.start
        let floor = max(scalars.startIndex, start - 256)
        var n = 0, i = start
        while i > floor {
            i -= 1
            if SentenceFacts.isClauseStop(scalars[i]) {
                n += 1
                if n == Evaluation.clausesCounted - 1 { return n }
            }
        }
        return i == scalars.startIndex ? n : Evaluation.clausesCounted - 1
    }

    /// What a missing goal is about, to look for under other words: its title, citation and terms.
    func query(for goal: Goal) -> String {
        var query = goal.title.value
        if let q = goal.citation?.quote?.value { query += " " + q }
        for c in goal.clauses {
            for ref in AlignmentEngine.refs(c.predicate) { query += " " + (term(ref).map { ($0.aliases + $0.splits.map { $0.first + " " + $0.second }).prefix(3).joined(separator: " ") } ?? ref.text) }
        }
        return query
    }
}
