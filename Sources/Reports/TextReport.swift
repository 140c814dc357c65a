import Alignment
import Foundation
import DocumentModel
import Localization
import RuleLanguage

/// The terminal summary a person reads in ten seconds: coverage per area, then the gaps, most severe first.
public struct TextReport {
    /// The language the summary speaks.
    public var language = Language.en
    public var color: Bool
    /// How many gaps to list per plan before saying how many more there are (0: all).
    public var limit: Int

    public init(color: Bool, limit: Int = 0) {
        self.color = color
        self.limit = limit
    }

    /// Orders gaps: most severe first, then conflicting, missing, outdated, weak; then rule order.
    public static func rank(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.status != b.status { return a.status.seriousness < b.status.seriousness }
        return (a.rule.file, a.rule.line) < (b.rule.file, b.rule.line)
    }

    /// What the summary shows of one plan: the open gaps it lists (only the new ones when there is a
    /// baseline), most severe first, and the gaps accepted by waivers.
    public struct Listing: Sendable {
        /// The gaps listed, at most the limit.
        public var gaps: [Finding]
        /// How many gaps there are to list in all.
        public var gapCount: Int
        public var waived: [Finding]

        /// The listing of a plan's findings; `merging` one made earlier for the same file.
        public init(findings: [Finding], limit: Int, merging earlier: Listing? = nil) {
            let open = findings.filter { $0.isOpenGap && ($0.baseline ?? "new") == "new" }
            // The earlier listing's gaps come first, as they would in a report of both runs; its own
            // cut at `limit` cannot drop any of the first `limit` of the two together.
            let all = ((earlier?.gaps ?? []) + open).sorted(by: TextReport.rank)
            gaps = limit > 0 ? Array(all.prefix(limit)) : all
            gapCount = (earlier?.gapCount ?? 0) + open.count
            waived = (earlier?.waived ?? []) + findings.filter { $0.isGap && $0.waiver != nil }
        }
    }

    /// The summary of a report that holds its findings.
    public func render(_ report: CheckReport) -> String {
        var listings: [String: Listing] = [:]
        for (file, group) in Dictionary(grouping: report.findings, by: \.plan) {
            listings[file] = Listing(findings: group, limit: limit)
        }
        return render(report, listings: listings)
    }

    /// The summary from listings made as the plans were checked (`ReportBuilder.listings`), for a report
    /// whose findings went to disk.
    public func render(_ report: CheckReport, listings: [String: Listing]) -> String {
        var out = ""
        let title = report.rules.title ?? report.rules.path
        // The rule set's goals: those checked and those that do not apply to a plan.
        let goals = (report.summary.goals + (report.summary.counts[Status.notApplicable.rawValue] ?? 0)) / max(report.plans.count, 1)
        out += bold("plancheck") + " · " + title + dim(" · \(report.rules.path) · " + language.pick("\(goals) goals", "\(goals) 个目标")) + "\n"
        for plan in report.plans {
            guard let summary = report.planSummaries[plan.file] else { continue }
            let listing = listings[plan.file] ?? Listing(findings: [], limit: limit)
            out += "\n" + bold(plan.file) + (plan.title.map { dim(" — " + $0) } ?? "") + "\n"
            out += "  " + pad(Word.coverage.text(language), 9) + bold(percent(summary.coverage)) + " " + bar(summary.coverage) + "  "
            out += summary.coverageByArea.keys.sorted().map { "\($0) \(percent(summary.coverageByArea[$0]!))" }.joined(separator: " · ") + "\n"
            var counts = [Status.covered, .weak, .missing, .conflicting, .outdated].map { "\(summary.counts[$0.rawValue] ?? 0) \($0.word.text(language))" }
            if summary.waived > 0 { counts.append("\(summary.waived) \(Word.waived.text(language))") }
            let elsewhere = summary.counts[Status.notApplicable.rawValue] ?? 0
            if elsewhere > 0 { counts.append("\(elsewhere) \(Word.notApplicable.text(language))") }
            out += "  " + pad(language.pick("goals", "目标"), 9) + counts.joined(separator: " · ") + "\n"
            // Said only when it matters: some goals were left out as being for other places.
            if elsewhere > 0 {
                out += "  " + pad(language.pick("district", "所属地区"), 9) + (plan.district ?? language.pick(
                    "unknown — goals for named places only are not applicable; give --district",
                    "未知——只适用于指定地区的目标一律按不适用处理；请用 --district 指定")) + "\n"
            }
            if let b = report.baseline {
                // Plans are matched by file name, as fingerprints are: the draft may sit in another folder.
                let fixed = b.fixed.filter { ($0.plan as NSString).lastPathComponent == (plan.file as NSString).lastPathComponent }
                // With a baseline every finding is marked, so the gaps listed are exactly the new ones.
                out += "  " + pad(language.pick("since", "对比"), 9) + dim(b.path)
                    + language.pick(": \(listing.gapCount) new gap(s), \(fixed.count) fixed", "：新增 \(listing.gapCount) 个问题，已解决 \(fixed.count) 个") + "\n"
                for x in fixed {
                    let was = language.statusWord(x.status)
                    out += "  " + paint("✔ " + pad(language.pick("fixed", "已解决"), 6), "32") + "    \(x.goal) \(x.title) " + dim(language.pick("(was \(was))", "（原为\(was)）")) + "\n"
                }
            }
            // With a baseline only what is new is listed: the rest was seen in the earlier draft.
            if listing.gapCount == 0 {
                out += "\n  " + paint(report.baseline == nil ? language.pick("✔ no open gaps", "✔ 没有未解决的问题") : language.pick("✔ no new gaps", "✔ 没有新增问题"), "32") + "\n"
            } else {
                out += "\n"
                for f in listing.gaps { out += gap(f) }
                if listing.gaps.count < listing.gapCount {
                    let more = listing.gapCount - listing.gaps.count
                    out += dim(language.pick("  … \(more) more gaps (see the JSON or HTML report, or --limit 0)",
                                   "  … 另有 \(more) 个问题（见 JSON 或 HTML 报告，或用 --limit 0 全部列出）")) + "\n"
                }
            }
            for f in listing.waived {
                let w = f.waiver!
                let until = w.expires.map { language.pick(" (until \($0))", "（至\(language.date($0))）") } ?? ""
                out += "  " + dim("⊘ " + pad(Word.waived.text(language), 10) + heading(f)
                                  + language.pick(" — ", "——") + w.reason + until) + "\n"
            }
        }
        return out
    }

