import Foundation
import Testing
import TestSupport

@Suite struct HTMLReportCLITests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    @Test func htmlFormatWritesOnePageAndStillPrintsTheSummary() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("reports/report.html")
        let r = try runPlancheck(["check", hetang, "--format", "html", "--output", out.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("coverage"))
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>株洲市“十五五”规划建议 衔接检查</h1>"))
        #expect(!html.contains("<dt>Generated</dt>"), "a time of the run would make each page different")
        #expect(html.contains("data-target=\"p1-5.5\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path) == ["report.html"])
    }

    @Test func htmlWithoutOutputGoesToStandardOutput() throws {
        let r = try runPlancheck(["check", hetang, "--format", "html", "--fail-on", "never"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(r.stdout.hasSuffix("</html>\n"))
    }
}

/// Renders reports in a real browser. Runs where a `chromium` binary is installed (`.ci/run` installs
/// Debian's); elsewhere Swift Testing reports these tests as skipped, with the reason.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "no chromium on PATH: the HTML report was not checked in a browser"))
struct HTMLReportBrowserTests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    @Test func sampleReportRunsItsScriptWithoutErrors() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        #expect(try runPlancheck(["check", hetang, "--rules", fixtureRules, "--format", "html", "--output", page.path]).status == 1)
        let run = try Chromium.dumpDOM(page, in: dir)
        #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
        // The script marks the page only after running to its end; the CSP would have blocked it otherwise.
        #expect(run.dom.contains("data-script=\"ready\""))
        #expect(run.dom.contains("class=\"js\""))
        #expect(run.dom.contains("<th scope=\"col\" data-key=\"id\" aria-sort=\"none\"><button type=\"button\" class=\"sort\"><span data-en=\"ID\" data-zh=\"编号\">ID</span></button>"))
        #expect(run.dom.contains(">7 findings</p>"))
    }

    @Test func filtersGivenInTheAddressHideOtherRows() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        _ = try runPlancheck(["check", hetang, "--rules", fixtureRules, "--format", "html", "--output", page.path])
        let missing = try Chromium.dumpDOM(page, query: "status=missing", in: dir)
        #expect(missing.consoleLines.isEmpty, "console: \(missing.consoleLines)")
        #expect(missing.dom.contains("Showing 1 of 7 findings"))
        #expect(missing.dom.contains("data-target=\"p1-5.5\">"))           // shown: no hidden attribute
        #expect(missing.dom.contains("data-target=\"p1-5.1\" hidden=\"\">"))
        let text = try Chromium.dumpDOM(page, query: "status=gaps&severity=warning&q=%E7%A0%94%E5%8F%91", in: dir)   // q=研发
        #expect(text.dom.contains("Showing 1 of 7 findings"))
        #expect(text.dom.contains("data-target=\"p1-5.2\">"))
    }

    @Test func sortGivenInTheAddressOrdersTheRows() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        _ = try runPlancheck(["check", hetang, "--rules", fixtureRules, "--format", "html", "--output", page.path])
        func order(_ dom: String) -> [String] {
            dom.components(separatedBy: "data-target=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        // Most serious status first: missing, then outdated, then the weak ones in rule order.
        let byStatus = try Chromium.dumpDOM(page, query: "sort=status", in: dir)
        #expect(byStatus.consoleLines.isEmpty, "console: \(byStatus.consoleLines)")
        #expect(order(byStatus.dom) == ["p1-5.5", "p1-retire_3a_5341_4e5d_5927", "p1-5.1", "p1-5.2", "p1-5.3", "p1-5.4", "p1-6"])
        #expect(byStatus.dom.contains("<th scope=\"col\" data-key=\"status\" aria-sort=\"ascending\"><button type=\"button\" class=\"sort\"><span data-en=\"Status\" data-zh=\"状态\">Status</span></button>"))
        // Ids compare as numbers part by part; retired terms after goals (here, descending: first).
        let byID = try Chromium.dumpDOM(page, query: "sort=-id", in: dir)
        #expect(order(byID.dom) == ["p1-retire_3a_5341_4e5d_5927", "p1-6", "p1-5.5", "p1-5.4", "p1-5.3", "p1-5.2", "p1-5.1"])
        let byWhere = try Chromium.dumpDOM(page, query: "sort=where", in: dir)
        // By the first evidence's line: 27, 103, 137, 147, 263, 293 (营商环境 under 创造更优营商环境), then the goal
        // without evidence.
        #expect(order(byWhere.dom) == ["p1-5.1", "p1-retire_3a_5341_4e5d_5927", "p1-6", "p1-5.4", "p1-5.2", "p1-5.3", "p1-5.5"])
    }

    @Test func hostilePlansAndRulesStayTextInTheBrowser() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = "\"><img src=x onerror=alert(1)>"
        let rules = dir.appendingPathComponent("hostile.rules")
        try Data(#"""
        ruleset "<script>alert(1)</script> \"><img src=x onerror=alert(1)>" {
          source 建议 = "城市建议" published 2025-12-23
          period 2026..2030
        }
        term 幸福 = "幸福株洲"
        goal 1 "建设幸福株洲<script>alert(1)</script>" {
          cite 建议 item 5 "\"><img src=x onerror=alert(1)>"
          require commitment 幸福
        }
        """#.utf8).write(to: rules)
        let plan = dir.appendingPathComponent("\(hostile).txt")
        try Data("第一章 <script>alert(1)</script>\n到2030年，建设幸福株洲<script>alert(1)</script>，确保\(hostile)实现。\n".utf8).write(to: plan)
        let page = dir.appendingPathComponent("report.html")
        let r = try runPlancheck(["check", plan.path, repositoryRoot.appendingPathComponent(hetang).path,
                                  "--rules", rules.path, "--format", "html", "--output", page.path, "--fail-on", "never"])
        #expect(r.status == 0, "\(r.stderr)")
        let run = try Chromium.dumpDOM(page, in: dir)
        #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
        #expect(run.dom.contains("data-script=\"ready\""))
        // After parsing, the markup is text: the DOM has no such elements, only our one script.
        #expect(!run.dom.contains("<img"))
        #expect(run.dom.components(separatedBy: "<script").count == 3)
        #expect(run.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(run.dom.contains("<mark>幸福株洲</mark>&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(run.dom.contains("class=\"matrix\""))
    }
}

/// `rules coverage --format html` in the browser: the city document with every commitment marked by its state,
/// linked to its entry, and hostile text staying text.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "no chromium on PATH: the coverage page was not checked in a browser"))
struct CoveragePageBrowserTests {
    @Test func everyCommitmentIsMarkedByItsStateAndLinked() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("coverage.html")
        let proposal = "Samples/zhuzhou-15th-plan-proposal-2025.txt"
        let r = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", proposal, "--format", "html", "--output", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let json = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", proposal, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let commitments = try #require(object["commitments"] as? [[String: Any]])
        let run = try Chromium.dumpDOM(page, in: dir)
        #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
        // One script, the language switch: the page is text, marks and links.
        #expect(run.dom.components(separatedBy: "<script").count == 2)
        #expect(run.dom.contains("data-language-script=\"ready\""))
        // One mark in the text per commitment, of its state, linking to its entry in the list (and back).
        for state in ["target", "checked", "uncheckable", "unchecked"] {
            let expected = commitments.filter { $0["state"] as? String == state }.count
            let marks = run.dom.components(separatedBy: "<a class=\"cm s-\(state)\" href=\"#c").count - 1
            #expect(marks == expected, "\(state): \(marks) marks for \(expected) commitments")
        }
        for k in 1...commitments.count {
            #expect(run.dom.contains("id=\"c\(k)\""))
            #expect(run.dom.contains("href=\"#t\(k)\""))
        }
        // The goals that check a commitment on hover: 北斗、低空经济产业过五百亿元 is goal 6.1's target.
        #expect(run.dom.contains("title=\"target · quantity\ngoals 6.1\" data-en-title=\"target · quantity\ngoals 6.1\" data-zh-title=\"目标值比对 · 数字\n目标 6.1\">北斗、低空经济产业过五百亿元。</a>"))
        #expect(run.dom.contains("<td class=\"num\">\(commitments.count)</td>"))
    }

    @Test func hostileCityTextStaysText() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let city = dir.appendingPathComponent("city.txt"), rules = dir.appendingPathComponent("h.rules")
        try Data("某市建议\n\n一、任务\n1. 产业\n建设“<script>alert(1)</script>”工程，确保\"><img src=x onerror=alert(2)>实现。\n".utf8).write(to: city)
        try Data("""
            ruleset "h" {
              source 建议 = "某市建议"
            }
            goal 1 "<b>x</b>" {
              cite 建议 item 1 "建设“<script>alert(1)</script>”工程"
              require mention "<script>"
            }

            """.utf8).write(to: rules)
        let page = dir.appendingPathComponent("coverage.html")
        let r = try runPlancheck(["rules", "coverage", rules.path, "--source", city.path, "--cite", "建议", "--format", "html", "--output", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        let run = try Chromium.dumpDOM(page, in: dir)
        #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
        #expect(run.dom.components(separatedBy: "<script").count == 2 && !run.dom.contains("<img"))
        #expect(run.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(run.dom.contains("<a class=\"cm s-checked\" href=\"#c1\""))
    }
}
