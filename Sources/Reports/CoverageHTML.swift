import Alignment
import DocumentModel
import Foundation
import Localization

/// `plancheck rules coverage --format html`: the city document itself, each commitment marked by its state
/// (target, checked, set aside, unchecked), the goals that check it on hover, and a list below to click
/// through to. One self-contained page whose only script is the 中文 / English switch: the marks are links and
/// tooltips.
public struct CoverageHTML {
    public let report: CoverageReport
    public let document: PlanDocument
    /// The commitments with their checks, in the order of `report.commitments`.
    public let coverage: [CommitmentCoverage]
    /// The language the page opens in (it carries both).
    public let language: Language

    public init(report: CoverageReport, document: PlanDocument, coverage: [CommitmentCoverage], language: Language = .en) {
        self.report = report
        self.document = document
        self.coverage = coverage
        self.language = language
    }

    /// The states in the order the legend and the figures give them, with what each means.
    static let states: [(CommitmentCoverage.State, LocalizedText)] = [
        (.target, L("a target compares its figure", "有目标比对其数字")),
        (.checked, L("a rule checks it", "有规则检查")),
        (.uncheckable, L("set aside: no rule can check it by text (the reason is given)", "列为不可检查：无法按文字检查（注明理由）")),
        (.unchecked, L("no rule checks it", "没有规则检查")),
    ]

    /// A state's name.
    static func word(_ state: CommitmentCoverage.State) -> LocalizedText {
        switch state {
        case .target: L("target", "目标值比对")
        case .checked: L("checked", "已检查")
        case .uncheckable: L("uncheckable", "不可检查")
        case .unchecked: L("unchecked", "未检查")
        }
    }

    public func render() -> String {
        let name = report.sourceTitle.map { "《\($0)》" } ?? report.source
        // Nothing loads and nothing runs but the language switch: the page is text, marks, links and one stylesheet.
        return HTMLBuilder.page(title: "plancheck · rules coverage · " + name, language: language,
                                contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; script-src \(LanguageSwitch.hash(LanguageSwitch.script)); base-uri 'none'; form-action 'none'",
                                styles: [Self.css, LanguageSwitch.css], scripts: [LanguageSwitch.script]) { h in
            header(&h, name)
            figures(&h)
            text(&h)
            list(&h)
            problems(&h)
        }
    }

    // MARK: Parts

    func header(_ h: inout HTMLBuilder, _ name: String) {
        h.element("header") { h in
            LanguageSwitch.buttons(&h)
            h.element("h1", say: L("Rules coverage of " + name, "规则对\(name)的覆盖"))
            let goals = report.citingGoals, n = report.total.commitments
            h.element("p", ["class": "muted"], say: L("\(report.rules) · \(report.source) · ") + L(
                "\(goals) goal\(goals == 1 ? "" : "s") cite\(goals == 1 ? "s" : "") it · \(n) commitments",
                "\(goals) 个目标引用该文件 · \(n) 项承诺"))
            let t = report.total
            h.element("p", ["class": "big", "id": "total"]) { h in
                h.element("strong", text: String(format: "%.0f%%", t.percent))
                let counted = t.commitments - t.uncheckable
                h.say(L(" checked: \(t.checked) of \(counted) commitments (\(t.uncheckable) set aside), \(t.figuresWithTarget) of \(t.figures) figures compared by a target",
                        " 已检查：\(counted) 项承诺中检查了 \(t.checked) 项（另有 \(t.uncheckable) 项列为不可检查），\(t.figures) 个数字中 \(t.figuresWithTarget) 个有目标比对"))
            }
            h.element("ul", ["class": "legend"]) { h in
                for (state, meaning) in Self.states {
                    h.element("li") { h in
                        h.element("span", ["class": "cm s-" + state.rawValue], say: Self.word(state))
                        h.text(" ")
                        h.say(meaning)
                    }
                }
            }
        }
    }

