import Foundation
import Testing
import TestSupport

/// `plancheck rules test`: what it prints and how it exits.
@Suite struct RulesTestCommandTests {
    let rules = """
        ruleset "测试" {
          period 2026..2030
        }

        term 研发强度 = "研发投入强度" | "研发经费投入强度" unit %

        goal 5.2 "研发投入" {
          cite "建议" item 5 "研发投入强度达到3.2%"
          require target 研发强度 >= 3.2% by 2030
        }

        test "写足" {
          plan "到2030年，研发经费投入强度达到3.5%。"
          expect 5.2 covered
        }

        """

    @Test func theCityRuleSetsPass() throws {
        let r = try runPlancheck(["rules", "test", "Rules/zhuzhou", "Rules/common"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Rules/zhuzhou/15th — 株洲市“十五五”规划建议 衔接检查"))
        #expect(r.stdout.contains("✓ 5.1 covered"))
        #expect(r.stdout.contains(" passed, 0 failed"))
        #expect(!r.stdout.contains("✗"))
    }

    @Test func passingTestsExitZeroWithASummary() throws {
        let dir = try folder(of: ["r.rules": rules])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "test", "r.rules"], cwd: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout == """
            r.rules — 测试
              ✓ test "写足" (r.rules:12)
                  ✓ 5.2 covered
            1 test, 1 passed, 0 failed

            """)
    }

    @Test func aFailingExpectationShowsExpectedAndActualAndExitsOne() throws {
        let dir = try folder(of: ["r.rules": rules + """
            test "写少了" {
              plan "到2030年，研发经费投入强度达到2.5%。"
              expect 5.2 covered
            }

            """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "test", "--failures-only", "r.rules"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("✗ test \"写少了\" (r.rules:16)"))
        #expect(r.stdout.contains("✗ 5.2: expected covered, got conflicting (line 18)"))
        #expect(r.stdout.contains("at plan line 1 «到2030年，研发经费投入强度达到2.5%。»"))
        #expect(!r.stdout.contains("写足"))
        #expect(r.stdout.hasSuffix("2 tests, 1 passed, 1 failed\n"))
    }

    @Test func aRuleFileWithoutTestsFails() throws {
        let untested = rules.components(separatedBy: "test \"写足\"")[0]
        let dir = try folder(of: ["r.rules": untested])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "test", "r.rules"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("✗ r.rules: goals or retirements but no test"))
        #expect(r.stdout.contains("0 tests, 0 passed, 0 failed, 1 file with rules but no test"))
    }

    @Test func zeroTestsFail() throws {
        let dir = try folder(of: ["terms.rules": "term 城镇化率 = \"城镇化率\" unit %\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "test", "terms.rules"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("no test ran"))
        #expect(r.stderr.contains("terms.rules holds only a header or terms"))
    }

    @Test func ruleErrorsExitTwoWithDiagnostics() throws {
        let dir = try folder(of: ["r.rules": rules.replacingOccurrences(of: "target 研发强度", with: "target 研发强读")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "test", "r.rules"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("r.rules:9:18: error: unknown term 研发强读"))
        #expect(r.stderr.contains("the rules have errors"))
    }

    @Test func helpShowsAnExample() throws {
        let r = try runPlancheck(["rules", "test", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("plancheck rules test Rules/zhuzhou/15th"))
        #expect(r.stdout.contains("expect 5.2 covered"))
        #expect(r.stdout.contains("Exit status"))
    }
}
