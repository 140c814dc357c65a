import Alignment
import Foundation
import Localization
import Testing
@testable import Reports

@Suite struct HTMLReportTests {
    @Test func samplePageHasHeaderSummaryTableAndDetails() throws {
        let report = try sampleReport()
        let html = HTMLReport(report: report, generatedAt: fixedTime, language: .zh).render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\" data-lang=\"zh\">"))
        #expect(html.hasSuffix("</html>\n"))
        // Header: the rule set's title, path, period and hash; the plan's file, title and hash; the time.
        #expect(html.contains("<h1>株洲市“十五五”规划建议 衔接检查</h1>"))
        #expect(html.contains("<code>Rules/zhuzhou/15th</code>"))
        #expect(html.contains("2026–2030"))
        #expect(html.contains(report.rules.hash))
        #expect(html.contains(hetangPath))
        #expect(html.contains("株洲市荷塘区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"))
        #expect(html.contains(try #require(report.plans.first?.hash)))
        #expect(html.contains("<time datetime=\"2026-01-01T00:00:00Z\" data-en=\"2026-01-01 00:00:00 UTC\" data-zh=\"2026年1月1日 00:00:00 UTC\">2026年1月1日 00:00:00 UTC</time>"))
        // Summary: overall coverage and per area, counts per status.
        #expect(html.contains("<div class=\"big\">41%</div>"))
        for area in ["产业", "创新", "开放", "民生", "治理"] { #expect(html.contains("<th scope=\"row\">\(area)</th>"), "\(area)") }
        #expect(html.contains("<b>5</b> <span data-en=\"weak\" data-zh=\"表述偏弱\">表述偏弱</span>"))
        #expect(html.contains("<b>1</b> <span data-en=\"missing\" data-zh=\"缺失\">缺失</span>"))
        #expect(html.contains("<h2 data-en=\"Summary\" data-zh=\"概况\">概况</h2>"))
        #expect(html.contains("<p class=\"shown\" id=\"shown\" aria-live=\"polite\">共 7 条检查结果</p>"))
        // One plan: no matrix.
        #expect(!html.contains("class=\"matrix\""))
    }

    @Test func tableRowsCarryStatusSeverityAreaAndLinkToDetails() throws {
        let html = HTMLReport(report: try sampleReport(), generatedAt: nil).render()
        let row = try #require(html.element(containing: "data-target=\"p1-5.5\"", tag: "tr"))
        #expect(row.contains("data-status=\"missing\""))
        #expect(row.contains("data-severity=\"error\""))
        #expect(row.contains("data-area=\"治理\""))
        #expect(row.contains("data-gap=\"1\""))
        #expect(row.contains("<a href=\"#p1-5.5\">建设更有效能的党建引领基层治理体系</a>"))
        #expect(row.contains("<span class=\"badge b-missing\""))
        // Every row has its details, and every details its row.
        let rows = html.occurrences(of: "data-target=\"")
        #expect(rows == 7)
        #expect(html.occurrences(of: "<details class=\"finding") == rows)
        // Without a time, none is shown.
        #expect(!html.contains("<time"))
    }

    @Test func detailsShowEvidenceBesideTheCitySentence() throws {
        let html = HTMLReport(report: try sampleReport(), generatedAt: nil).render()
        // The retired term: every place, each with the match highlighted, the heading path and file:line:column.
        let retired = try #require(html.element(containing: "id=\"p1-retire_3a_5341_4e5d_5927\"", tag: "details"))
        #expect(retired.contains("<mark>十九大</mark>"))
        #expect(retired.contains("<mark>十九届</mark>"))
        #expect(retired.contains("Samples/hetang-14th-five-year-plan.txt:103:22"))
        #expect(retired.contains("Samples/hetang-14th-five-year-plan.txt:103:26"))
        #expect(retired.contains("第二篇 › 第三章 › 第一节"))
        #expect(retired.contains(" open>"))   // gaps start open
        // A long sentence is clipped around its match, with the whole sentence in the tooltip.
        #expect(retired.contains("<blockquote class=\"sentence\" title=\"高举中国特色社会主义伟大旗帜"))
        // A weak goal: the evidence sentence beside the city's sentence.
        let weak = try #require(html.element(containing: "id=\"p1-5.2\"", tag: "details"))
        #expect(weak.contains("<mark>研究与试验发展经费(R&amp;D)投入强度</mark>达到3.3以上。"))
        #expect(weak.contains("<h4 data-en=\"City\" data-zh=\"上级依据\">City</h4>"))
        #expect(weak.contains("<b>建议</b> · 中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议<span data-en=\" · item 5\" data-zh=\" · 第5项\"> · item 5</span>"))
        #expect(weak.contains("<blockquote class=\"quote\">研发投入达到国内先进水平"))
        #expect(weak.contains("mentions “研发强度” but never commits to it"))
        #expect(weak.contains("<code>15th/10-main-goals.rules:19</code>"))
        // A missing goal: the closest passages, labelled as suggestions.
        let missing = try #require(html.element(containing: "id=\"p1-5.5\"", tag: "details"))
        #expect(missing.contains("Not found in the plan."))
        #expect(missing.contains("Closest passages — suggestions only, not evidence"))
        #expect(missing.contains("Samples/hetang-14th-five-year-plan.txt:427:132"))
        #expect(missing.contains("similarity "))
    }

    @Test func coveredGoalsAreClosedAndConflictsShowBothValues() throws {
        let html = HTMLReport(report: try twoPlanReport(), generatedAt: nil).render()
        let covered = try #require(html.element(containing: "id=\"p2-5.4\"", tag: "details"))
        #expect(covered.contains("class=\"finding f-covered\""))
        #expect(!covered.contains(" open>"))
        #expect(covered.contains("<mark>幸福株洲</mark>"))
        let conflict = try #require(html.element(containing: "id=\"p2-6\"", tag: "details"))
        #expect(conflict.contains("class=\"finding f-conflicting\""))
        #expect(conflict.contains("≥800亿元 (2030年)"))
        #expect(conflict.contains("≥1000亿元"))
        #expect(conflict.contains("<mark>先进硬质材料</mark>产业集群规模达到800亿元。"))
        #expect(conflict.contains("drafts/example-district.txt:9:8"))
    }

    @Test func severalPlansGetAGoalsByPlansMatrix() throws {
        let report = try twoPlanReport()
        let html = HTMLReport(report: report, generatedAt: nil).render()
        let matrix = try #require(html.element(containing: "class=\"matrix\"", tag: "table"))
        // Column heads: the plans, by file name, numbered.
        #expect(matrix.contains("<span class=\"pn\">1</span> hetang-14th-five-year-plan.txt</th>"))
        #expect(matrix.contains("<span class=\"pn\">2</span> example-district.txt</th>"))
        // Cells: the status of the goal in that plan, linking to its details.
        let row6 = try #require(matrix.element(containing: "<span class=\"gid\">6</span>", tag: "tr"))
        #expect(row6.contains("<td class=\"cell c-weak\" title=\"mentioned, but never committed to (only in passing, in the review of the past, the vision or the glossary)\""))
        #expect(row6.contains("<a href=\"#p1-6\" data-en=\"weak\" data-zh=\"表述偏弱\">weak</a></td>"))
        #expect(row6.contains("<a href=\"#p2-6\" data-en=\"conflicting\" data-zh=\"不一致\">conflicting</a>"))
        #expect(row6.contains("0/2"))
        let row54 = try #require(matrix.element(containing: "<span class=\"gid\">5.4</span>", tag: "tr"))
        #expect(row54.contains("<td class=\"cell c-covered\""))
        #expect(row54.contains("<span class=\"num\">1/2</span>"))
        // Retired terms: a cell where a plan uses it, a dash where it does not.
        let energy = try #require(matrix.element(containing: "retired: 能耗双控", tag: "tr"))
        #expect(energy.contains("title=\"not used\" data-en-title=\"not used\" data-zh-title=\"未使用\">—</td>"))
        #expect(energy.contains("<a href=\"#p2-retire_3a_80fd_8017_53cc_63a7\" data-en=\"outdated\" data-zh=\"过时表述\">outdated</a>"))
        #expect(energy.contains("used in 1/2"))
        // Footer: each plan's coverage, as in the report's per-plan summaries.
        let foot = try #require(matrix.element(containing: "<tfoot>", tag: "tfoot"))
        for plan in report.plans {
            let c = try #require(report.planSummaries[plan.file]?.coverage)
            #expect(foot.contains("<span class=\"num\">\(HTMLReport.percent(c))</span>"), "\(plan.file)")
        }
        #expect(foot.contains("41%") && foot.contains("68%"))
        // The table names the plan of each row, and can be filtered by it.
        #expect(html.contains("<option value=\"2\">2 example-district.txt</option>"))
        #expect(html.contains("data-plan=\"2\""))
        // Every matrix link has a target.
        for id in matrix.components(separatedBy: "href=\"#").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            #expect(html.contains("<details class=\"finding") && html.contains("id=\"\(id)\""), "\(id)")
        }
    }

    @Test func plansWithTheSameFileNameAreToldApartByPath() throws {
        let rules = try loadRules(path: fixtureRules)
        let report = try makeReport(rules, [PlanInput(file: "a/draft.txt", text: exampleDraft),
                                            PlanInput(file: "b/draft.txt", text: exampleDraft)])
        let html = HTMLReport(report: report, generatedAt: nil).render()
        #expect(html.contains("<span class=\"pn\">1</span> a/draft.txt</th>"))
        #expect(html.contains("<span class=\"pn\">2</span> b/draft.txt</th>"))
    }

    @Test func emptyAndInconsistentReportsStillRender() throws {
        let rules = try loadRules(path: fixtureRules)
        let empty = HTMLReport(report: try makeReport(rules, []), generatedAt: nil).render()
        #expect(empty.contains(">0 findings</p>"))
        #expect(empty.hasSuffix("</html>\n"))
        // A finding whose plan the report does not list is shown under its own file name, not another plan's.
        var report = try sampleReport()
        report.findings[0].plan = "elsewhere/other.txt"
        let html = HTMLReport(report: report, generatedAt: nil).render()
        #expect(html.contains("data-target=\"p0-5.1\""))
        #expect(html.contains("data-plan=\"0\""))
    }

    @Test func sameReportAndTimeGiveTheSameBytes() throws {
        let a = HTMLReport(report: try twoPlanReport(), generatedAt: fixedTime).render()
        let b = HTMLReport(report: try twoPlanReport(), generatedAt: fixedTime).render()
        #expect(a == b)
        let later = HTMLReport(report: try twoPlanReport(), generatedAt: fixedTime.addingTimeInterval(60)).render()
        #expect(a != later)
    }

    @Test func pageIsSelfContained() throws {
        let html = HTMLReport(report: try twoPlanReport(), generatedAt: fixedTime).render()
        for needle in ["http:", "https:", "//cdn", "<link", "@import", "url(", " src=", "@font-face"] {
            #expect(!html.contains(needle), "\(needle)")
        }
        // Two scripts: the language switch and the table's filters and sorting.
        #expect(html.occurrences(of: "<script>") == 2)
        #expect(html.occurrences(of: "<style>") == 1)
        // The CSP lets only our scripts run, by their hashes, and loads nothing.
        #expect(html.contains("script-src &#39;sha256-"))
        #expect(html.contains("default-src &#39;none&#39;"))
        // CJK text in system fonts, and a print style that expands everything and hides the controls.
        #expect(html.contains("\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Zen Hei\""))
        #expect(html.contains("@media print"))
        #expect(html.contains("details::details-content"))
        #expect(html.contains("beforeprint"))
    }

    @Test func theContentSecurityPolicyNamesTheHashOfEveryInlineScript() throws {
        for language in Language.allCases {
            let html = HTMLReport(report: try sampleReport(), generatedAt: nil, language: language).render()
            let scripts = html.components(separatedBy: "<script>").dropFirst().map { $0.components(separatedBy: "</script>")[0] }
            #expect(!scripts.isEmpty)
            let start = try #require(html.range(of: "script-src "))
            let end = try #require(html.range(of: "; img-src", range: start.upperBound..<html.endIndex))
            let policy = String(html[start.upperBound..<end.lowerBound])
            var hashes: [String] = []
            for script in scripts {
                let hex = Digest.sha256Hex(Array(script.utf8))
                var bytes: [UInt8] = []
                var i = hex.startIndex
                while i < hex.endIndex {
                    let j = hex.index(i, offsetBy: 2)
                    bytes.append(UInt8(hex[i..<j], radix: 16)!)
                    i = j
                }
                hashes.append("&#39;sha256-" + Data(bytes).base64EncodedString() + "&#39;")
            }
            #expect(policy == hashes.joined(separator: " "))
        }
    }
}
