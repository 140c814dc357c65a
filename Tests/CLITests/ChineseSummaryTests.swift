import Foundation
import Testing
import TestSupport

/// The terminal summary in Chinese (`--lang zh`, a `zh` locale, or the rule set's `language zh`).
@Suite struct ChineseSummaryTests {
    /// Expects no English word (lower-case, three letters or more) in any of `lines`: the plan's own words
    /// (GDP, R&D) are upper-case.
    func expectNoEnglish<S: StringProtocol>(_ lines: [S], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines where line.range(of: "[a-z]{3,}", options: .regularExpression) != nil {
            Issue.record("untranslated: \(line)", sourceLocation: sourceLocation)
        }
    }

    /// The lines that are the engine's messages: indented six, not a place, a suggestion or a citation.
    func messageLines(_ out: String) -> [Substring] {
        out.split(separator: "\n").filter { line in
            line.hasPrefix("      ") && !line.hasPrefix("       ")
                && !["Samples/", "相近表述", "上级依据", "…"].contains { line.dropFirst(6).hasPrefix($0) }
        }
    }

    @Test(arguments: ["Rules/zhuzhou/14th", "Rules/zhuzhou/15th"])
    func everyMessageIsInChinese(rules: String) throws {
        let plans = ["Samples/hetang-14th-five-year-plan.txt", "Samples/zhuzhou-government-work-report-2023.txt"]
        let run = try runPlancheck(["check"] + plans + ["--rules", rules, "--limit", "0", "--lang", "zh"])
        #expect(run.status == 1, "\(run.stderr)")
        let lines = messageLines(run.stdout)
        #expect(lines.count > 30)
        expectNoEnglish(lines)
        #expect(run.stdout.contains("衔接率") && run.stdout.contains("上级依据："))
        #expect(!run.stdout.contains("coverage") && !run.stdout.contains("closest (suggestion)"))
    }

