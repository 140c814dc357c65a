import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage
import TestSupport

let runnerHeader = """
    ruleset "测试" {
      source 建议 = "测试建议"
      period 2026..2030
    }
    term 研发强度 = "研发投入强度" | "研发经费投入强度" unit %

    """

let runnerGoals = """
    goal T "研发目标" {
      cite 建议 item 5 "研发投入强度达到3.2%"
      require target 研发强度 >= 3.2% by 2030
    }

    retire "一谷三区" | "中国动力谷" | "株洲·中国动力谷" except "中国动力谷自主创新园" use "制造名城"

    """

@Suite struct RuleTestRunnerTests {
    @Test func passingAndFailingExpectationsAreTold() throws {
        let dir = try folder(of: ["r.rules": runnerHeader + runnerGoals + """
            test "写足" {
              plan "到2030年，研发经费投入强度达到3.5%。"
              expect T covered
            }

            test "写少了" {
              plan "到2030年，研发经费投入强度达到2.5%。"
              expect T covered
              expect no outdated "一谷三区"
            }

            """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = RuleTestRunner.run(path: dir.appendingPathComponent("r.rules").path)
        #expect(r.tests.count == 2)
        #expect(r.passed == 2)
        #expect(r.failed == 1)
        #expect(!r.succeeded)
        let bad = try #require(r.tests[1].checks.first)
        #expect(bad.expected == "covered" && bad.actual == "conflicting" && !bad.passed)
        #expect(bad.detail.contains("2.5%"))
        #expect(bad.evidence?.hasPrefix("plan line 1") == true)
        let text = r.rendered()
        #expect(text.contains("✗ T: expected covered, got conflicting (line \(bad.line))"))
        #expect(bad.line > 10)
        #expect(text.contains("✓ T covered"))
        #expect(r.rendered(failuresOnly: true).contains("写足") == false)
    }

    @Test func outdatedWordsCountWhenAReportedMatchContainsThem() throws {
        let dir = try folder(of: ["r.rules": runnerHeader + runnerGoals + """
            test "口号" {
              plan "加快建设更具实力的株洲·中国动力谷。提质升级中国动力谷自主创新园。"
              expect outdated "中国动力谷"
              expect no outdated "一谷三区"
              expect T missing
            }

            test "园区名" {
              plan "提质升级中国动力谷自主创新园。"
              expect outdated "中国动力谷"
            }

            """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = RuleTestRunner.run(path: dir.appendingPathComponent("r.rules").path)
        #expect(r.tests[0].checks.allSatisfy { $0.passed }, "\(r.rendered())")
        // The park's name is excluded, so expecting the slogan there fails.
        let park = try #require(r.tests[1].checks.first)
        #expect(!park.passed && park.actual == "not reported")
    }

    @Test func aFileWithRulesButNoTestFailsAndTermFilesAreExempt() throws {
        let dir = try folder(of: [
            "00-header.rules": runnerHeader,
            "10-goals.rules": runnerGoals,
            "20-terms.rules": "term 城镇化率 = \"城镇化率\" unit %\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = RuleTestRunner.run(path: dir.path)
        #expect(r.untestedFiles.map { ($0 as NSString).lastPathComponent } == ["10-goals.rules"])
        #expect(Set(r.exemptFiles.map { ($0 as NSString).lastPathComponent }) == ["00-header.rules", "20-terms.rules"])
        #expect(!r.succeeded)
        #expect(r.tests.isEmpty)
    }

    @Test func aFileOfAFolderRunsWithTheFolderAndOnlyItsOwnTests() throws {
        let dir = try folder(of: [
            "00-header.rules": runnerHeader,
            "10-goals.rules": runnerGoals + """
                test "十" {
                  plan "到2030年，研发经费投入强度达到3.5%。"
                  expect T covered
                }

                """,
            "20-more.rules": """
                goal U "研发投入" {
                  cite 建议 item 5 "研发投入"
                  require commitment 研发强度
                }

                test "二十" {
                  plan "研发投入强度稳步提高。"
                  expect U covered
                }

                """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        // Alone, 10-goals.rules would lack the header's period and the term 研发强度 of 00-header.rules.
        let r = RuleTestRunner.run(path: dir.appendingPathComponent("10-goals.rules").path)
        #expect(!r.hasRuleErrors, "\(r.diagnostics)")
        #expect(r.tests.map(\.name) == ["十"])
        #expect(r.succeeded)
        #expect(RuleTestRunner.run(path: dir.path).tests.count == 2)
    }

    @Test func planFilesAreReadRelativeToTheRuleFile() throws {
        let dir = try folder(of: [
            "rules/r.rules": runnerHeader + runnerGoals + """
                test "文件" {
                  plan file "../plans/p.txt"
                  expect T covered
                }

                """,
            "plans/p.txt": "第七章 创新\n到2030年，研发经费投入强度达到3.5%以上。\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = RuleTestRunner.run(path: dir.appendingPathComponent("rules/r.rules").path)
        #expect(r.succeeded, "\(r.rendered())")
        #expect(r.passed == 1)
    }

    @Test func rulesWithErrorsRunNoTest() throws {
        let dir = try folder(of: ["r.rules": runnerHeader + """
            goal T "x" {
              cite 建议 "x"
              require commitment 研发强读
            }

            test "t" {
              plan "研发投入强度"
              expect T covered
            }

            """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = RuleTestRunner.run(path: dir.appendingPathComponent("r.rules").path)
        #expect(r.hasRuleErrors)
        #expect(r.tests.isEmpty)
        #expect(r.diagnostics.contains { $0.code == "unknown-term" })
    }

    @Test func ruleSetPathsAreTheFoldersHoldingRules() throws {
        let dir = try folder(of: ["a/x.rules": "term A = \"a\"\n", "a/b/y.rules": "term B = \"b\"\n", "c/readme.txt": "x", ".hidden/z.rules": "term C = \"c\"\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = RuleTestRunner.ruleSetPaths(for: dir.path).map { String($0.dropFirst(dir.path.count)) }
        #expect(paths == ["/a", "/a/b"])
        #expect(RuleTestRunner.ruleSetPaths(for: "/no/such/path") == ["/no/such/path"])
    }
}

/// Two engine decisions the city rules rely on.
@Suite struct GoalSectionAndRankTests {
    @Test func aStateNamedUnderAGoalHeadingIsACommitment() throws {
        let rulesText = header + """
            goal R "研发投入" {
              cite 建议 item 5 "研发投入达到国内先进水平"
              require commitment 研发强度
            }
            """
        // Plans write goals as states to reach, without verbs: 研发投入大幅增加 (荷塘区纲要).
        let goal = try check(rulesText, "第四章 发展目标\n第二节 主要目标\n创新能力更强。研发投入强度大幅增加。\n")
        #expect(status(goal, "R") == .covered)
        #expect(goal.findings.first?.evidence.first?.commitment == "stated as a goal of the plan")
        // The same words in a task chapter without a verb, or in a review of goals met, stay mentions.
        #expect(status(try check(rulesText, "第六章 创新\n研发投入强度大幅增加。\n"), "R") == .weak)
        #expect(status(try check(rulesText, "第一章 “十四五”目标完成情况回顾\n研发投入强度大幅增加。\n"), "R") == .weak)
        #expect(status(try check(rulesText, "第一章 “十三五”规划目标完成情况\n研发投入强度大幅增加。\n"), "R") == .weak)
    }

    @Test func aRankMeetsAUnitlessCeiling() throws {
        let rulesText = header + """
            goal P "人才吸引力" {
              cite 建议 item 32 "力争跻身最具人才吸引力城市百强榜50强"
              require target "人才吸引力" <= 五十 by 2030
            }
            """
        #expect(status(try check(rulesText, "到2030年，跻身最具人才吸引力城市百强榜50强。\n"), "P") == .covered)
        #expect(status(try check(rulesText, "到2030年，跻身最具人才吸引力城市30强。\n"), "P") == .covered)
        let hundred = try check(rulesText, "到2030年，进入最具人才吸引力城市百强。\n")
        #expect(status(hundred, "P") == .conflicting)
        #expect(hundred.findings.first?.message.contains("前100") == true)
        // A floor (>=) on a rank is not read as a rank: a bigger place is not more ambitious.
        let floor = header + """
            goal Q "x" {
              cite 建议 "x"
              require target "人才吸引力" >= 五十
            }
            """
        #expect(status(try check(floor, "跻身最具人才吸引力城市50强。\n"), "Q") == .weak)
    }
}
