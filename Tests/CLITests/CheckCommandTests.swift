import Foundation
import Testing
import TestSupport

@Suite struct CheckCommandTests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    @Test func defaultRulesFromAnyDirectory() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["check", repositoryRoot.appendingPathComponent(hetang).path], cwd: dir)
        #expect(r.status == 1)   // the 14th-period plan has gaps against the 15th rules
        #expect(r.stdout.contains("bundled zhuzhou/15th"))
        #expect(r.stdout.contains("coverage"))
        #expect(r.stdout.contains("retired: 十九大"))
        #expect(r.stdout.contains(":103:"))
    }

    /// A goal for some places only: not applicable to a plan of another district (read from its title, or
    /// given with --district), out of coverage, and shown as such in the terminal, JSON and JUnit.
    @Test func goalsForOtherPlacesAreNotApplicable() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("""
            ruleset "p" {
              source 建议 = "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议"
            }
            goal 27.1 "农产品加工产业园" {
              cite 建议 item 27 "攸县香干、醴陵酱板鸭等农产品加工产业园"
              applies 醴陵市, 攸县
              require mention "农产品加工"
            }
            goal 13 "高校" {
              cite 建议 item 13 "支持湖南工业大学创“双一流”"
              require mention "高校"
            }

            """.utf8).write(to: dir.appendingPathComponent("p.rules"))
        try Data("株洲市荷塘区国民经济和社会发展第十五个五年规划纲要\n第一章 教育\n支持高校发展。\n".utf8)
            .write(to: dir.appendingPathComponent("hetang.txt"))
        let r = try runPlancheck(["check", "hetang.txt", "--rules", "p.rules", "--junit", "j.xml", "--json", "r.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  coverage 100%"))
        #expect(r.stdout.contains(" · 1 not applicable\n  district 荷塘区\n"))
        let junit = try String(contentsOf: dir.appendingPathComponent("j.xml"), encoding: .utf8)
        #expect(junit.contains("<testsuite name=\"hetang.txt\" tests=\"2\" failures=\"0\" skipped=\"1\">"))
        #expect(junit.contains("<skipped message=\"not applicable: applies only to 醴陵市、攸县; this plan is 荷塘区&#39;s\"/>"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.json"))) as? [String: Any])
        #expect((root["plans"] as? [[String: Any]])?.first?["district"] as? String == "荷塘区")
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(findings.first { $0["goal"] as? String == "27.1" }?["status"] as? String == "not-applicable")

        // --district decides over the title: as 攸县's plan, the goal applies and is missing.
        let asYou = try runPlancheck(["check", "hetang.txt", "--rules", "p.rules", "--district", "攸县"], cwd: dir)
        #expect(asYou.status == 1)
        #expect(asYou.stdout.contains("missing     27.1 农产品加工产业园"))
        #expect(!asYou.stdout.contains("not applicable"))
        let empty = try runPlancheck(["check", "hetang.txt", "--rules", "p.rules", "--district", " "], cwd: dir)
        #expect(empty.status == 2 && empty.stderr.contains("--district takes a district's name"))
    }

    @Test func jsonReportHasTheDocumentedShape() throws {
        let r = try runPlancheck(["check", hetang, "--format", "json"])
        #expect(r.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(root["version"] as? Int == 1)
        let rules = try #require(root["rules"] as? [String: Any])
        #expect((rules["hash"] as? String)?.count == 64)
        #expect(rules["title"] as? String == "株洲市“十五五”规划建议 衔接检查")
        let plans = try #require(root["plans"] as? [[String: Any]])
        #expect(plans.first?["file"] as? String == hetang)
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(summary["coverage"] is Double)
        #expect(summary["coverageByArea"] is [String: Any])
        #expect(summary["counts"] is [String: Any])
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for f in findings {
            for key in ["goal", "title", "status", "severity", "message", "plan", "evidence"] { #expect(f[key] != nil, "\(key)") }
        }
        let outdated = try #require(findings.first { $0["status"] as? String == "outdated" })
        let ev = try #require((outdated["evidence"] as? [[String: Any]])?.first)
        for key in ["line", "column", "path", "text"] { #expect(ev[key] != nil, "\(key)") }
        #expect(ev["line"] as? Int == 103)
    }

    @Test func theCityProposalCarriesItsOwnMainGoals() throws {
        let r = try runPlancheck(["check", "Samples/zhuzhou-15th-plan-proposal-2025.txt", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(root["findings"] as? [[String: Any]])
        for id in ["5.1", "5.3", "5.4", "5.5", "6"] {
            #expect(findings.first { $0["goal"] as? String == id }?["status"] as? String == "covered", "\(id)")
        }
        #expect(!findings.contains { $0["status"] as? String == "outdated" })   // 中国动力谷自主创新园 is a name, not the slogan
    }

    @Test func samePlanInTwoEncodingsGivesTheSameFindings() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(hetang), encoding: .utf8)
        let utf8 = dir.appendingPathComponent("plan.txt")
        try Data(text.utf8).write(to: utf8)
        let gbDir = dir.appendingPathComponent("gb")
        try FileManager.default.createDirectory(at: gbDir, withIntermediateDirectories: true)
        let gb = gbDir.appendingPathComponent("plan.txt")
        try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632))).write(to: gb)
        // Same file name, run from each folder, so only the encoding and the bytes' hash differ.
        let a = try runPlancheck(["check", "plan.txt", "--format", "json"], cwd: dir)
        let b = try runPlancheck(["check", "plan.txt", "--format", "json"], cwd: gbDir)
        func findings(_ out: String) throws -> String {
            let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            let f = try #require(root["findings"])
            return String(decoding: try JSONSerialization.data(withJSONObject: f, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try findings(a.stdout) == findings(b.stdout))
        #expect(a.stdout.contains("\"encoding\" : \"utf-8\""))
        #expect(b.stdout.contains("\"encoding\" : \"gb18030\""))
    }

    @Test func jsonIsByteIdentical() throws {
        let a = try runPlancheck(["check", hetang, "--format", "json"])
        let b = try runPlancheck(["check", hetang, "--format", "json"])
        #expect(a.stdout == b.stdout)
    }

    @Test func failOnControlsTheExitCode() throws {
        #expect(try runPlancheck(["check", hetang, "--fail-on", "never"]).status == 0)
        #expect(try runPlancheck(["check", hetang, "--fail-on", "error"]).status == 1)
        let bogus = try runPlancheck(["check", hetang, "--fail-on", "sometimes"])
        #expect(bogus.status == 2)
    }

    @Test func outputIsWrittenAtomicallyAndFoldersAreCreated() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("reports/nested/report.json")
        let r = try runPlancheck(["check", hetang, "--format", "json", "--output", out.path])
        #expect(r.status == 1)
        let data = try Data(contentsOf: out)
        #expect((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["version"] as? Int == 1)
        #expect(r.stdout.contains("coverage"))   // the summary still shows
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers == ["report.json"])
    }

    @Test func failedRunKeepsTheOldReport() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.json")
        try Data("previous".utf8).write(to: out)
        let r = try runPlancheck(["check", dir.appendingPathComponent("missing.txt").path, "--output", out.path])
        #expect(r.status == 2)
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous")
    }

    @Test func unwritableOutputIsAnError() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let r = try runPlancheck(["check", hetang, "--output", blocker.appendingPathComponent("r.json").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot"))
    }

    @Test func rulesWithErrorsExitTwoWithDiagnostics() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.rules")
        try Data("goal 1 \"x\" {\n  require mention 未定义术语\n}\n".utf8).write(to: bad)
        let r = try runPlancheck(["check", hetang, "--rules", bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.rules:2:"))
        #expect(r.stderr.contains("error:"))
    }

    @Test func explainPrintsTheTrace() throws {
        let r = try runPlancheck(["check", hetang, "--explain", "5.2", "--fail-on", "never"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("explain 5.2"))
        #expect(r.stdout.contains("goal 5.2"))
        #expect(r.stdout.contains("⇒"))
    }

    @Test func fourteenthPeriodRulesFindTheDistrictTargets() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("14th.rules")
        let common = repositoryRoot.appendingPathComponent("Rules/common").path
        try Data("""
        ruleset "十四五" {
          period 2021..2025
          include "\(common)"
        }
        goal 2 "研发投入" {
          cite "2023年株洲市政府工作报告" "全社会研发经费投入强度达到3.2%"
          require target 研发强度 >= 3.2% by 2025
        }
        """.utf8).write(to: rules)
        let r = try runPlancheck(["check", hetang, "--rules", rules.path, "--format", "json"])
        #expect(r.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(root["findings"] as? [[String: Any]])
        let rd = try #require(findings.first { $0["goal"] as? String == "2" })
        // 研究与试验发展经费( R&D )投入强度达到3.3以上: the unit dropped by the PDF is taken from the subject.
        #expect(rd["status"] as? String == "covered")
        #expect((rd["message"] as? String)?.contains("taken from the subject") == true)
        let ev = try #require((rd["evidence"] as? [[String: Any]])?.first)
        #expect(ev["line"] as? Int == 263)
    }
}
