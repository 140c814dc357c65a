import Alignment
import Foundation
import Localization
import RuleLanguage

/// `plancheck rules coverage`'s report: how much of a city document's commitments a rule set checks,
/// per part and overall, and each commitment that no rule checks.
public struct CoverageReport: Sendable, Encodable {
    /// The figures of one part (`三、`) or of the whole document.
    public struct Tally: Sendable, Encodable, Equatable {
        /// The part's label; nil for the whole document.
        public var part: String?
        public var commitments = 0
        /// Checked by a clause (target or mention), counted with `target`.
        public var checked = 0
        /// Commitments with a figure, and of those the ones a target compares.
        public var figures = 0
        public var figuresWithTarget = 0
        /// Set aside by `uncheckable` blocks: not counted in `percent`.
        public var uncheckable = 0
        public var unchecked: Int { commitments - checked - uncheckable }
        /// Checked, as a percentage of the commitments not set aside (100 when there are none).
        public var percent: Double {
            let counted = commitments - uncheckable
            return counted == 0 ? 100 : Double(checked) * 100 / Double(counted)
        }

        mutating func add(_ c: CommitmentCoverage) {
            commitments += 1
            switch c.state {
            case .target, .checked: checked += 1
            case .uncheckable: uncheckable += 1
            case .unchecked: break
            }
            if c.commitment.kinds.contains(.quantity) {
                figures += 1
                if c.state == .target { figuresWithTarget += 1 }
            }
        }

        enum CodingKeys: String, CodingKey { case part, commitments, checked, figures, figuresWithTarget, uncheckable, unchecked, percent }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(part, forKey: .part)
            try c.encode(commitments, forKey: .commitments)
            try c.encode(checked, forKey: .checked)
            try c.encode(figures, forKey: .figures)
            try c.encode(figuresWithTarget, forKey: .figuresWithTarget)
            try c.encode(uncheckable, forKey: .uncheckable)
            try c.encode(unchecked, forKey: .unchecked)
            // One decimal, so the JSON does not carry binary noise (66.66666666666667).
            try c.encode((percent * 10).rounded() / 10, forKey: .percent)
        }
    }

    /// One commitment as the report lists it.
    public struct Entry: Sendable, Encodable {
        public var line: Int
        public var column: Int
        public var item: String?
        public var part: String?
        public var kinds: [String]
        public var text: String
        public var names: [String]
        public var state: String
        public var checkedBy: [CheckedBy]
        /// For a commitment an `uncheckable` block sets aside: the block's reason.
        public var setAside: String?
    }

    /// A clause that checks a commitment.
    public struct CheckedBy: Sendable, Encodable {
        public var goal: String
        public var file: String
        public var line: Int
        public var target: Bool
    }

    /// A citation of a goal or of an `uncheckable` block that does not fit the document.
    public struct CitationEntry: Sendable, Encodable {
        /// The goal's id; absent for an `uncheckable` block.
        public var goal: String?
        public var file: String
        public var line: Int
        public var column: Int
        /// `not-in-document`, `holds-no-required-term`, `sets-nothing-aside` or `checked-anyway`.
        public var problem: String
        public var quote: String
        /// The terms the goal requires (`holds-no-required-term`), or the goals that check the commitment
        /// (`checked-anyway`).
        public var terms: [String]
        /// For `checked-anyway`: the commitment set aside.
        public var commitment: String?
    }

    /// The city document as named on the command line, and its title.
    public var source: String
    public var sourceTitle: String?
    /// The rules as named on the command line.
    public var rules: String
    /// How many goals cite the document.
    public var citingGoals: Int
    public var parts: [Tally]
    public var total: Tally
    public var commitments: [Entry]
    public var citations: [CitationEntry]

    public init(source: String, sourceTitle: String?, rules: String, citingGoals: Int, coverage: [CommitmentCoverage],
                citationProblems: [CitationProblem] = []) {
        self.source = source
        self.sourceTitle = sourceTitle
        self.rules = rules
        self.citingGoals = citingGoals
        var parts: [Tally] = [], total = Tally()
        for c in coverage {
            total.add(c)
            let label = c.commitment.part ?? "—"
            if parts.last?.part != label { parts.append(Tally(part: label)) }
            parts[parts.count - 1].add(c)
        }
        self.parts = parts
        self.total = total
        commitments = coverage.map { c in
            Entry(line: c.commitment.line, column: c.commitment.column, item: c.commitment.item, part: c.commitment.part,
                  kinds: c.commitment.kinds.map(\.rawValue), text: c.commitment.text, names: c.commitment.names,
                  state: c.state.rawValue,
                  checkedBy: c.checks.map { CheckedBy(goal: $0.goal, file: $0.file, line: $0.line, target: $0.target) },
                  setAside: c.state == .uncheckable ? c.setAside : nil)
        }
        citations = citationProblems.map {
            CitationEntry(goal: $0.goal, file: $0.file, line: $0.line, column: $0.column, problem: $0.kind.rawValue,
                          quote: $0.quote, terms: $0.terms, commitment: $0.commitment)
        }
    }

    /// Pretty-printed JSON with sorted keys: the same input gives the same bytes.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every member is a string, number, boolean or array of them: encoding cannot fail.
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// The terminal report in `language`: the table per part, then each unchecked commitment with its item
    /// and text.
    public func text(language: Language = .en) -> String {
        let title = sourceTitle.map { "《\($0)》" } ?? source
        var out = language.pick("\(rules) — coverage of \(title) (\(source))\n", "\(rules)——对\(title)的覆盖（\(source)）\n")
        out += language.pick("\(citingGoals) goal\(citingGoals == 1 ? "" : "s") cite it; \(total.commitments) commitments found\n\n",
                   "\(citingGoals) 个目标引用该文件；找到 \(total.commitments) 项承诺\n\n")
        let header = language == .zh ? Self.chineseHeader : Self.header
        var rows = parts.map(row)
        var all = total
        all.part = language.pick("all", "合计")
        rows.append(row(all))
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(DisplayWidth.of).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
                return i == 0 ? c + pad : pad + c
            }.joined(separator: "  ") + "\n"
        }
        out += line(header)
        for r in rows { out += line(r) }
        let unchecked = commitments.filter { $0.state == CommitmentCoverage.State.unchecked.rawValue }
        if !unchecked.isEmpty {
            out += language.pick("\nUnchecked (\(unchecked.count)):\n", "\n未检查的承诺（\(unchecked.count)）：\n")
            for e in unchecked {
                let place = [e.part, e.item.map { language.pick("item \($0)", "第\($0)项") }].compactMap { $0 }.joined(separator: " ")
                let kinds = e.kinds.map { k in language == .zh ? Commitment.Kind(rawValue: k)?.chinese ?? k : k }
                out += "  \(source):\(e.line):\(e.column)  \(place)  [\(kinds.joined(separator: "+"))]  \(e.text)\n"
            }
        }
        // The reasons, each once, in the order they first set a commitment aside, with how many each sets aside.
        var reasons: [(String, Int)] = []
        for e in commitments {
            guard let r = e.setAside else { continue }
            if let k = reasons.firstIndex(where: { $0.0 == r }) { reasons[k].1 += 1 } else { reasons.append((r, 1)) }
        }
        if !reasons.isEmpty {
            out += language.pick("\nSet aside as uncheckable (\(total.uncheckable)), by reason:\n", "\n列为不可检查（\(total.uncheckable)），按理由：\n")
            for (r, n) in reasons { out += "  \(n)  \(r)\n" }
        }
        if !citations.isEmpty {
            out += language.pick("\nCitations that do not fit the document (\(citations.count)):\n", "\n与文件不符的引文（\(citations.count)）：\n")
            for c in citations {
                out += "  \(c.file):\(c.line):\(c.column)  " + c.explanation.text(language) + "\n"
            }
        }
        return out
    }

    /// The columns of the figures, in the terminal and on the page.
    static let header = ["part", "commitments", "checked", "figures with target", "uncheckable", "unchecked", "coverage"]
    /// The same columns in Chinese.
    static let chineseHeader = ["部分", "承诺", "已检查", "有目标值的数字", "不可检查", "未检查", "覆盖率"]

    /// One tally's cells under `header` (the whole document's labelled `all`).
    func row(_ t: Tally) -> [String] {
        [t.part ?? "all", "\(t.commitments)", "\(t.checked)", "\(t.figuresWithTarget)/\(t.figures)", "\(t.uncheckable)", "\(t.unchecked)",
         String(format: "%.0f%%", t.percent)]
    }
}

