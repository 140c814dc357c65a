import DocumentModel
import Foundation
import Quantities

/// One checkable commitment of a city document: a clause that states a figure, names something in
/// quotation marks, or binds (`确保`, `守住`…). What counts is set out in `docs/coverage.md`.
public struct Commitment: Sendable, Hashable {
    /// Why a clause counts as a commitment; a clause may have several reasons.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A figure about the plan period: a level, a change, a rank, a multiple (`过五百亿元`, `50强`).
        case quantity
        /// A name in `“…”` or `《…》`: a slogan, a brand, a document (`“三链同构”`, `《株洲市…条例》`).
        case name
        /// A programme written with digits or `+` (`“3+3+2”`, `“1+6”`).
        case programme
        /// A binding obligation: 确保, 坚决, 严格, 守住, 坚守, 不发生, 严禁, 红线, 底线.
        case obligation
    }

    /// The reasons, in the order of `Kind.allCases`.
    public var kinds: [Kind]
    /// The clause's normalized text.
    public var text: String
    /// The names in `“…”` / `《…》` (programmes among them), as written between the marks.
    public var names: [String]
    /// The figures that made it a `quantity` commitment.
    public var quantities: [Quantity]
    /// The numbered item (`6` for `6. 梯度培育制造业产业集群`), the unit a `cite … item N` names.
    public var item: String?
    /// The top-level part's label (`三、`), for figures per part.
    public var part: String?
    /// Where the clause starts in the file.
    public var line: Int
    public var column: Int
    /// The index of its sentence in `PlanDocument.sentences`, and the clause's range in that sentence's
    /// normalized scalars.
    public var sentence: Int
    public var range: Range<Int>
}

/// Finds the commitments of a city document, clause by clause (`plancheck rules coverage`).
public enum CommitmentFinder {
    /// Words that make a clause binding: the district must do it, not merely aim at it.
    public static let bindingWords = ["确保", "坚决", "严格", "守住", "坚守", "不发生", "严禁", "红线", "底线"]

    /// Names that are the period itself, not a commitment.
    static let periodNames: Set<String> = ["十三五", "十四五", "十五五", "十六五"]

    /// Clause ends inside a sentence, in full-width and ASCII forms. Not a colon: in `千亿产业集群:力争新增2-3个`
    /// the label and its figure are one commitment.
    static let clauseEnds: Set<Unicode.Scalar> = [",", ";", "。", "，", "；", "!", "?", "！", "？"]

