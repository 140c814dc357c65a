import Alignment
import Foundation
import Quantities
import RuleLanguage

/// The report a city reviewer sends around: one self-contained HTML page (inline CSS and script, no
/// network) with the coverage, a filterable table of goals, the evidence for each, and for several plans
/// a goals × plans matrix.
///
/// The output depends only on the report and `generatedAt`: the same inputs give the same bytes.
public struct HTMLReport: Sendable {
    public var report: CheckReport
    /// When the report was made; shown in the header. Nil leaves the time out.
    public var generatedAt: Date?

    public init(report: CheckReport, generatedAt: Date?) {
        self.report = report
        self.generatedAt = generatedAt
    }

    /// The whole page.
    public func render() -> String {
        let page = Page(report: report)
        // Defence in depth: even if some text slipped through unescaped, the browser would run only the one
        // script whose hash is in the policy (no inline event handlers) and would load nothing from anywhere.
        return HTMLBuilder.page(title: "plancheck · " + (report.rules.title ?? report.rules.path),
                                contentSecurityPolicy: Self.contentSecurityPolicy, css: Self.css, script: Self.script) { h in
            header(&h, page)
            summary(&h, page)
            if report.plans.count > 1 { matrix(&h, page) }
            goalsTable(&h, page)
            details(&h, page)
            footer(&h)
        }
    }

    // MARK: Header