extension CoverageReport.CitationEntry {
    /// Whose citation it is and why it does not fit, with the quotation: `goal 5.1: the quotation is not in the
    /// document: “…”`.
    var explanation: LocalizedText {
        let en = c(", "), zh = c("、")
        func c(_ separator: String) -> String { terms.joined(separator: separator) }
        let why: LocalizedText
        switch CitationProblem.Kind(rawValue: problem) {
        case .notInDocument: why = LocalizedText(en: "the quotation is not in the document", zh: "引文不在该文件中")
        case .holdsNoRequiredTerm:
            why = LocalizedText(en: "the quotation holds none of the terms the goal requires (\(en))", zh: "引文不含目标要求的任何词语（\(zh)）")
        case .setsNothingAside: why = LocalizedText(en: "it sets no commitment aside", zh: "没有排除任何承诺")
        case .checkedAnyway:
            let one = terms.count == 1
            why = LocalizedText(en: "it sets aside “\(commitment ?? "")”, which goal\(one ? "" : "s") \(en) check\(one ? "s" : "")",
                                zh: "排除了“\(commitment ?? "")”，而目标\(zh)检查了它")
        case nil: why = LocalizedText(problem)
        }
        let owner = goal.map { LocalizedText(en: "goal \($0)", zh: "目标 \($0)") } ?? LocalizedText("uncheckable")
        let quoted = quote.isEmpty ? LocalizedText("") : LocalizedText(en: ": “\(quote)”", zh: "：“\(quote)”")
        return owner + LocalizedText(en: ": ", zh: "：") + why + quoted
    }
}

extension Commitment.Kind {
    /// Why a clause counts as a commitment, as the Chinese report says it.
    var chinese: String {
        switch self {
        case .quantity: "数字"
        case .name: "名称"
        case .programme: "工程代号"
        case .obligation: "约束性表述"
        }
    }
}
