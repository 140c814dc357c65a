import Foundation
import Testing
import TestSupport

/// Rule diagnostics in Chinese on the command line (issue #16): `--lang zh`, `PLANCHECK_LANG=zh`, the rule
/// set's `language zh`, and `plancheck check` on broken rules.
@Suite struct ChineseDiagnosticsCLITests {
    let broken = """
        term 研发强度 = "研发投入强度" unit %

        goal 5.2 "科技创新高地" {
          cite "建议" "研发投入达到国内先进水平"
          require target 研发强读 >= 3.2% by 2030
        }

        """

    let expectedChinese = """
        goals.rules:1:6: 警告：术语 研发强度 没有用到
        term 研发强度 = "研发投入强度" unit %
             ^~~~~~~~
        建议：在条款里用上它，或把它移到供规则集 include 的共用词典里
        goals.rules:5:18: 错误：未知的术语 研发强读
          require target 研发强读 >= 3.2% by 2030
                         ^~~~~~~~
        建议：你是不是想写 研发强度？
        1 个错误，1 个警告，共 1 个文件

        """

    @Test func lintWithLangZhPrintsChineseAndExitsTwo() throws {
        let dir = try folder(of: ["goals.rules": broken])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "lint", "goals.rules", "--lang", "zh"], cwd: dir, environment: ["PLANCHECK_LANG": ""])
        #expect(r.status == 2)
        #expect(r.stderr == expectedChinese)
    }

    @Test func lintWithPlancheckLangZhPrintsChinese() throws {
        let dir = try folder(of: ["goals.rules": broken])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "lint", "goals.rules"], cwd: dir, environment: ["PLANCHECK_LANG": "zh"])
        #expect(r.status == 2)
        #expect(r.stderr == expectedChinese)
        // --lang wins over PLANCHECK_LANG.
        let en = try runPlancheck(["rules", "lint", "goals.rules", "--lang", "en"], cwd: dir, environment: ["PLANCHECK_LANG": "zh"])
        #expect(en.status == 2)
        #expect(en.stderr.contains("goals.rules:5:18: error: unknown term 研发强读\n"))
        #expect(en.stderr.hasSuffix("hint: did you mean 研发强度?\n1 error, 1 warning in 1 file\n"))
    }

    @Test func theRuleSetsLanguageChoosesWhenNothingElseDoes() throws {
        let header = "ruleset \"测试\" {\n  language zh\n}\n"
        let dir = try folder(of: ["goals.rules": header + broken])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["rules", "lint", "goals.rules"], cwd: dir, environment: ["PLANCHECK_LANG": ""])
        #expect(r.status == 2)
        #expect(r.stderr.contains("goals.rules:8:18: 错误：未知的术语 研发强读\n"))
        #expect(r.stderr.hasSuffix("建议：你是不是想写 研发强度？\n1 个错误，1 个警告，共 1 个文件\n"))
    }

    @Test func fmtAndTestPrintChineseDiagnostics() throws {
        let dir = try folder(of: ["goals.rules": "term 研发强度 \"研发投入强度\"\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let fmt = try runPlancheck(["rules", "fmt", "--check", "goals.rules", "--lang", "zh"], cwd: dir)
        #expect(fmt.status == 2)
        #expect(fmt.stderr.hasPrefix("goals.rules:1:11: 错误：此处应有术语名后的 '='，却是 \"研发投入强度\"\n"), "\(fmt.stderr)")
        let test = try runPlancheck(["rules", "test", "goals.rules"], cwd: dir, environment: ["PLANCHECK_LANG": "zh"])
        #expect(test.status == 2)
        #expect(test.stderr.contains("goals.rules:1:11: 错误：此处应有术语名后的 '='"), "\(test.stderr)")
    }

    @Test func checkPrintsBrokenRulesInChinese() throws {
        let dir = try folder(of: ["goals.rules": broken, "plan.txt": "到2030年，研发投入强度达到3.5%。\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["check", "plan.txt", "--rules", "goals.rules", "--lang", "zh"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("goals.rules:5:18: 错误：未知的术语 研发强读\n"), "\(r.stderr)")
        #expect(r.stderr.contains("建议：你是不是想写 研发强度？\n"), "\(r.stderr)")
        let en = try runPlancheck(["check", "plan.txt", "--rules", "goals.rules"], cwd: dir)
        #expect(en.status == 2)
        #expect(en.stderr.contains("goals.rules:5:18: error: unknown term 研发强读\n"), "\(en.stderr)")
    }
}