    func header(_ h: inout HTMLBuilder, _ page: Page) {
        h.element("header", ["class": "top"]) { h in
            h.element("p", ["class": "brand"], text: "plancheck · alignment report")
            h.element("h1", text: report.rules.title ?? report.rules.path)
            h.element("dl", ["class": "meta"]) { h in
                h.element("dt", text: "Rules")
                h.element("dd") { h in h.element("code", text: report.rules.path) }
                if let period = report.rules.period {
                    h.element("dt", text: "Period")
                    h.element("dd", text: period.replacingOccurrences(of: "..", with: "–"))
                }
                h.element("dt", text: "Rules SHA-256")
                h.element("dd") { h in h.element("code", ["class": "hash"], text: report.rules.hash) }
                if let at = generatedAt {
                    let stamp = Self.timestamp(at)
                    h.element("dt", text: "Generated")
                    h.element("dd") { h in h.element("time", ["datetime": stamp], text: stamp.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")) }
                }
            }
            h.element("table", ["class": "plans"]) { h in
                h.element("caption", text: report.plans.count == 1 ? "Plan checked" : "\(report.plans.count) plans checked")
                h.element("thead") { h in
                    h.element("tr") { h in
                        for c in ["#", "Plan file", "Title", "Coverage", "Sentences", "Encoding", "SHA-256"] {
                            h.element("th", ["scope": "col"], text: c)
                        }
                    }
                }
                h.element("tbody") { h in
                    for (i, plan) in report.plans.enumerated() {
                        h.element("tr") { h in
                            h.element("td", ["class": "num"], text: "\(i + 1)")
                            h.element("td") { h in h.element("code", ["class": "file"], text: plan.file) }
                            h.element("td", text: plan.title ?? "—")
                            h.element("td", ["class": "cov"]) { h in coverage(&h, page.summary(of: plan.file).coverage) }
                            h.element("td", ["class": "num"], text: "\(plan.sentences)")
                            h.element("td", text: plan.encoding)
                            h.element("td") { h in h.element("code", ["class": "hash"], text: plan.hash) }
                        }
                    }
                }
            }
        }
    }

    // MARK: Summary

    func summary(_ h: inout HTMLBuilder, _ page: Page) {
        let s = report.summary
        h.element("section", ["id": "summary"]) { h in
            h.element("h2", text: "Summary")
            h.element("div", ["class": "cards"]) { h in
                h.element("div", ["class": "card overall"]) { h in
                    h.element("div", ["class": "label"], text: report.plans.count > 1 ? "Coverage, all plans" : "Coverage")
                    h.element("div", ["class": "big"], text: Self.percent(s.coverage))
                    bar(&h, s.coverage, wide: true)
                    let plans = report.plans.count
                    h.element("div", ["class": "note"],
                              text: Self.count(page.goalCount, "goal") + (plans > 1 ? " × \(plans) plans" : "") + " · covered 1, weak or conflicting ½, missing 0, weighted")
                }
                h.element("div", ["class": "card counts"]) { h in
                    h.element("div", ["class": "label"], text: "Findings by status")
                    h.element("ul", ["class": "chips"]) { h in
                        for status in Page.statusesBySeriousness {
                            h.element("li", ["class": "chip b-" + status.rawValue, "title": Self.statusMeaning(status)]) { h in
                                h.element("b", text: "\(s.counts[status.rawValue] ?? 0)")
                                h.text(" " + status.rawValue)
                            }
                        }
                    }
                }
                h.element("div", ["class": "card areas"]) { h in
                    h.element("div", ["class": "label"], text: "Coverage by area")
                    h.element("table", ["class": "areas"]) { h in
                        h.element("tbody") { h in
                            for area in page.areas where s.coverageByArea[area] != nil {
                                let c = s.coverageByArea[area] ?? 0
                                h.element("tr") { h in
                                    h.element("th", ["scope": "row"], text: area)
                                    h.element("td", ["class": "barcell"]) { h in bar(&h, c, wide: false) }
                                    h.element("td", ["class": "num"], text: Self.percent(c))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Matrix

    func matrix(_ h: inout HTMLBuilder, _ page: Page) {
        h.element("section", ["id": "matrix"]) { h in
            h.element("h2", text: "Goals × plans")
            h.element("p", ["class": "hint"], text: "Each cell is the status of the goal in that plan and links to its evidence. The last column is the share of plans that cover the goal; the footer gives each plan's coverage.")
            h.element("div", ["class": "scroll"]) { h in
                h.element("table", ["class": "matrix"]) { h in
                    h.element("thead") { h in
                        h.element("tr") { h in
                            h.element("th", ["scope": "col"], text: "Goal")
                            for (i, plan) in report.plans.enumerated() {
                                h.element("th", ["scope": "col", "class": "plan", "title": plan.title.map { plan.file + " — " + $0 } ?? plan.file]) { h in
                                    h.element("span", ["class": "pn"], text: "\(i + 1)")
                                    h.text(" " + page.planLabels[i])
                                }
                            }
                            h.element("th", ["scope": "col"], text: "Plans covering")
                        }
                    }
                    h.element("tbody") { h in
                        for row in page.goalRows {
                            h.element("tr", ["class": row.kind == .retirement ? "retired" : nil]) { h in
                                h.element("th", ["scope": "row"]) { h in
                                    if row.kind == .goal {
                                        h.element("span", ["class": "gid"], text: row.goal)
                                        h.text(" ")
                                    }
                                    h.text(row.title)
                                    if let a = row.area { h.element("span", ["class": "area"], text: a) }
                                }
                                var covering = 0, using = 0
                                for plan in report.plans {
                                    if let entry = page.entry(goal: row.goal, kind: row.kind, plan: plan.file) {
                                        let st = entry.finding.status.rawValue
                                        if entry.finding.status == .covered { covering += 1 }
                                        if entry.finding.status == .outdated { using += 1 }
                                        h.element("td", ["class": "cell c-" + st, "title": Self.statusMeaning(entry.finding.status)]) { h in
                                            h.element("a", ["href": "#" + entry.id], text: st)
                                        }
                                    } else {
                                        h.element("td", ["class": "cell c-none", "title": row.kind == .retirement ? "not used" : "not checked"], text: "—")
                                    }
                                }
                                let n = report.plans.count
                                if row.kind == .goal {
                                    h.element("td", ["class": "share"]) { h in
                                        bar(&h, Double(covering) / Double(n), wide: false)
                                        h.element("span", ["class": "num"], text: "\(covering)/\(n)")
                                    }
                                } else {
                                    h.element("td", ["class": "share"], text: "used in \(using)/\(n)")
                                }
                            }
                        }
                    }
                    h.element("tfoot") { h in
                        h.element("tr") { h in
                            h.element("th", ["scope": "row"], text: "Coverage")
                            for plan in report.plans {
                                h.element("td", ["class": "cov"]) { h in coverage(&h, page.summary(of: plan.file).coverage) }
                            }
                            h.element("td", ["class": "cov"]) { h in coverage(&h, report.summary.coverage) }
                        }
                        h.element("tr") { h in
                            h.element("th", ["scope": "row"], text: "Gaps")
                            for plan in report.plans {
                                h.element("td", ["class": "num"], text: "\(page.entries.filter { $0.finding.plan == plan.file && $0.finding.isGap }.count)")
                            }
                            h.element("td", ["class": "num"], text: "\(page.entries.filter(\.finding.isGap).count)")
                        }
                    }
                }
            }
        }
    }

    // MARK: Goals table

    func goalsTable(_ h: inout HTMLBuilder, _ page: Page) {
        let many = report.plans.count > 1
        h.element("section", ["id": "goals"]) { h in
            h.element("h2", text: "Goals")
            // The controls only work with the script, which shows them; without it every row is visible.
            h.element("form", ["id": "filters", "class": "controls", "role": "search"]) { h in
                h.element("label") { h in
                    h.text("Status ")
                    h.element("select", ["name": "status"]) { h in
                        h.element("option", ["value": ""], text: "all")
                        h.element("option", ["value": "gaps"], text: "gaps (not covered)")
                        for st in page.statuses { h.element("option", ["value": st.rawValue], text: st.rawValue) }
                    }
                }
                h.element("label") { h in
                    h.text("Severity ")
                    h.element("select", ["name": "severity"]) { h in
                        h.element("option", ["value": ""], text: "all")
                        for sev in Severity.allCases.sorted(by: >) { h.element("option", ["value": sev.rawValue], text: sev.rawValue) }
                    }
                }
                h.element("label") { h in
                    h.text("Area ")
                    h.element("select", ["name": "area"]) { h in
                        h.element("option", ["value": ""], text: "all")
                        for a in page.areas { h.element("option", ["value": a], text: a) }
                    }
                }
                if many {
                    h.element("label") { h in
                        h.text("Plan ")
                        h.element("select", ["name": "plan"]) { h in
                            h.element("option", ["value": ""], text: "all")
                            for (i, label) in page.planLabels.enumerated() {
                                h.element("option", ["value": "\(i + 1)"], text: "\(i + 1) \(label)")
                            }
                        }
                    }
                }
                h.element("label", ["class": "q"]) { h in
                    h.text("Text ")
                    h.void("input", ["type": "search", "name": "q", "placeholder": "id, title, sentence…", "autocomplete": "off"])
                }
                h.element("button", ["type": "reset"], text: "Clear")
                h.element("button", ["type": "button", "id": "expand-all"], text: "Open all")
                h.element("button", ["type": "button", "id": "collapse-all"], text: "Close all")
            }
            h.element("p", ["class": "shown", "id": "shown", "aria-live": "polite"], text: Self.count(page.entries.count, "finding"))
            h.element("div", ["class": "scroll"]) { h in
                h.element("table", ["id": "goal-table", "class": "goals"]) { h in
                    h.element("thead") { h in
                        h.element("tr") { h in
                            var cols = ["ID", "Goal", "Status", "Severity", "Area"]
                            if many { cols.append("Plan") }
                            cols.append("Where")
                            for c in cols { h.element("th", ["scope": "col"], text: c) }
                        }
                    }
                    h.element("tbody") { h in
                        for entry in page.entries { goalRow(&h, page, entry, many: many) }
                    }
                }
            }
        }
    }

    func goalRow(_ h: inout HTMLBuilder, _ page: Page, _ entry: Page.Entry, many: Bool) {
        let f = entry.finding
        let st = f.status.rawValue
        h.element("tr", ["data-status": st, "data-severity": f.severity.rawValue, "data-area": f.area ?? Page.noArea,
                         "data-plan": "\(entry.planNumber)", "data-gap": f.isGap ? "1" : "0", "data-target": entry.id]) { h in
            h.element("td", ["class": "gid", "data-sort": f.kind == .goal ? f.goal : "retired " + f.goal]) { h in
                if f.kind == .goal { h.text(f.goal) } else { h.element("span", ["class": "muted"], text: "retired") }
            }
            h.element("td", ["class": "title", "data-sort": f.title]) { h in
                h.element("a", ["href": "#" + entry.id], text: f.title)
                h.element("div", ["class": "msg"], text: f.message)
            }
            h.element("td", ["data-sort": "\(f.status.seriousness)"]) { h in
                h.element("span", ["class": "badge b-" + st, "title": Self.statusMeaning(f.status)], text: st)
            }
            h.element("td", ["class": "sev s-" + f.severity.rawValue + (f.isGap ? "" : " notgap"),
                             "data-sort": "\(Self.severityRank(f.severity))"], text: Self.severityLabel(f.severity))
            h.element("td", ["class": "area"], text: f.area ?? "—")
            if many {
                h.element("td", ["class": "plancol", "data-sort": String(format: "%04d", entry.planNumber), "title": f.plan]) { h in
                    h.element("span", ["class": "pn"], text: "\(entry.planNumber)")
                    h.text(" " + entry.planLabel)
                }
            }
            if let e = f.evidence.first ?? f.suggestions.first {
                let sort = String(format: "%04d%08d%06d", entry.planNumber, e.line, e.column)
                h.element("td", ["class": "where", "data-sort": sort]) { h in
                    h.element("a", ["href": "#" + entry.id], text: "\(e.line):\(e.column)")
                    if f.evidence.isEmpty { h.element("span", ["class": "muted"], text: " (closest)") }
                }
            } else {
                h.element("td", ["class": "where", "data-sort": "z"], text: "—")
            }
        }
    }

    // MARK: Details

    func details(_ h: inout HTMLBuilder, _ page: Page) {
        h.element("section", ["id": "details"]) { h in
            h.element("h2", text: "Details")
            for entry in page.entries { finding(&h, page, entry) }
        }
    }

    func finding(_ h: inout HTMLBuilder, _ page: Page, _ entry: Page.Entry) {
        let f = entry.finding
        let st = f.status.rawValue
        // Gaps open by default: they are what a drafter reads; covered goals are one click away.
        h.element("details", ["class": "finding f-" + st, "id": entry.id, "open": f.isGap ? "" : nil]) { h in
            h.element("summary") { h in
                h.element("span", ["class": "badge b-" + st, "title": Self.statusMeaning(f.status)], text: st)
                h.element("span", ["class": "sev s-" + f.severity.rawValue + (f.isGap ? "" : " notgap")], text: Self.severityLabel(f.severity))
                if f.kind == .goal { h.element("span", ["class": "gid"], text: f.goal) }
                h.element("span", ["class": "ftitle"], text: f.title)
                if let a = f.area { h.element("span", ["class": "area"], text: a) }
                if report.plans.count > 1 {
                    h.element("span", ["class": "fplan", "title": f.plan], text: "\(entry.planNumber) \(entry.planLabel)")
                }
            }
            h.element("div", ["class": "fbody"]) { h in
                h.element("p", ["class": "message"], text: f.message)
                h.element("div", ["class": "pair"]) { h in
                    h.element("div", ["class": "district"]) { h in
                        h.element("h4", text: f.kind == .retirement ? "Where the plan uses it" : "District plan")
                        if f.evidence.isEmpty {
                            h.element("p", ["class": "none"], text: f.status == .missing ? "Not found in the plan." : "No particular sentence.")
                        } else {
                            h.element("ol", ["class": "evidence"]) { h in
                                for e in f.evidence { evidence(&h, e) }
                            }
                        }
                        if !f.suggestions.isEmpty {
                            h.element("div", ["class": "suggestions"]) { h in
                                h.element("h5", text: "Closest passages — suggestions only, not evidence")
                                h.element("ol", ["class": "evidence"]) { h in
                                    for e in f.suggestions { evidence(&h, e) }
                                }
                            }
                        }
                    }
                    h.element("div", ["class": "city"]) { h in
                        h.element("h4", text: "City")
                        if let c = f.citation {
                            h.element("p", ["class": "doc"]) { h in
                                if let short = c.short, short != c.document {
                                    h.element("b", text: short)
                                    h.text(" · ")
                                }
                                h.text(c.document)
                                if let item = c.item { h.text(Int(item) != nil ? " · item \(item)" : " · \(item)") }
                            }
                            if let q = c.quote { h.element("blockquote", ["class": "quote"], text: q) }
                        } else if f.kind == .retirement {
                            h.element("p", ["class": "none"], text: "A term the city has retired; the message says what to write instead.")
                        } else {
                            h.element("p", ["class": "none"], text: "No citation in the rules.")
                        }
                    }
                }
                h.element("p", ["class": "rulemeta"]) { h in
                    h.text("rule ")
                    h.element("code", text: "\(Self.shortRuleFile(f.rule.file)):\(f.rule.line)")
                    if f.kind == .goal {
                        h.text(" · weight " + Self.number(f.weight))
                        if !f.tags.isEmpty { h.text(" · tags " + f.tags.joined(separator: ", ")) }
                    }
                    if report.plans.count > 1 {
                        h.text(" · plan ")
                        h.element("code", text: f.plan)
                    }
                }
            }
        }
    }

    func evidence(_ h: inout HTMLBuilder, _ e: Evidence) {
        h.element("li") { h in
            let (before, match, after) = Self.split(e)
            let (b, a) = match == nil ? (before, after) : Self.clip(before, after)
            let clipped = b != before || a != after
            // A clipped sentence keeps its whole text in the tooltip.
            h.element("blockquote", ["class": "sentence", "title": clipped ? e.text : nil]) { h in
                h.text(b)
                if let match {
                    h.element("mark", text: match)
                    h.text(a)
                }
            }
            h.element("p", ["class": "where"]) { h in
                h.element("code", ["class": "loc"], text: "\(e.file):\(e.line):\(e.column)")
                if !e.path.isEmpty {
                    h.text(" ")
                    h.element("span", ["class": "path"], text: e.path.joined(separator: " › "))
                }
                if let c = e.commitment { h.element("span", ["class": "tag"], text: c) }
                for q in e.quantities { h.element("span", ["class": "tag qty"], text: q) }
                if let score = e.score { h.element("span", ["class": "tag"], text: "similarity " + String(format: "%.2f", score)) }
                if let x = e.xpath { h.element("code", ["class": "tag"], text: x) }
            }
        }
    }

    // MARK: Footer

    func footer(_ h: inout HTMLBuilder) {
        h.element("footer", ["class": "legend"]) { h in
            h.element("h2", text: "What the statuses mean")
            h.element("dl") { h in
                for st in Status.allCases {
                    h.element("dt") { h in h.element("span", ["class": "badge b-" + st.rawValue], text: st.rawValue) }
                    h.element("dd", text: Self.statusMeaning(st))
                }
            }
            h.element("p", ["class": "muted"], text: "Made by plancheck. The closest passages offered for missing goals are suggestions found by text similarity, not evidence that the goal is carried.")
        }
    }

    // MARK: Small parts

    func bar(_ h: inout HTMLBuilder, _ x: Double, wide: Bool) {
        let pct = Int((min(max(x, 0), 1) * 100).rounded())
        h.element("span", ["class": wide ? "bar wide" : "bar", "role": "img", "aria-label": "\(pct)%"]) { h in
            h.element("span", ["class": "fill " + Self.band(x), "style": "width:\(pct)%"]) { _ in }
        }
    }

    func coverage(_ h: inout HTMLBuilder, _ x: Double) {
        bar(&h, x, wide: false)
        h.element("span", ["class": "num"], text: Self.percent(x))
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)" + (n == 1 ? "" : "s") }

    static func band(_ x: Double) -> String { x >= 0.8 ? "hi" : x >= 0.5 ? "mid" : "lo" }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: "%g", x)
    }

    /// The sentence around its match: the offsets are in Unicode scalars of `text` (as the engine counts);
    /// when they do not fit, the first occurrence of the matched words is used, else nothing is highlighted.
    static func split(_ e: Evidence) -> (String, String?, String) {
        let scalars = Array(e.text.unicodeScalars)
        if let a = e.matchStart, let b = e.matchEnd, a >= 0, a < b, b <= scalars.count {
            return (String(String.UnicodeScalarView(scalars[..<a])), String(String.UnicodeScalarView(scalars[a..<b])),
                    String(String.UnicodeScalarView(scalars[b...])))
        }
        if let m = e.match, !m.isEmpty, let r = e.text.rangeOfPhrase(m) {
            return (String(e.text[..<r.lowerBound]), String(e.text[r]), String(e.text[r.upperBound...]))
        }
        return (e.text, nil, "")
    }

    /// The context of a match in a long sentence: whole paragraphs read as one sentence in some plans,
    /// and a retired term used five times in one would repeat it five times.
    static func clip(_ before: String, _ after: String, keepBefore: Int = 90, keepAfter: Int = 150) -> (String, String) {
        let b = Array(before.unicodeScalars), a = Array(after.unicodeScalars)
        guard b.count + a.count > keepBefore + keepAfter + 40 else { return (before, after) }
        let nb = b.count > keepBefore ? "…" + String(String.UnicodeScalarView(b.suffix(keepBefore))) : before
        let na = a.count > keepAfter ? String(String.UnicodeScalarView(a.prefix(keepAfter))) + "…" : after
        return (nb, na)
    }

    /// The rule file without the folders above it: the bundled rules live under a build folder whose
    /// path differs per machine and says nothing to a reader.
    static func shortRuleFile(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.suffix(2).joined(separator: "/")
    }

    static func severityLabel(_ s: Severity) -> String {
        switch s {
        case .error: "✖ error"
        case .warning: "⚠ warning"
        case .info: "ℹ info"
        }
    }

    static func severityRank(_ s: Severity) -> Int {
        Severity.allCases.filter { $0 > s }.count
    }

    /// What a status means, for tooltips and the legend.
    static func statusMeaning(_ status: Status) -> String {
        switch status {
        case .covered: "carried as a commitment: named and committed to with a quantity, a deadline or a commitment verb"
        case .weak: "mentioned, but never committed to (only in passing, in the review of the past, the vision or the glossary)"
        case .missing: "not found anywhere in scope; the closest passages, if any, are suggestions"
        case .conflicting: "committed to less than the city asks, a later year, or the wrong unit"
        case .outdated: "uses a term the city has retired"
        case .notApplicable: "the goal is for other places (applies 醴陵市…): not checked in this plan, and left out of coverage"
        }
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; script-src '\(scriptHash)'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// `sha256-…` of the inline script, as CSP wants it (base64 of the digest).
    static let scriptHash: String = {
        let hex = Array(Digest.sha256Hex(Array(HTMLBuilder.string(script).utf8)).utf8)
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        let bytes = stride(from: 0, to: hex.count, by: 2).map { nibble(hex[$0]) << 4 | nibble(hex[$0 + 1]) }
        return "sha256-" + Data(bytes).base64EncodedString()
    }()
}