    func gap(_ f: Finding) -> String {
        var out = "  " + severityMark(f.severity) + " " + pad(f.status.word.text(language), 11) + " "
        out += bold(heading(f)) + (f.area.map { dim(" [\($0)]") } ?? "") + "\n"
        out += "      " + f.message(in: language) + "\n"
        for e in f.evidence.prefix(f.kind == .retirement ? 3 : 1) { out += "      " + place(e) + "\n" }
        if f.kind == .retirement && f.evidence.count > 3 {
            out += dim(language.pick("      … \(f.evidence.count - 3) more places", "      … 另有 \(f.evidence.count - 3) 处")) + "\n"
        }
        for s in f.suggestions.prefix(2) { out += "      " + dim(language.pick("closest (suggestion): ", "相近表述（仅供参考）：")) + place(s) + "\n" }
        if let c = f.citation {
            var cite = language.pick("city: ", "上级依据：") + (c.short ?? c.document)
            if let i = c.item { cite += Int(i) != nil ? language.pick(" item \(i)", " 第\(i)项") : " " + i }
            if let q = c.quote { cite += " “" + q.replacingOccurrences(of: "\n", with: "").clipped(60) + "”" }
            out += "      " + dim(cite) + "\n"
        }
        return out
    }

    func place(_ e: Evidence) -> String {
        let path = e.path.isEmpty ? "" : " " + e.path.joined(separator: " › ")
        return dim("\(e.file):\(e.line):\(e.column)\(path)") + " «" + quote(e) + "»"
    }

    /// The sentence clipped around the match, with the match highlighted.
    func quote(_ e: Evidence) -> String {
        // Sentences of CJK and Latin text are one character per scalar: cut by scalars, which is much faster
        // than finding character boundaries.
        if e.text.unicodeScalars.allSatisfy(TextReport.standsAlone) {
            return quote(e, Array(e.text.unicodeScalars), String.init(scalars:))
        }
        return quote(e, Array(e.text), { String($0) })
    }

    /// Whether a scalar is a character of its own whatever surrounds it: printable ASCII and Latin-1, CJK
    /// punctuation and ideographs (less the combining marks among them), general punctuation without the
    /// joiners, full-width forms (not the half-width kana voicing marks). Conservative: anything else takes
    /// the character-by-character path.
    static func standsAlone(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20..<0x7F, 0xA0..<0x300, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x3098,
             0x309B...0x9FFF, 0xFF01...0xFF9D, 0xFFE0...0xFFEE: true
        default: false
        }
    }

    private func quote<C: RandomAccessCollection>(_ e: Evidence, _ chars: C, _ string: (C.SubSequence) -> String) -> String
    where C.Index == Int {
        guard let a = e.matchStart, let b = e.matchEnd, a >= 0, b <= chars.count, a < b,
              e.text.unicodeScalars.count == chars.count else { return e.text.clipped(60) }
        let from = max(0, a - 20), to = min(chars.count, b + 30)
        let before = (from > 0 ? "…" : "") + string(chars[from..<a])
        let after = string(chars[b..<to]) + (to < chars.count ? "…" : "")
        return before + paint(string(chars[a..<b]), "1;4") + after
    }

    func severityMark(_ s: Severity) -> String {
        let word = pad(s.word.text(language), 7)
        switch s {
        case .error: return paint("✖ " + word, "31")
        case .warning: return paint("⚠ " + word, "33")
        case .info: return paint("ℹ " + word, "34")
        }
    }

    func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    func bar(_ x: Double) -> String {
        let n = Int((x * 10).rounded())
        return paint(String(repeating: "█", count: n), "32") + dim(String(repeating: "░", count: 10 - n))
    }

    /// What a finding is about: the goal's id and title, or the retired term.
    func heading(_ f: Finding) -> String {
        f.kind == .goal ? "\(f.goal) \(f.title)" : f.title(in: language)
    }


    /// `s` followed by spaces to fill `n` terminal cells (a CJK character takes two).
    func pad(_ s: String, _ n: Int) -> String {
        let width = DisplayWidth.of(s)
        return width >= n ? s : s + String(repeating: " ", count: n - width)
    }
    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { paint(s, "1") }
    func dim(_ s: String) -> String { paint(s, "2") }
}
