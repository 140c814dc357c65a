import Alignment
import Foundation
import Testing
import DocumentModel
@testable import Reports

@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        ("plain 文字", "plain 文字"),
        ("a & b", "a &amp; b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("it's", "it&#39;s"),
        ("&amp;", "&amp;amp;"),
        ("nul\u{0}bell\u{7}del\u{7F}c1\u{85}", "nulbelldelc1"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
        ("non\u{FFFE}char\u{FFFF}", "nonchar"),
    ])
    func escapesTextAndAttributeCharacters(_ input: String, _ expected: String) {
        #expect(MarkupEscape.escape(input) == expected)
    }

    @Test func builderEscapesTextAndAttributeValues() {
        var h = HTMLBuilder()
        h.element("p", ["title": "\"><img src=x onerror=alert(1)>", "data-x": "'a'", "hidden": "", "class": nil],
                  text: "<script>alert(1)</script>")
        #expect(h.html == "<p title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\" data-x=\"&#39;a&#39;\" hidden>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
        #expect(h.isBalanced)
        h.open("div")
        #expect(!h.isBalanced)
    }

    @Test func anchorsAreMadeOfSafeCharacters() {
        #expect(Page.slug("5.1") == "5.1")
        #expect(Page.slug("A-1_b") == "A-1_5fb")
        #expect(Page.slug("retire:十九大") == "retire_3a_5341_4e5d_5927")
        #expect(Page.slug("\"><img>") == "_22_3e_3cimg_3e")
        #expect(Page.slug("") == "_")
        // Different ids give different anchors: `_` itself is encoded, so `a_b` and `a b` differ.
        #expect(Page.slug("a_b") != Page.slug("a b"))
    }

    @Test func highlightOffsetsCountUnicodeScalars() {
        // The engine's offsets are in scalars of the sentence: 𠀀 is one scalar but two UTF-16 units.
        let e = Evidence(file: "p.txt", line: 1, column: 1, path: [], text: "𠀀到2030年研发投入强度达到3.5%",
                         match: "研发投入强度", matchStart: 7, matchEnd: 13)
        let (before, match, after) = HTMLReport.split(e)
        #expect(before == "𠀀到2030年")
        #expect(match == "研发投入强度")
        #expect(after == "达到3.5%")
        // Offsets that do not fit fall back to the first occurrence of the match.
        var bad = e
        bad.matchStart = 20
        bad.matchEnd = 99
        #expect(HTMLReport.split(bad).1 == "研发投入强度")
        bad.match = nil
        #expect(HTMLReport.split(bad).1 == nil)
    }

    // MARK: A hostile plan and hostile rules, end to end

    static let script = "<script>alert(1)</script>"
    static let image = "\"><img src=x onerror=alert(1)>"

    static let hostileRules = #"""
    ruleset "<script>alert(1)</script> \"><img src=x onerror=alert(1)>" {
      source 建议 = "\"><img src=x onerror=alert(2)>" published 2025-12-23
      period 2026..2030
    }
    term 幸福 = "幸福株洲"
    goal "x\"><img src=x onerror=alert(3)>" "<script>alert(1)</script> 建设幸福株洲" {
      cite 建议 item 5 "'><svg onload=alert(5)> \"><img src=x onerror=alert(1)>"
      require commitment 幸福
    }
    goal 2 "missing <b>goal</b>" {
      require mention "党建引领<基层>治理"
    }
    retire "<script>" use "\"><img src=x onerror=alert(1)>"
    """#

    static let hostilePlan = """
    第一章 <script>alert(1)</script>
    到2030年，建设幸福株洲<script>alert(1)</script>，确保"><img src=x onerror=alert(1)>实现。
    党建引领'><svg onload=alert(5)>基层。

    """

    func hostilePage() throws -> String {
        let rules = try loadRules(source: Self.hostileRules)
        let report = try makeReport(rules, rulesPath: "rules/\(Self.image).rules",
                                    [PlanInput(file: "\(Self.image).txt", text: Self.hostilePlan),
                                     PlanInput(file: "\(Self.script).txt", text: Self.hostilePlan)])
        // The engine must have read the markup as text, or the test would prove nothing.
        let goal = try #require(report.findings.first { $0.title.contains("建设幸福株洲") && $0.plan.hasSuffix(".txt") })
        #expect(goal.status == .covered)
        #expect(goal.evidence.contains { $0.text.contains("<script>alert(1)</script>") && $0.text.contains(Self.image) })
        #expect(report.findings.contains { $0.status == .outdated })
        return HTMLReport(report: report, generatedAt: fixedTime).render()
    }

    @Test func hostileTextIsShownAsText() throws {
        let html = try hostilePage()
        // The raw sequences never appear; only our one script element does.
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("<b>goal"))
        #expect(!html.contains("<基层>"))
        #expect(!html.contains("\"><img"))
        #expect(!html.contains("'><svg"))
        #expect(html.occurrences(of: "<script") == 2)   // our two: the language switch and the table's
        // They are there, escaped: in text (sentence, title, citation, file name) and in attributes.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&#39;&gt;&lt;svg onload=alert(5)&gt;"))
        #expect(html.contains("<title>plancheck · &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</title>"))
        #expect(html.contains("title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt\""))
        // The matched words are still highlighted inside the hostile sentence.
        #expect(html.contains("建设<mark>幸福株洲</mark>&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<mark>&lt;script&gt;</mark>"))
    }

    /// Every tag in the page is one the report writes, with attributes it writes, values quoted.
    @Test func hostilePageHasOnlyTheReportsOwnMarkup() throws {
        let html = try hostilePage()
        let tags: Set<String> = [
            "html", "head", "meta", "title", "style", "body", "div", "header", "p", "h1", "h2", "h4", "h5", "dl",
            "dt", "dd", "code", "time", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "span",
            "section", "ul", "li", "b", "form", "label", "select", "option", "input", "button", "a", "details",
            "summary", "ol", "blockquote", "mark", "footer", "script",
        ]
        let attributes: Set<String> = [
            "lang", "charset", "http-equiv", "content", "name", "class", "id", "scope", "title", "role", "aria-label",
            "style", "href", "data-status", "data-severity", "data-area", "data-plan", "data-gap", "data-target",
            "data-sort", "type", "value", "placeholder", "autocomplete", "aria-live", "open", "datetime",
            // The language switch: the page's language, the buttons, and each text and attribute in both languages.
            "data-lang", "data-set-lang", "aria-pressed", "data-key", "data-en", "data-zh", "data-en-title", "data-zh-title",
            "data-en-placeholder", "data-zh-placeholder",
        ]
        // The style and scripts are constants; everything else is markup we scan.
        var rest = html
        for tag in ["style", "script", "script"] {
            let open = try #require(rest.range(of: "<\(tag)>"))
            let close = try #require(rest.range(of: "</\(tag)>"))
            rest.replaceSubrange(open.lowerBound..<close.upperBound, with: "<x\(tag)></x\(tag)>")
        }
        rest = rest.replacingOccurrences(of: "<xstyle></xstyle>", with: "<style></style>").replacingOccurrences(of: "<xscript></xscript>", with: "<script></script>")
        let tag = try Regex(#"<(/?)([a-zA-Z0-9!]+)((?:\s[a-z-]+(?:="[^"<>]*")?)*)\s*>"#)
        let attr = try Regex(#"\s([a-z-]+)(?:="[^"]*")?"#)
        var seen = 0
        var scan = rest[...]
        while let lt = scan.firstIndex(of: "<") {
            let here = scan[lt...]
            let m = try #require(try tag.prefixMatch(in: here), "malformed tag at: \(here.prefix(80))")
            let name = String(m.output[2].substring ?? "")
            if name == "!DOCTYPE" { scan = scan[m.range.upperBound...]; continue }
            #expect(tags.contains(name), "unexpected <\(name)>")
            for a in String(m.output[3].substring ?? "").matches(of: attr) {
                let n = String(a.output[1].substring ?? "")
                #expect(attributes.contains(n), "unexpected attribute \(n) on <\(name)>")
            }
            seen += 1
            scan = scan[m.range.upperBound...]
        }
        #expect(seen > 100)
        // A bare `>` in text would be harmless, but the escaper writes none.
        #expect(!rest.replacing(tag, with: "").contains(">"))
    }
}
