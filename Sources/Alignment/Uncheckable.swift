import DocumentModel
import Quantities
import RuleLanguage

/// The commitments of one city document that `uncheckable` blocks set aside (`plancheck rules coverage`):
/// a citation with a quotation sets aside the commitments whose clause overlaps one of the quotation's
/// occurrences (in its item, when it names one); a citation with an item alone, every commitment of that
/// item (`item 3`) or top-level part (`item 二`).
struct SetAside {
    struct Entry {
        let reason: String
        let citation: Citation
        /// The cited item's number (`3`), or the part's label without its mark (`二`).
        let item: String?
        let itemIsPart: Bool
        /// Where the quotation occurs in `PlanDocument.normalized`; nil when the citation has none.
        let occurrences: [Range<Int>]?
    }

    let entries: [Entry]

    init(_ engine: AlignmentEngine, doc: PlanDocument, cites: (CitationInfo) -> Bool) {
        let folded = doc.normalized.map(AlignmentEngine.fold)
        var entries: [Entry] = []
        for u in engine.ruleSet.uncheckables {
            for c in u.citations where cites(AlignmentEngine.citation(c, in: engine.ruleSet)) {
                var occurrences: [Range<Int>]?
                if let quote = c.quote {
                    let needle = Normalizer.normalize(Array(quote.value.unicodeScalars)).scalars.map(AlignmentEngine.fold)
                    occurrences = Self.occurrences(of: needle, in: folded)
                }
                let (item, isPart) = Self.item(c.item?.value)
                entries.append(Entry(reason: u.reason.value, citation: c, item: item, itemIsPart: isPart, occurrences: occurrences))
            }
        }
        self.entries = entries
    }

    /// The indices in `entries` of the citations that set `c` aside.
    func entries(for c: Commitment, in doc: PlanDocument) -> [Int] {
        let start = doc.sentences[c.sentence].range.lowerBound
        let span = (start + c.range.lowerBound)..<(start + c.range.upperBound)
        return entries.indices.filter { k in
            let e = entries[k]
            if let item = e.item, (e.itemIsPart ? Self.item(c.part).0 : c.item) != item { return false }
            // An item that is neither a number nor a part (`item 主要奋斗目标`) names a passage: the quotation decides.
            guard let occurrences = e.occurrences else { return e.item != nil }
            return Self.overlaps(occurrences, span)
        }
    }

    /// The reason of the block that sets `c` aside, if one does.
    func reason(for c: Commitment, in doc: PlanDocument) -> String? {
        entries(for: c, in: doc).first.map { entries[$0].reason }
    }

    /// A cited item as a number (`3`, `第3条`, `3.1` → `3`) or a part label (`二`, `二、` → `二`); nil when it
    /// is neither.
    static func item(_ cited: String?) -> (String?, Bool) {
        guard let cited else { return (nil, false) }
        let digits = AlignmentEngine.itemNumber(cited)
        if !digits.isEmpty { return (digits, false) }
        let label = cited.filter { !"、.．()（）第部分篇 ".contains($0) }
        if !label.isEmpty, label.unicodeScalars.allSatisfy({ ChineseNumeral.digit($0) != nil || ChineseNumeral.smallUnit($0) != nil }) { return (label, true) }
        return (nil, false)
    }

    /// Whether one of `occurrences` (all of one length, in order) overlaps `span`: the first that ends after
    /// the span starts, by bisection, where a scan made a quotation found 20,000 times quadratic.
    static func overlaps(_ occurrences: [Range<Int>], _ span: Range<Int>) -> Bool {
        var lo = 0, hi = occurrences.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if occurrences[mid].upperBound <= span.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < occurrences.count && occurrences[lo].overlaps(span)
    }

    /// Every occurrence of `needle` in `text`, overlapping ones too.
    static func occurrences(of needle: [Unicode.Scalar], in text: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var from = 0
        while from < text.count, let at = text[from...].firstOffset(of: needle) {
            out.append((from + at)..<(from + at + needle.count))
            from += at + 1
        }
        return out
    }
}

extension AlignmentEngine {
    /// The `uncheckable` citations of `doc` that do not fit it: a quotation the document does not hold, a
    /// citation that sets no commitment aside, and each commitment set aside that a rule checks anyway.
    public func uncheckableProblems(in doc: PlanDocument, coverage: [CommitmentCoverage],
                                    cites: (CitationInfo) -> Bool) -> [CitationProblem] {
        let setAside = SetAside(self, doc: doc, cites: cites)
        var used = [Bool](repeating: false, count: setAside.entries.count)
        var out: [CitationProblem] = []
        func problem(_ e: SetAside.Entry, _ kind: CitationProblem.Kind, commitment: String? = nil, goals: [String] = []) -> CitationProblem {
            let at = (e.citation.quote?.range ?? e.citation.range).start
            return CitationProblem(goal: nil, file: at.file, line: at.line, column: at.column, kind: kind,
                                   quote: e.citation.quote?.value ?? "", terms: goals, commitment: commitment)
        }
        for c in coverage {
            let matching = setAside.entries(for: c.commitment, in: doc)
            guard let k = matching.first else { continue }
            for m in matching { used[m] = true }
            if c.state == .checked || c.state == .target {
                out.append(problem(setAside.entries[k], .checkedAnyway, commitment: c.commitment.text, goals: c.goals))
            }
        }
        for (k, e) in setAside.entries.enumerated() where !used[k] {
            out.append(problem(e, e.occurrences?.isEmpty == true ? .notInDocument : .setsNothingAside))
        }
        return out.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }
}