    public static func find(in doc: PlanDocument) -> [Commitment] {
        let period = RuleDrafter.planPeriod(doc)
        let extractor = QuantityExtractor(planPeriod: period)
        let (items, parts) = labels(doc)
        // Review and background sections, as the engine finds them (`一、“十五五”时期面临的发展环境和基础条件`):
        // their figures are achievements, not commitments.
        let review = ReviewSections.flags(for: doc)
        var out: [Commitment] = []
        for (index, s) in doc.sentences.enumerated() where !s.isHeading && !(s.section.map { review[$0] } ?? false) {
            let scalars = Array(doc.scalars(of: s))
            let found = extractor.extract(from: scalars)
            // A sentence that speaks only of years before the period reports the past (十四五 achievements).
            let past = SentenceFacts.reportsThePast(found, in: scalars[...], period: period)
            let cut = clauses(scalars)
            // Each figure to the clause its value starts in, by bisection: a filter per clause would make a
            // sentence of many clauses and many figures quadratic.
            var figuresOf = [[Quantity]](repeating: [], count: cut.count)
            if !past {
                for q in found where q.kind != .year && q.kind != .period && q.kind != .duration {
                    let at = q.valueSpan.lowerBound
                    var lo = 0, hi = cut.count
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if cut[mid].upperBound <= at { lo = mid + 1 } else { hi = mid }
                    }
                    if lo < cut.count, cut[lo].contains(at) { figuresOf[lo].append(q) }
                }
            }
            for (k, clause) in cut.enumerated() {
                let text = String(String.UnicodeScalarView(scalars[clause]))
                var kinds: [Commitment.Kind] = []
                let figures = figuresOf[k]
                if !figures.isEmpty { kinds.append(.quantity) }
                let names = quotedNames(scalars[clause])
                if !names.isEmpty { kinds.append(.name) }
                if names.contains(where: isProgramme) || unquotedProgramme(scalars[clause]) { kinds.append(.programme) }
                if bindingWords.contains(where: { text.containsPhrase($0) }) { kinds.append(.obligation) }
                guard !kinds.isEmpty else { continue }
                let section = s.section
                out.append(Commitment(kinds: kinds, text: text, names: names, quantities: figures,
                                      item: section.flatMap { items[$0] }, part: section.flatMap { parts[$0] },
                                      line: s.line, column: doc.originalColumns(of: s, clause).lowerBound,
                                      sentence: index, range: clause))
            }
        }
        return out
    }

    /// The clauses of a sentence: ranges between clause ends, each with at least one character that is
    /// not punctuation. A clause end inside quotation marks does not cut (`“稳中求进、以进促稳”`).
    static func clauses(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0, depth = 0
        func close(_ end: Int) {
            if s[start..<end].contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                out.append(start..<end)
            }
            start = end
        }
        for (i, c) in s.enumerated() {
            switch c {
            case "“", "《", "(", "（": depth += 1
            case "”", "》", ")", "）": depth = max(0, depth - 1)
            default:
                if depth == 0, clauseEnds.contains(c) { close(i + 1) }
            }
        }
        if start < s.count { close(s.count) }
        return out
    }

    /// The names between `“…”` and `《…》` of a clause, without the period's own name.
    static func quotedNames(_ s: ArraySlice<Unicode.Scalar>) -> [String] {
        var out: [String] = [], seen: Set<String> = []
        var open: (mark: Unicode.Scalar, at: Int)?
        for i in s.indices {
            let c = s[i]
            if open == nil, c == "“" || c == "《" { open = (c == "“" ? "”" : "》", i + 1); continue }
            if let o = open, c == o.mark {
                let name = String(String.UnicodeScalarView(s[o.at..<i]))
                // One character (本地“生”、本地“养”) is emphasis, not a name.
                if name.unicodeScalars.count > 1, !periodNames.contains(name), seen.insert(name).inserted { out.append(name) }
                open = nil
            }
        }
        return out
    }

    /// `3+3+2`, `1+6`: a name built of digits and `+`.
    static func isProgramme(_ name: String) -> Bool {
        name.unicodeScalars.contains { $0.properties.numericType != nil && $0.isASCII } || name.containsPhrase("+")
    }

    /// A programme or project written with digits and `+` or `x` without quotation marks: `打造1+N产业链`,
    /// `大唐华银株洲2x100万千瓦扩能升级项目`.
    static func unquotedProgramme(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "+" || s[i] == "x" || s[i] == "×", i > s.startIndex, i + 1 < s.endIndex {
                let before = s[i - 1], after = s[i + 1]
                if before.properties.numericType != nil && before.isASCII,
                   (after.properties.numericType != nil && after.isASCII) || after == "N" { return true }
            }
            i += 1
        }
        return false
    }

    /// For each section id: the number of the numbered item it lies in, and the label of its top-level part.
    static func labels(_ doc: PlanDocument) -> (items: [Int: String], parts: [Int: String]) {
        var items: [Int: String] = [:], parts: [Int: String] = [:]
        func walk(_ sections: [Section], item: String?, part: String?) {
            for s in sections {
                let i = s.kind == .item ? s.number.map(String.init) ?? item : item
                let p = s.kind == .numberedPart || s.kind == .part ? s.label : part
                items[s.id] = i
                parts[s.id] = p
                walk(s.children, item: i, part: p)
            }
        }
        walk(doc.sections, item: nil, part: nil)
        return (items, parts)
    }
}
