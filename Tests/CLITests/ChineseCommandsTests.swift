import Foundation
import Testing
import TestSupport

/// The rule author's commands and ArgumentParser's usage errors in Chinese: `rules test`, `rules fmt`,
/// `extract`'s summary, and a mistyped command line.
@Suite struct ChineseCommandsTests {
    static let rules = """
        ruleset "测试" {
          period 2026..2030
        }
        term 幸福株洲 = "幸福株洲"
        goal 1 "建设幸福株洲" {
          cite "建议" "建设更有温度的幸福株洲"
          require commitment 幸福株洲
        }
        test "写了就衔接" {
          plan "到2030年，建成幸福株洲。"
          expect 1 covered
        }
        test "没写就缺失" {
          plan "推进城市更新。"
          expect 1 covered
        }

        """

    @Test func rulesTestSpeaksChinese() throws {
        let dir = try folder(of: ["t.rules": Self.rules])
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = try runPlancheck(["rules", "test", "t.rules"], cwd: dir, environment: ["PLANCHECK_LANG": "zh"])
        #expect(zh.status == 1)
        #expect(zh.stdout.contains("      ✓ 1 已衔接\n"))
        #expect(zh.stdout.contains("      ✗ 1：应为已衔接，实为缺失（第 15 行）\n"))
        #expect(zh.stdout.contains("未提到“幸福株洲”"))
        #expect(zh.stdout.hasSuffix("2 个测试，1 项通过，1 项未通过\n"))
        let en = try runPlancheck(["rules", "test", "t.rules"], cwd: dir)
        #expect(en.stdout.contains("      ✗ 1: expected covered, got missing (line 15)\n"))
        #expect(en.stdout.hasSuffix("2 tests, 1 passed, 1 failed\n"))
        // The rule set's `language zh` chooses when nothing else does.
        try Data(Self.rules.replacingOccurrences(of: "  period 2026..2030\n", with: "  period 2026..2030\n  language zh\n").utf8)
            .write(to: dir.appendingPathComponent("t.rules"))
        let declared = try runPlancheck(["rules", "test", "t.rules"], cwd: dir, environment: ["PLANCHECK_LANG": ""])
        #expect(declared.stdout.hasSuffix("2 个测试，1 项通过，1 项未通过\n"), "\(declared.stdout)")
    }

    @Test func rulesFmtSpeaksChinese() throws {
        let dir = try folder(of: ["a.rules": "ruleset \"a\" {\n  period 2026..2030\n}\n", "b.rules": "ruleset  \"b\"{\nperiod 2026..2030\n}\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let check = try runPlancheck(["rules", "fmt", "--check", "a.rules", "b.rules", "nosuch"], cwd: dir, environment: ["PLANCHECK_LANG": "zh"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("nosuch: 错误：没有这个文件或文件夹\n"))
        #expect(check.stderr.contains("1 个文件需要重新格式化\n"))
        let done = try runPlancheck(["rules", "fmt", "a.rules", "b.rules", "--lang", "zh"], cwd: dir)
        #expect(done.status == 0 && done.stderr == "已格式化 1 个文件，1 个未改动\n", "\(done.stderr)")
        let again = try runPlancheck(["rules", "fmt", "--check", "a.rules", "b.rules"], cwd: dir)
        #expect(again.stderr == "2 files already formatted\n")
    }

    @Test func extractSaysWhatItDraftedInChinese() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("d.rules")
        let zh = try runPlancheck(["extract", "Samples/zhuzhou-14th-plenum-communique-2020.txt", "--output", out.path, "--lang", "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stderr.hasPrefix("已起草 14 个目标（每个以“全会提出”“全会强调”开头的段落一条，item 为段落序号），1 个 target，37 处 TODO → "))
        #expect(zh.stderr.contains("草稿检查了文件 24 项承诺中的 92%（已检查 22 项，1 个数字中 1 个有目标比对）；运行 plancheck rules coverage "))
        let en = try runPlancheck(["extract", "Samples/zhuzhou-14th-plenum-communique-2020.txt", "--output", out.path])
        #expect(en.stderr.hasPrefix("drafted 14 goals (paragraphs opening with 全会提出), 1 target, 37 TODO marks → "))
    }

    /// ArgumentParser's own errors, in the help's language; the exit code stays 2.
    @Test func usageErrorsSpeakChinese() throws {
        let cases: [([String], String)] = [
            (["check", "p.txt", "--bogus"], "错误：未知选项 '--bogus'"),
            (["check", "p.txt", "--fail-on", "sometimes"], "错误：'--fail-on <fail-on>' 的取值 'sometimes' 无效，请给出其中之一：'error'、'warning'、'never'。"),
            (["check", "p.txt", "--format"], "错误：'--format <formats>' 缺少取值"),
            (["check", "p.txt", "--limit=-1"], "错误：--limit 必须是 0（全部）或更大的数"),
            (["rules", "matches", "Rules/zhuzhou/15th", "p.txt", "--term", "a", "--goal", "1"], "错误：--term 和 --goal 只能给出一个"),
        ]
        for (arguments, first) in cases {
            let zh = try runPlancheck(arguments, environment: ["PLANCHECK_LANG": "zh"])
            #expect(zh.status == 2, "\(arguments)")
            #expect(zh.stderr.hasPrefix(first + "\n"), "\(arguments): \(zh.stderr)")
            #expect(zh.stderr.contains("用法：plancheck ") && zh.stderr.contains("查看更多信息。"))
            let en = try runPlancheck(arguments)
            #expect(en.status == 2 && en.stderr.hasPrefix("Error: "), "\(arguments)")
        }
    }
}