    func figures(_ h: inout HTMLBuilder) {
        h.element("table", ["class": "figures"]) { h in
            h.element("thead") { h in
                h.element("tr") { h in
                    for (en, zh) in zip(CoverageReport.header, CoverageReport.chineseHeader) {
                        h.element("th", say: L(en, zh))
                    }
                }
            }
            h.element("tbody") { h in
                for t in report.parts + [report.total] {
                    let cells = report.row(t)
                    h.element("tr", ["class": t.part == nil ? "all" : nil]) { h in
                        h.element("th", ["scope": "row"], say: t.part == nil ? L("all", "合计") : L(cells[0]))
                        for v in cells.dropFirst() { h.element("td", ["class": "num"], text: v) }
                    }
                }
            }
        }
    }

    /// The document, sentence by sentence: headings as headings, a paragraph per source line, each
    /// commitment's clause a mark linking to its entry below.
    func text(_ h: inout HTMLBuilder) {
        var byIndex: [Int: [Int]] = [:]   // sentence → the commitments in it, in clause order
        for (k, c) in coverage.enumerated() { byIndex[c.commitment.sentence, default: []].append(k) }
        let review = ReviewSections.flags(for: document)
        var depth = [Int](repeating: 0, count: document.allSections.count)
        func walk(_ sections: [Section], _ d: Int) { for s in sections { depth[s.id] = d; walk(s.children, d + 1) } }
        walk(document.sections, 0)
        h.element("main", ["class": "doc"]) { h in
            var line: Int?   // the source line of the open paragraph
            func closeParagraph(_ h: inout HTMLBuilder) {
                if line != nil { h.close("p") }
                line = nil
            }
            for (i, s) in document.sentences.enumerated() {
                if s.isHeading {
                    closeParagraph(&h)
                    let section = s.section.map { document.allSections[$0] }
                    let label = section.map { $0.label + ($0.label.isEmpty ? "" : " ") } ?? ""
                    let headingText = label + document.text(of: s)
                    let marked = s.section.map { review[$0] } ?? false
                    let attributes: KeyValuePairs<StaticString, String?> = ["class": marked ? "review" : nil]
                    let title: KeyValuePairs<StaticString, LocalizedText?> = [
                        "title": marked ? L("review or background: holds no commitments", "回顾或背景：不含承诺") : nil]
                    if (s.section.map { depth[$0] } ?? 0) == 0 {
                        h.element("h2", attributes, localized: title, text: headingText)
                    } else {
                        h.element("h3", attributes, localized: title, text: headingText)
                    }
                    continue
                }
                if line != s.line {
                    closeParagraph(&h)
                    let marked = s.section.map { review[$0] } ?? false
                    h.open("p", ["class": marked ? "review" : nil])
                    line = s.line
                }
                sentence(&h, i, commitments: byIndex[i] ?? [])
            }
            closeParagraph(&h)
        }
    }

    func sentence(_ h: inout HTMLBuilder, _ i: Int, commitments: [Int]) {
        let scalars = Array(document.scalars(of: document.sentences[i]))
        func plain(_ r: Range<Int>) { if !r.isEmpty { h.text(String(String.UnicodeScalarView(scalars[r]))) } }
        var at = 0
        for k in commitments {
            let c = coverage[k]
            let r = max(at, c.commitment.range.lowerBound)..<min(scalars.count, c.commitment.range.upperBound)
            guard !r.isEmpty else { continue }
            plain(at..<r.lowerBound)
            h.element("a", ["class": "cm s-" + c.state.rawValue, "href": "#c\(k + 1)", "id": "t\(k + 1)"], localized: ["title": tooltip(c)],
                      text: String(String.UnicodeScalarView(scalars[r])))
            at = r.upperBound
        }
        plain(at..<scalars.count)
    }

    /// What hovering a mark says: its state, and the goals that check it or the reason it is set aside.
    func tooltip(_ c: CommitmentCoverage) -> LocalizedText {
        var tip = Self.word(c.state) + L(" · ") + kinds(c)
        if !c.checks.isEmpty { tip = tip + L("\ngoals " + c.goals.joined(separator: ", "), "\n目标 " + c.goals.joined(separator: "、")) }
        if c.state == .uncheckable, let r = c.setAside { tip = tip + L("\nset aside: ", "\n不可检查的理由：") + L(r) }
        return tip
    }

    /// Why the clause counts as a commitment: `quantity+name`, `数字+名称`.
    func kinds(_ c: CommitmentCoverage) -> LocalizedText {
        L(c.commitment.kinds.map(\.rawValue).joined(separator: "+"), c.commitment.kinds.map(\.chinese).joined(separator: "+"))
    }

