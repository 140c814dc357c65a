import Foundation
import Testing
import TestSupport

/// `plancheck rules coverage`: the bundled 十五五 rules measured against the 建议, as a rule author runs it.
@Suite struct RulesCoverageCommandTests {
    static let proposal = "Samples/zhuzhou-15th-plan-proposal-2025.txt"

    @Test func theTableAndTheUncheckedCommitments() throws {
        let r = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", Self.proposal])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Rules/zhuzhou/15th — coverage of 《中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议》 (\(Self.proposal))")
        #expect(lines[1].hasSuffix("goals cite it; \(lines[1].split(separator: " ")[4]) commitments found"))
        #expect(lines[3].hasPrefix("part") && lines[3].hasSuffix("coverage"))
        // A row per part of the 建议 that holds commitments (二、 to 十三、), then the whole.
        let rows = lines[4...].prefix { !$0.isEmpty }
        #expect(rows.first?.hasPrefix("二、") == true)
        #expect(rows.last?.hasPrefix("all") == true)
        #expect(rows.count == 13)
        // Every commitment is checked or set aside: the central line (“五位一体”…) with its reason, no unchecked list.
        #expect(!r.stdout.contains("\nUnchecked ("))
        #expect(!r.stdout.contains("统筹推进“五位一体”总体布局"))
        #expect(r.stdout.contains("\nSet aside as uncheckable (6), by reason:\n"))
        #expect(r.stdout.contains("\n  3  中央的总体部署，区县照录，无可检查的承接内容\n"))
        // Checked ones are not listed: 北斗、低空经济产业过五百亿元 has its targets (goal 6.1).
        #expect(!r.stdout.contains("低空经济产业过五百亿元"))
        // Every goal's citation is in the 建议 and holds a term the goal requires.
        #expect(!r.stdout.contains("Citations that do not fit"))
    }

    /// The reverse report: a goal quoting what the document does not say, and one checking something else.
    @Test func citationsThatDoNotFitAreListed() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("c.rules")
        try Data("""
            ruleset "c" {
              source 建议 = "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议"
            }
            goal 6 "引错了原文" {
              cite 建议 item 6 "北斗、低空经济产业过六百亿元"
              require mention "北斗"
            }
            goal 4 "查的不是所引的" {
              cite 建议 item 4 "把吸引年轻人作为战略工程来抓"
              require mention "青年友好"
            }

            """.utf8).write(to: rules)
        let r = try runPlancheck(["rules", "coverage", rules.path, "--source", Self.proposal])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nCitations that do not fit the document (2):\n"))
        #expect(r.stdout.contains("  \(rules.path):5:18  goal 6: the quotation is not in the document: “北斗、低空经济产业过六百亿元”\n"))
        #expect(r.stdout.contains("  \(rules.path):9:18  goal 4: the quotation holds none of the terms the goal requires (青年友好): “把吸引年轻人作为战略工程来抓”\n"))
        let json = try runPlancheck(["rules", "coverage", rules.path, "--source", Self.proposal, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let citations = try #require(object["citations"] as? [[String: Any]])
        #expect(citations.map { $0["problem"] as? String } == ["not-in-document", "holds-no-required-term"])
    }

    /// `uncheckable` blocks set commitments aside with their reason: counted apart, out of the percentage,
    /// and each citation that does not fit is reported.
    @Test func uncheckableCommitmentsAreSetAsideWithTheirReason() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("u.rules")
        try Data("""
            ruleset "u" {
              source 建议 = "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议"
            }
            goal 6.1 "北斗、低空经济产业过五百亿元" {
              cite 建议 item 6 "北斗、低空经济产业过五百亿元"
              require commitment "低空经济"
              expect target "低空经济" >= 五百亿元 by 2030
            }
            uncheckable "中央的总体部署，区县照录" {
              cite 建议 item 3 "统筹推进“五位一体”总体布局"
              cite 建议 item 3 "协调推进“四个全面”战略布局"
              cite 建议 item 3 "建议里没有这句话"
            }
            uncheckable "形势判断，不是任务" {
              cite 建议 item 5
              cite 建议 item 二
            }
            uncheckable "过时的排除" {
              cite 建议 item 6 "北斗、低空经济产业过五百亿元"
              cite 建议 item 主要奋斗目标
            }

            """.utf8).write(to: rules)
        let r = try runPlancheck(["rules", "coverage", rules.path, "--source", Self.proposal])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("part") && $0.contains("uncheckable  unchecked") })
        // Part 二 (items 3–5) is set aside whole: its coverage is of nothing left, so 100 %.
        let two = try #require(lines.first { $0.hasPrefix("二、") })
        #expect(two.split(separator: " ").map(String.init) == ["二、", "17", "0", "0/0", "17", "0", "100%"])
        #expect(r.stdout.contains("\nSet aside as uncheckable (17), by reason:\n  15  形势判断，不是任务\n  2  中央的总体部署，区县照录\n"))
        // Set aside commitments are not listed as unchecked; the unchecked are, with place, item and kinds.
        #expect(!r.stdout.contains("统筹推进“五位一体”总体布局,\n"))
        #expect(r.stdout.contains("\nUnchecked (146):\n"))
        #expect(r.stdout.contains("  \(Self.proposal):53:476  三、 item 6  [name+programme]  深入开展“人工智能+制造”行动,\n"))
        #expect(r.stdout.contains("\(rules.path):12:18  uncheckable: the quotation is not in the document: “建议里没有这句话”\n"))
        #expect(r.stdout.contains("\(rules.path):19:18  uncheckable: it sets aside “北斗、低空经济产业过五百亿元。”, which goal 6.1 checks: “北斗、低空经济产业过五百亿元”\n"))
        #expect(r.stdout.contains("\(rules.path):20:3  uncheckable: it sets no commitment aside\n"))
        // Item 5 sets nothing aside that part 二 does not: a second block for the same commitments is no error.
        #expect(!r.stdout.contains("\(rules.path):15:"))

        let json = try runPlancheck(["rules", "coverage", rules.path, "--source", Self.proposal, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["uncheckable"] as? Int == 17)
        let commitments = try #require(object["commitments"] as? [[String: Any]])
        let five = try #require(commitments.first { ($0["text"] as? String) == "统筹推进“五位一体”总体布局," })
        #expect(five["state"] as? String == "uncheckable")
        #expect(five["setAside"] as? String == "中央的总体部署，区县照录")
        // The figure a target compares stays a target: the rule wins over the stale block.
        let figure = try #require(commitments.first { ($0["text"] as? String) == "北斗、低空经济产业过五百亿元。" })
        #expect(figure["state"] as? String == "target")
        #expect(figure["setAside"] == nil)
        let problems = try #require(object["citations"] as? [[String: Any]]).map { $0["problem"] as? String }
        #expect(problems == ["not-in-document", "checked-anyway", "sets-nothing-aside"])
    }

    @Test func jsonForToolsIsTheSameRunAfterRun() throws {
        let args = ["rules", "coverage", "Rules/zhuzhou/15th", "--source", Self.proposal, "--format", "json"]
        let a = try runPlancheck(args), b = try runPlancheck(args)
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        let commitments = try #require(json["commitments"] as? [[String: Any]])
        #expect(total["commitments"] as? Int == commitments.count)
        #expect(total["checked"] as? Int == commitments.filter { ["target", "checked"].contains($0["state"] as? String) }.count)
        #expect(total["uncheckable"] as? Int == commitments.filter { $0["state"] as? String == "uncheckable" }.count)
        let five = try #require(commitments.first { ($0["text"] as? String)?.contains("低空经济产业过五百亿元") == true })
        #expect(five["state"] as? String == "target")
        #expect(five["item"] as? String == "6")
        let by = try #require(five["checkedBy"] as? [[String: Any]])
        #expect(by.contains { $0["goal"] as? String == "6.1" && $0["target"] as? Bool == true
            && $0["file"] as? String == "Rules/zhuzhou/15th/20-industry.rules" })
        #expect((json["citations"] as? [Any])?.isEmpty == true)
    }

    /// The page for people: the same bytes run after run, written atomically with --output (a failed run
    /// leaves the last page as it was). Its behaviour in a browser is CoveragePageBrowserTests'.
    @Test func theHTMLPageIsTheSameRunAfterRunAndWrittenAtomically() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("coverage.html")
        let args = ["rules", "coverage", "Rules/zhuzhou/15th", "--source", Self.proposal, "--format", "html"]
        let a = try runPlancheck(args), b = try runPlancheck(args + ["--output", page.path])
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        #expect(a.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" data-lang=\"en\">"))
        #expect(try String(contentsOf: page, encoding: .utf8) == a.stdout)
        // A run that fails (the document cannot be read) leaves the page alone.
        let bad = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", dir.appendingPathComponent("gone.txt").path,
                                    "--format", "html", "--output", page.path])
        #expect(bad.status == 2)
        #expect(try String(contentsOf: page, encoding: .utf8) == a.stdout)
    }

    /// The congress report's 主要奋斗目标 are `label:figure` lines, and its goals cite `item 主要奋斗目标`, a
    /// passage, not a number: each line is one commitment, and the goals' targets check them.
    @Test func labelledFiguresAndItemsThatAreNotNumbers() throws {
        let r = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/14th", "--source", "Samples/zhuzhou-13th-party-congress-2021.txt",
                                  "--cite", "党代会", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let commitments = try #require(json["commitments"] as? [[String: Any]])
        let figures = commitments.filter { ($0["kinds"] as? [String])?.contains("quantity") == true }
        let state = Dictionary(figures.map { ($0["text"] as? String ?? "", $0["state"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(state["科技进步贡献率:超过70%"] == "target")
        #expect(state["万元GDP能耗下降:15%以上"] == "target")
        // The city's totals are only to be committed to: set aside, with the reason (14th/95-uncheckable.rules).
        #expect(state["千亿产业集群:力争新增2-3个"] == "uncheckable")
        #expect(figures.count == 7)
    }

    @Test func failUnderFailsTheRulesOwnCI() throws {
        // One goal checks little of the 建议.
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = dir.appendingPathComponent("one.rules")
        try Data("""
            ruleset "one" {
              source 建议 = "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议"
            }
            goal 6.1 "北斗、低空经济产业过五百亿元" {
              cite 建议 item 6 "北斗、低空经济产业过五百亿元"
              require commitment "低空经济"
            }

            """.utf8).write(to: one)
        let low = try runPlancheck(["rules", "coverage", one.path, "--source", Self.proposal, "--fail-under", "10"])
        #expect(low.status == 1)
        #expect(low.stderr.contains("is below --fail-under 10%"))
        let met = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", Self.proposal, "--fail-under", "95"])
        #expect(met.status == 0)
        let bad = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", Self.proposal, "--fail-under", "120"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--fail-under takes a percentage from 0 to 100"))
    }

    @Test func mistakesAreClearErrors() throws {
        // A document no goal cites: the 14th-period communiqué against the 15th-period rules.
        let other = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", "Samples/zhuzhou-14th-plenum-communique-2020.txt"])
        #expect(other.status == 2)
        #expect(other.stderr.contains("no goal in Rules/zhuzhou/15th cites"))
        #expect(other.stderr.contains("--cite NAME"))
        let unknown = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", Self.proposal, "--cite", "公报"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--cite 公报: the rules name no such source; their sources: 建议"))
        let missing = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th", "--source", "no-such-plan.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-plan.txt"))
        let broken = try runPlancheck(["rules", "coverage", "Tests/RuleLanguageTests/Golden/control-character.rules", "--source", Self.proposal])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("control-character.rules:1:19: error:"))
        #expect(broken.stderr.contains("have errors (see above)"))
        let noSource = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/15th"])
        #expect(noSource.status == 2)
        #expect(noSource.stderr.contains("--source"))
    }

    /// A hostile city document: one sentence of 20,000 clauses, each with a name and a figure. Each clause once
    /// filtered every figure of the sentence (quadratic); now the run is linear in the clauses, and so is
    /// setting them aside with a quotation found in each.
    @Test(.timeLimit(.minutes(1))) func aSentenceOfManyClausesEndsAtOnce() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let city = dir.appendingPathComponent("city.txt"), rules = dir.appendingPathComponent("h.rules")
        let clauses = (0..<20_000).map { "建设“名城\($0)”增长5%，" }.joined()
        try Data(("某市建议\n\n一、任务\n1. 产业\n" + clauses + "。\n").utf8).write(to: city)
        try Data("""
            ruleset "h" {
              source 建议 = "某市建议"
            }
            term t = "名城" | "增长"
            goal 1 "x" {
              cite 建议 item 1 "名城"
              require mention t
              expect target t >= 3%
            }

            """.utf8).write(to: rules)
        let r = try runPlancheck(["rules", "coverage", rules.path, "--source", city.path, "--cite", "建议"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nall ") && r.stdout.contains("20000/20000"))
        // An uncheckable quotation found in every clause: each commitment's lookup is a bisection, not a scan.
        let setAside = dir.appendingPathComponent("s.rules")
        try Data("""
            ruleset "s" {
              source 建议 = "某市建议"
            }
            goal 1 "x" {
              cite 建议 item 1
              require mention "没有的词"
            }
            uncheckable "名城" {
              cite 建议 item 1 "名城"
            }

            """.utf8).write(to: setAside)
        let s = try runPlancheck(["rules", "coverage", setAside.path, "--source", city.path, "--cite", "建议"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains("\nSet aside as uncheckable (20000), by reason:\n  20000  名城\n"))
    }
}
