import Alignment
import Foundation
import Localization
import Quantities
import RuleLanguage

/// The report a city reviewer sends around: one self-contained HTML page (inline CSS and script, no
/// network) with the coverage, a filterable table of goals, the evidence for each, and for several plans
/// a goals × plans matrix.
///
/// The page carries every label and message in both languages and opens in `language`; its 中文 / English
/// switch (`LanguageSwitch`) swaps them in place.
///
/// The output depends only on the report, `generatedAt` and `language`: the same inputs give the same bytes.
public struct HTMLReport: Sendable {
    public var report: CheckReport
    /// When the report was made; shown in the header. Nil leaves the time out.
    public var generatedAt: Date?
    /// The language the page opens in.
    public var language: Language

    public init(report: CheckReport, generatedAt: Date?, language: Language = .en) {
        self.report = report
        self.generatedAt = generatedAt
        self.language = language
    }

    /// The whole page.
    public func render() -> String {
        let page = Page(report: report)
        // Defence in depth: even if some text slipped through unescaped, the browser would run only the one
        // script whose hash is in the policy (no inline event handlers) and would load nothing from anywhere.
        return HTMLBuilder.page(title: "plancheck · " + (report.rules.title ?? report.rules.path), language: language,
                                contentSecurityPolicy: Self.contentSecurityPolicy, styles: [Self.css, LanguageSwitch.css],
                                scripts: [LanguageSwitch.script, Self.script]) { h in
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
            LanguageSwitch.buttons(&h)
            h.element("p", ["class": "brand"], say: L("plancheck · alignment report", "plancheck · 规划衔接检查报告"))
            h.element("h1", text: report.rules.title ?? report.rules.path)
            h.element("dl", ["class": "meta"]) { h in
                h.element("dt", say: L("Rules", "规则"))
                h.element("dd") { h in h.element("code", text: report.rules.path) }
                if let period = report.rules.period {
                    h.element("dt", say: L("Period", "规划期"))
                    h.element("dd", text: period.replacingOccurrences(of: "..", with: "–"))
                }
                h.element("dt", say: L("Rules SHA-256", "规则 SHA-256"))
                h.element("dd") { h in h.element("code", ["class": "hash"], text: report.rules.hash) }
                if let at = generatedAt {
                    let stamp = Self.timestamp(at)
                    let time = stamp.dropFirst(11).replacingOccurrences(of: "Z", with: " UTC")
                    let date = String(stamp.prefix(10))
                    h.element("dt", say: L("Generated", "生成时间"))
                    h.element("dd") { h in
                        h.element("time", ["datetime": stamp], say: L(date + " " + time, Language.zh.date(date) + " " + time))
                    }
                }
            }
            // Scrolls on its own on a phone, so the page does not.
            h.element("div", ["class": "scroll"]) { h in
            h.element("table", ["class": "plans"]) { h in
                let n = report.plans.count
                h.element("caption", say: n == 1 ? L("Plan checked", "检查的规划") : L("\(n) plans checked", "检查的规划（\(n) 个）"))
                h.element("thead") { h in
                    h.element("tr") { h in
                        for c in [L("#"), L("Plan file", "规划文件"), L("Title", "标题"), Word.coverage.both.capitalized,
                                  L("Sentences", "句数"), L("Encoding", "编码"), L("SHA-256")] {
                            h.element("th", ["scope": "col"], say: c)
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
    }

    // MARK: Summary

    func summary(_ h: inout HTMLBuilder, _ page: Page) {
        let s = report.summary
        h.element("section", ["id": "summary"]) { h in
            h.element("h2", say: L("Summary", "概况"))
            h.element("div", ["class": "cards"]) { h in
                h.element("div", ["class": "card overall"]) { h in
                    h.element("div", ["class": "label"], say: report.plans.count > 1 ? L("Coverage, all plans", "衔接率（全部规划）") : Word.coverage.both.capitalized)
                    h.element("div", ["class": "big"], text: Self.percent(s.coverage))
                    bar(&h, s.coverage, wide: true)
                    let plans = report.plans.count
                    let goals = page.goalCount
                    h.element("div", ["class": "note"], say: L(
                        "\(goals) goal\(goals == 1 ? "" : "s")" + (plans > 1 ? " × \(plans) plans" : "") + " · covered 1, weak or conflicting ½, missing 0, weighted",
                        "\(goals) 个目标" + (plans > 1 ? " × \(plans) 个规划" : "") + " · 按权重计：已衔接计 1，表述偏弱或不一致计 ½，缺失计 0"))
                }
                h.element("div", ["class": "card counts"]) { h in
                    h.element("div", ["class": "label"], say: L("Findings by status", "各状态的检查结果"))
                    h.element("ul", ["class": "chips"]) { h in
                        for status in Page.statusesBySeriousness {
                            h.element("li", ["class": "chip b-" + status.rawValue], localized: ["title": Self.statusMeaning(status)]) { h in
                                h.element("b", text: "\(s.counts[status.rawValue] ?? 0)")
                                h.text(" ")
                                h.say(status.word.both)
                            }
                        }
                    }
                }
                h.element("div", ["class": "card areas"]) { h in
                    h.element("div", ["class": "label"], say: L("Coverage by area", "分领域衔接率"))
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
            h.element("h2", say: L("Goals × plans", "目标 × 规划"))
            h.element("p", ["class": "hint"], say: L(
                "Each cell is the status of the goal in that plan and links to its evidence. The last column is the share of plans that cover the goal; the footer gives each plan's coverage.",
                "每格是该目标在该规划中的状态，点击可看依据。最后一列是已衔接该目标的规划所占比例；表尾是各规划的衔接率。"))
            h.element("div", ["class": "scroll"]) { h in
                h.element("table", ["class": "matrix"]) { h in
                    h.element("thead") { h in
                        h.element("tr") { h in
                            h.element("th", ["scope": "col"], say: L("Goal", "目标"))
                            for (i, plan) in report.plans.enumerated() {
                                h.element("th", ["scope": "col", "class": "plan", "title": plan.title.map { plan.file + " — " + $0 } ?? plan.file]) { h in
                                    h.element("span", ["class": "pn"], text: "\(i + 1)")
                                    h.text(" " + page.planLabels[i])
                                }
                            }
                            h.element("th", ["scope": "col"], say: L("Plans covering", "已衔接的规划"))
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
                                    h.say(row.title)
                                    if let a = row.area { h.element("span", ["class": "area"], text: a) }
                                }
                                var covering = 0, using = 0
                                for plan in report.plans {
                                    if let entry = page.entry(goal: row.goal, kind: row.kind, plan: plan.file) {
                                        let st = entry.finding.status.rawValue
                                        if entry.finding.status == .covered { covering += 1 }
                                        if entry.finding.status == .outdated { using += 1 }
                                        h.element("td", ["class": "cell c-" + st], localized: ["title": Self.statusMeaning(entry.finding.status)]) { h in
                                            h.element("a", ["href": "#" + entry.id], say: entry.finding.status.word.both)
                                        }
                                    } else {
                                        h.element("td", ["class": "cell c-none"],
                                                  localized: ["title": row.kind == .retirement ? L("not used", "未使用") : L("not checked", "未检查")], text: "—")
                                    }
                                }
                                let n = report.plans.count
                                if row.kind == .goal {
                                    h.element("td", ["class": "share"]) { h in
                                        bar(&h, Double(covering) / Double(n), wide: false)
                                        h.element("span", ["class": "num"], text: "\(covering)/\(n)")
                                    }
                                } else {
                                    h.element("td", ["class": "share"], say: L("used in \(using)/\(n)", "\(using)/\(n) 个规划使用"))
                                }
                            }
                        }
                    }
                    h.element("tfoot") { h in
                        h.element("tr") { h in
                            h.element("th", ["scope": "row"], say: Word.coverage.both.capitalized)
                            for plan in report.plans {
                                h.element("td", ["class": "cov"]) { h in coverage(&h, page.summary(of: plan.file).coverage) }
                            }
                            h.element("td", ["class": "cov"]) { h in coverage(&h, report.summary.coverage) }
                        }
                        h.element("tr") { h in
                            h.element("th", ["scope": "row"], say: L("Gaps", "问题数"))
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
            h.element("h2", say: L("Goals", "目标"))
            // The controls only work with the script, which shows them; without it every row is visible.
            h.element("form", ["id": "filters", "class": "controls", "role": "search"]) { h in
                h.element("label") { h in
                    h.say(L("Status", "状态"))
                    h.text(" ")
                    h.element("select", ["name": "status"]) { h in
                        h.element("option", ["value": ""], say: Self.all)
                        h.element("option", ["value": "gaps"], say: L("gaps (not covered)", "问题（未衔接）"))
                        for st in page.statuses { h.element("option", ["value": st.rawValue], say: st.word.both) }
                    }
                }
                h.element("label") { h in
                    h.say(L("Severity", "严重程度"))
                    h.text(" ")
                    h.element("select", ["name": "severity"]) { h in
                        h.element("option", ["value": ""], say: Self.all)
                        for sev in Severity.allCases.sorted(by: >) { h.element("option", ["value": sev.rawValue], say: sev.word.both) }
                    }
                }
                h.element("label") { h in
                    h.say(Word.area.both.capitalized)
                    h.text(" ")
                    h.element("select", ["name": "area"]) { h in
                        h.element("option", ["value": ""], say: Self.all)
                        for a in page.areas { h.element("option", ["value": a], say: a == Page.noArea ? L("(none)", "（无）") : L(a)) }
                    }
                }
                if many {
                    h.element("label") { h in
                        h.say(L("Plan", "规划"))
                        h.text(" ")
                        h.element("select", ["name": "plan"]) { h in
                            h.element("option", ["value": ""], say: Self.all)
                            for (i, label) in page.planLabels.enumerated() {
                                h.element("option", ["value": "\(i + 1)"], text: "\(i + 1) \(label)")
                            }
                        }
                    }
                }
                h.element("label", ["class": "q"]) { h in
                    h.say(L("Text", "搜索"))
                    h.text(" ")
                    h.void("input", ["type": "search", "name": "q", "autocomplete": "off"],
                           localized: ["placeholder": L("id, title, sentence…", "编号、标题、句子…")])
                }
                h.element("button", ["type": "reset"], say: L("Clear", "清除"))
                h.element("button", ["type": "button", "id": "expand-all"], say: L("Open all", "全部展开"))
                h.element("button", ["type": "button", "id": "collapse-all"], say: L("Close all", "全部收起"))
            }
            // The script rewrites this line as filters change, in the page's language.
            h.element("p", ["class": "shown", "id": "shown", "aria-live": "polite"], text: Self.findings(page.entries.count).text(language))
            h.element("div", ["class": "scroll"]) { h in
                h.element("table", ["id": "goal-table", "class": "goals"]) { h in
                    h.element("thead") { h in
                        h.element("tr") { h in
                            // `data-key` names the column for `?sort=`, the same in every language.
                            var cols: [(StaticString, LocalizedText)] = [("id", L("ID", "编号")), ("goal", L("Goal", "目标")),
                                                                        ("status", L("Status", "状态")), ("severity", L("Severity", "严重程度")),
                                                                        ("area", Word.area.both.capitalized)]
                            if many { cols.append(("plan", L("Plan", "规划"))) }
                            cols.append(("where", L("Where", "位置")))
                            for (key, label) in cols {
                                h.element("th", ["scope": "col", "data-key": HTMLBuilder.string(key)]) { h in h.say(label) }
                            }
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
                if f.kind == .goal { h.text(f.goal) } else { h.element("span", ["class": "muted"], say: L("retired", "停用")) }
            }
            h.element("td", ["class": "title", "data-sort": f.title]) { h in
                h.element("a", ["href": "#" + entry.id], say: Self.title(f))
                h.element("div", ["class": "msg"], say: Self.message(f))
            }
            h.element("td", ["data-sort": "\(f.status.seriousness)"]) { h in
                h.element("span", ["class": "badge b-" + st], localized: ["title": Self.statusMeaning(f.status)], say: f.status.word.both)
            }
            h.element("td", ["class": "sev s-" + f.severity.rawValue + (f.isGap ? "" : " notgap"),
                             "data-sort": "\(Self.severityRank(f.severity))"], say: Self.severityLabel(f.severity))
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
                    if f.evidence.isEmpty { h.element("span", ["class": "muted"], say: L(" (closest)", "（相近）")) }
                }
            } else {
                h.element("td", ["class": "where", "data-sort": "z"], text: "—")
            }
        }
    }

    // MARK: Details

    func details(_ h: inout HTMLBuilder, _ page: Page) {
        h.element("section", ["id": "details"]) { h in
            h.element("h2", say: L("Details", "详情"))
            for entry in page.entries { finding(&h, page, entry) }
        }
    }

    func finding(_ h: inout HTMLBuilder, _ page: Page, _ entry: Page.Entry) {
        let f = entry.finding
        let st = f.status.rawValue
        // Gaps open by default: they are what a drafter reads; covered goals are one click away.
        h.element("details", ["class": "finding f-" + st, "id": entry.id, "open": f.isGap ? "" : nil]) { h in
            h.element("summary") { h in
                h.element("span", ["class": "badge b-" + st], localized: ["title": Self.statusMeaning(f.status)], say: f.status.word.both)
                h.element("span", ["class": "sev s-" + f.severity.rawValue + (f.isGap ? "" : " notgap")], say: Self.severityLabel(f.severity))
                if f.kind == .goal { h.element("span", ["class": "gid"], text: f.goal) }
                h.element("span", ["class": "ftitle"], say: Self.title(f))
                if let a = f.area { h.element("span", ["class": "area"], text: a) }
                if report.plans.count > 1 {
                    h.element("span", ["class": "fplan", "title": f.plan], text: "\(entry.planNumber) \(entry.planLabel)")
                }
            }
            h.element("div", ["class": "fbody"]) { h in
                h.element("p", ["class": "message"], say: Self.message(f))
                h.element("div", ["class": "pair"]) { h in
                    h.element("div", ["class": "district"]) { h in
                        h.element("h4", say: f.kind == .retirement ? L("Where the plan uses it", "规划中的用处") : L("District plan", "区级规划"))
                        if f.evidence.isEmpty {
                            h.element("p", ["class": "none"], say: f.status == .missing ? L("Not found in the plan.", "规划中未找到。")
                                                                                        : L("No particular sentence.", "没有具体的句子。"))
                        } else {
                            h.element("ol", ["class": "evidence"]) { h in
                                for e in f.evidence { evidence(&h, e) }
                            }
                        }
                        if !f.suggestions.isEmpty {
                            h.element("div", ["class": "suggestions"]) { h in
                                h.element("h5", say: L("Closest passages — suggestions only, not evidence", "相近表述（仅供参考，不作为依据）"))
                                h.element("ol", ["class": "evidence"]) { h in
                                    for e in f.suggestions { evidence(&h, e) }
                                }
                            }
                        }
                    }
                    h.element("div", ["class": "city"]) { h in
                        h.element("h4", say: L("City", Word.citySentence.text(.zh)))
                        if let c = f.citation {
                            h.element("p", ["class": "doc"]) { h in
                                if let short = c.short, short != c.document {
                                    h.element("b", text: short)
                                    h.text(" · ")
                                }
                                h.text(c.document)
                                if let item = c.item { h.say(Int(item) != nil ? L(" · item \(item)", " · 第\(item)项") : L(" · \(item)")) }
                            }
                            if let q = c.quote { h.element("blockquote", ["class": "quote"], text: q) }
                        } else if f.kind == .retirement {
                            h.element("p", ["class": "none"], say: L("A term the city has retired; the message says what to write instead.",
                                                                     "上级已停用的表述；说明中写有应改用的说法。"))
                        } else {
                            h.element("p", ["class": "none"], say: L("No citation in the rules.", "规则中没有注明上级依据。"))
                        }
                    }
                }
                h.element("p", ["class": "rulemeta"]) { h in
                    h.say(L("rule ", "规则 "))
                    h.element("code", text: "\(Self.shortRuleFile(f.rule.file)):\(f.rule.line)")
                    if f.kind == .goal {
                        h.say(L(" · weight ", " · 权重 ") + L(Self.number(f.weight)))
                        if !f.tags.isEmpty { h.say(L(" · tags " + f.tags.joined(separator: ", "), " · 标签 " + f.tags.joined(separator: "、"))) }
                    }
                    if report.plans.count > 1 {
                        h.say(L(" · plan ", " · 规划 "))
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
                if let c = e.commitmentDescription { h.element("span", ["class": "tag"], say: c) }
                for q in e.quantities { h.element("span", ["class": "tag qty"], text: q) }
                if let score = e.score {
                    let x = String(format: "%.2f", score)
                    h.element("span", ["class": "tag"], say: L("similarity " + x, "相似度 " + x))
                }
                if let x = e.xpath { h.element("code", ["class": "tag"], text: x) }
            }
        }
    }

    // MARK: Footer

    func footer(_ h: inout HTMLBuilder) {
        h.element("footer", ["class": "legend"]) { h in
            h.element("h2", say: L("What the statuses mean", "状态说明"))
            h.element("dl") { h in
                for st in Status.allCases {
                    h.element("dt") { h in h.element("span", ["class": "badge b-" + st.rawValue], say: st.word.both) }
                    h.element("dd", say: Self.statusMeaning(st))
                }
            }
            h.element("p", ["class": "muted"], say: L(
                "Made by plancheck. The closest passages offered for missing goals are suggestions found by text similarity, not evidence that the goal is carried.",
                "由 plancheck 生成。为缺失目标列出的相近表述是按文字相似度找到的，仅供参考，不能说明规划已衔接该目标。"))
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

    static func severityRank(_ s: Severity) -> Int {
        Severity.allCases.filter { $0 > s }.count
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; script-src \(LanguageSwitch.hash(LanguageSwitch.script)) \(LanguageSwitch.hash(script)); img-src data:; base-uri 'none'; form-action 'none'"
    }
}