    /// Every commitment with its place, state and the clauses that check it, each an anchor the marks link to.
    func list(_ h: inout HTMLBuilder) {
        h.element("section", ["class": "list"]) { h in
            h.element("h2", say: L("Commitments (\(coverage.count))", "承诺（\(coverage.count) 项）"))
            h.element("ol") { h in
                for (k, c) in coverage.enumerated() {
                    h.element("li", ["id": "c\(k + 1)", "class": "s-" + c.state.rawValue]) { h in
                        h.element("a", ["class": "cm s-" + c.state.rawValue, "href": "#t\(k + 1)"], say: Self.word(c.state))
                        let item = c.commitment.item.map { L(" item \($0)", " 第\($0)项") } ?? L("")
                        let at = L(" \(report.source):\(c.commitment.line):\(c.commitment.column)" + (c.commitment.part.map { " " + $0 } ?? ""))
                        h.element("span", ["class": "muted"], say: at + item + L(" [") + kinds(c) + L("] "))
                        h.text(c.commitment.text)
                        if !c.checks.isEmpty {
                            h.element("ul") { h in
                                for check in c.checks {
                                    h.element("li", say: L("goal \(check.goal)", "目标 \(check.goal)") + L(" · \(check.file):\(check.line)")
                                        + (check.target ? L(" · target", " · 目标值比对") : L("")))
                                }
                            }
                        } else if c.state == .uncheckable, let r = c.setAside {
                            h.element("p", ["class": "reason"], say: L("set aside: ", "不可检查的理由：") + L(r))
                        }
                    }
                }
            }
        }
    }

    func problems(_ h: inout HTMLBuilder) {
        guard !report.citations.isEmpty else { return }
        h.element("section", ["class": "problems"]) { h in
            let n = report.citations.count
            h.element("h2", say: L("Citations that do not fit the document (\(n))", "与文件不符的引文（\(n)）"))
            h.element("ul") { h in
                for c in report.citations {
                    h.element("li", say: L("\(c.file):\(c.line):\(c.column) ") + c.explanation)
                }
            }
        }
    }

    static let css: StaticString = """
        :root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;
        --target:#116329;--target-bg:#d2f4dc;--checked:#0550ae;--checked-bg:#ddf4ff;
        --uncheckable:#57606a;--uncheckable-bg:#eaeef2;--unchecked:#a40e26;--unchecked-bg:#ffdce0}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;
        --target:#7ee2a8;--target-bg:#033a16;--checked:#9cd3ff;--checked-bg:#0c2d6b;--uncheckable:#b7bdc8;
        --uncheckable-bg:#262c36;--unchecked:#ffaba8;--unchecked-bg:#5d0f12}}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.8 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",sans-serif}
        .wrap{max-width:60rem;margin:0 auto;padding:1rem 1.25rem 4rem}
        h1{font-size:1.5rem;line-height:1.4;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .25rem}
        .muted{color:var(--muted)}.big{font-size:1.1rem}.big strong{font-size:1.6rem;margin-right:.25rem}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;font-size:.9rem}
        table.figures{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
        .figures th,.figures td{border-bottom:1px solid var(--line);padding:.2rem .6rem;text-align:left}
        .figures td.num{text-align:right;font-variant-numeric:tabular-nums}.figures tr.all{font-weight:600}
        .doc p{margin:.5rem 0}.review{color:var(--muted)}
        a.cm{text-decoration:none;border-radius:3px;padding:0 .1rem;color:inherit}
        .cm.s-target{color:var(--target);background:var(--target-bg)}
        .cm.s-checked{color:var(--checked);background:var(--checked-bg)}
        .cm.s-uncheckable{color:var(--uncheckable);background:var(--uncheckable-bg);text-decoration:line-through dotted}
        .cm.s-unchecked{color:var(--unchecked);background:var(--unchecked-bg);font-weight:600}
        a.cm:hover,a.cm:focus{outline:2px solid currentColor}
        .list ol{padding-left:2.5rem}.list li{margin:.35rem 0}.list li:target{background:var(--checked-bg)}
        .list ul{margin:.1rem 0;font-size:.9rem;color:var(--muted)}.reason{margin:.1rem 0;font-size:.9rem;color:var(--muted)}
        """
}
