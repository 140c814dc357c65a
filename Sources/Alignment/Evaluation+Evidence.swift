import DocumentModel
import Foundation
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

    func describe(_ h: Hit) -> String {
        let s = doc.sentences[h.sentence]
        let path = doc.path(of: s).joined(separator: " › ")
        let cols = doc.originalColumns(of: s, h.start..<h.end)
        let review = facts.isReview(h.sentence) ? " [review]" : ""
        return "\(doc.file):\(s.line):\(cols.lowerBound) \(path)\(review) «\(String(scalars: facts.scalars(h.sentence)).clipped(50))»"
    }

    mutating func traceHits(_ label: String, _ ref: TermRef, _ hs: [Hit]) {
        if hs.isEmpty { trace.append("  \(label) “\(ref.text)”: not found"); return }
        for h in hs.prefix(5) { trace.append("  \(label) “\(ref.text)”: \(describe(h))") }
        if hs.count > 5 { trace.append("  … and \(hs.count - 5) more") }
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