    @Test func theLocaleChoosesWhenNothingElseDoes() throws {
        // Rules that declare no language (the bundled ones declare Chinese).
        let zh = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--rules", fixtureRules, "--limit", "1"],
                                  environment: ["LANG": "zh_CN.UTF-8", "PLANCHECK_LANG": ""])
        #expect(zh.stdout.contains("衔接率"))
        let en = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--rules", fixtureRules, "--limit", "1"],
                                  environment: ["LANG": "en_US.UTF-8", "PLANCHECK_LANG": ""])
        #expect(en.stdout.contains("coverage") && !en.stdout.contains("衔接率"))
        let asked = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--limit", "1", "--lang", "en"],
                                     environment: ["LANG": "zh_CN.UTF-8", "PLANCHECK_LANG": "zh"])
        #expect(asked.stdout.contains("coverage") && !asked.stdout.contains("衔接率"), "--lang wins over the environment")
        let variable = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--limit", "1"],
                                        environment: ["LANG": "en_US.UTF-8", "PLANCHECK_LANG": "zh"])
        #expect(variable.stdout.contains("衔接率"), "PLANCHECK_LANG wins over the locale")
    }

    @Test func aLanguagePlancheckDoesNotSpeakIsAnError() throws {
        let run = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt"], environment: ["PLANCHECK_LANG": "fr"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("PLANCHECK_LANG=fr") && run.stderr.contains("zh"))
        let flag = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--lang", "fr"])
        #expect(flag.status == 2 && flag.stderr.contains("--lang"))
    }

    @Test func aRuleSetThatDeclaresChineseSpeaksChineseOnACLocale() throws {
        let dir = try folder(of: ["r.rules": """
            ruleset "测试" {
              period 2026..2030
              language zh
            }
            term 研发强度 = "研发投入强度" unit %
            goal 1 "科技创新" {
              cite "建议" "研发投入达到国内先进水平"
              require target 研发强度 >= 3.2% by 2030
            }

            """, "p.txt": "第一章 创新\n到2030年，研发投入强度达到3.0%。\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runPlancheck(["check", "p.txt", "--rules", "r.rules"], cwd: dir, environment: ["LANG": "C", "PLANCHECK_LANG": ""])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("不一致"))
        #expect(run.stdout.contains("“研发强度”：规划定为≥3% (2030年)，上级要求≥ 3.2%（到2030年）——≥3% (2030年)低于≥3.2% (2030年)"))
    }

    /// The bundled 株洲 rule sets declare `language zh`: a CI job on a `C` (or English) locale writes Chinese,
    /// and PLANCHECK_LANG or --lang still choose English.
    @Test func theBundledRulesSpeakChineseWhateverTheLocale() throws {
        for locale in ["C", "C.UTF-8", "en_US.UTF-8"] {
            let run = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--limit", "1"],
                                       environment: ["LANG": locale, "PLANCHECK_LANG": ""])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.contains("衔接率") && !run.stdout.contains("coverage"), "\(locale)")
        }
        let rules14 = try runPlancheck(["rules", "coverage", "Rules/zhuzhou/14th", "--source", "Samples/zhuzhou-14th-plenum-communique-2020.txt",
                                        "--cite", "公报"], environment: ["LANG": "C", "PLANCHECK_LANG": ""])
        #expect(rules14.stdout.contains("个目标引用该文件"), "\(rules14.stderr)")
        let english = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--limit", "1"],
                                       environment: ["LANG": "C", "PLANCHECK_LANG": "en"])
        #expect(english.stdout.contains("coverage"))
        let asked = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--limit", "1", "--lang", "en"],
                                     environment: ["LANG": "C", "PLANCHECK_LANG": ""])
        #expect(asked.stdout.contains("coverage"))
    }

    @Test func theOutlineSpeaksChineseToo() throws {
        let run = try runPlancheck(["outline", "--lang", "zh", "Samples/zhuzhou-13th-party-congress-2021.txt"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("干扰内容（保留，不参与检查）：") && run.stdout.contains("排版重复（重复第65行的末尾）"))
        // Past the file's own name and encoding, no English word is left.
        expectNoEnglish(Array(run.stdout.split(separator: "\n").dropFirst(2)))
    }

    @Test(arguments: ["公报.8", "党代会.8", "报告.12", "公报.2.4"])
    func explainSpeaksChinese(goal: String) throws {
        let run = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--rules", "Rules/zhuzhou/14th",
                                    "--explain", goal, "--lang", "zh"])
        #expect(run.status <= 1, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("解释 \(goal)（") && run.stdout.contains("⇒"))
        // Left in English: the rule language's own words and the files' paths.
        let keywords: Set<String> = ["require", "expect", "suggest", "when", "mention", "commitment", "target"]
        let words = try NSRegularExpression(pattern: "[A-Za-z0-9_./-]*[a-z]{3,}[A-Za-z0-9_./-]*")
        for line in run.stdout.split(separator: "\n") {
            let s = String(line)
            for m in words.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
                let w = String(s[Range(m.range, in: s)!])
                #expect(keywords.contains(w) || w.contains("/") || w.hasSuffix(".txt"), "untranslated “\(w)” in: \(s)")
            }
        }
    }

    @Test(arguments: [("Rules/zhuzhou/15th", "Samples/zhuzhou-15th-plan-proposal-2025.txt", "建议"),
                      ("Rules/zhuzhou/14th", "Samples/zhuzhou-government-work-report-2023.txt", "报告")])
    func rulesCoverageSpeaksChinese(rules: String, source: String, cite: String) throws {
        let run = try runPlancheck(["rules", "coverage", rules, "--source", source, "--cite", cite, "--lang", "zh"])
        #expect(run.status <= 1, "\(run.stderr)")
        #expect(run.stdout.contains("个目标引用该文件") && run.stdout.contains("合计"))
        // Past the first line (the rules' and the source's paths), and outside the quoted plan text.
        expectNoEnglish(run.stdout.split(separator: "\n").dropFirst().filter { !$0.contains("Samples/") })
    }

    @Test func rulesMatchesSpeaksChinese() throws {
        let run = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", "Samples/hetang-14th-five-year-plan.txt", "--goal", "5.2",
                                    "--lang", "zh"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("——“科技创新高地”：2 处") && run.stdout.contains("有部署动词"))
        // Past each line's file:line:column.
        expectNoEnglish(run.stdout.split(separator: "\n").map { $0.drop { $0 == " " }.drop { $0 != " " } })
    }
}
