import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage
import TestSupport

/// Loads rules from text, failing the test on any error.
func rules(_ text: String) throws -> RuleSet {
    let r = RuleSetLoader.load(source: text, path: "/tmp/test.rules")
    if r.hasErrors { Issue.record("rule errors:\n\(r.rendered())") }
    return r.ruleSet
}

func plan(_ text: String, file: String = "plan.txt") throws -> PlanDocument {
    TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: file))
}

func check(_ rulesText: String, _ planText: String, explain: String? = nil) throws -> PlanResult {
    try AlignmentEngine(ruleSet: rules(rulesText)).check(plan(planText), explain: explain)
}

func status(_ r: PlanResult, _ goal: String) -> Status? { r.findings.first { $0.goal == goal }?.status }

let header = """
ruleset "测试" {
  source 建议 = "测试建议" published 2025-12-23
  period 2026..2030
}
term 研发强度 = "研发投入强度" | "研发经费投入强度" | "R&D投入强度" unit %
term 产业集群 = "产业集群"

"""

@Suite struct EngineStatusTests {
    let goals = header + """
    goal R "研发投入" {
      area 创新
      cite 建议 item 5 "研发投入达到国内先进水平"
      require commitment 研发强度
    }
    goal T "研发目标" {
      area 创新
      cite 建议 item 5 "研发投入强度达到3.2%"
      require target 研发强度 >= 3.2% by 2030
    }
    goal M "集群" {
      area 产业
      cite 建议 item 6 "产业集群"
      require mention all(产业集群, "先进硬质材料")
    }
    retire "十九大" use "二十大" severity error
    """

    @Test func coveredWithQuantityAndDeadline() throws {
        let r = try check(goals, "第七章 创新\n到2030年,研发经费投入强度达到3.5%以上。\n第八章 产业\n壮大先进硬质材料产业集群。\n")
        #expect(status(r, "R") == .covered)
        #expect(status(r, "T") == .covered)
        #expect(status(r, "M") == .covered)
        let t = try #require(r.findings.first { $0.goal == "T" })
        #expect(t.evidence.first?.line == 2)
        #expect(t.evidence.first?.match == "研发经费投入强度")
        #expect(t.evidence.first?.path == ["第七章"])
        #expect(!r.findings.contains { $0.status == .outdated })
    }

    @Test func weakWhenOnlyInTheReviewOfThePast() throws {
        let text = "第一章 发展成就\n2020年研发经费投入强度达到2.9%。\n第二章 任务\n产业集群发展。\n"
        let r = try check(goals, text)
        #expect(status(r, "R") == .weak)
        #expect(status(r, "T") == .weak)
        let f = try #require(r.findings.first { $0.goal == "R" })
        #expect(f.message.contains("never commits"))
        #expect(f.severity == .error)
        // A mention of only one of two required terms is weak too.
        #expect(status(r, "M") == .weak)
    }

    @Test func conflictingWhenLessThanTheCityAsks() throws {
        let r = try check(goals, "第七章 创新\n到2030年,研发投入强度达到2.8%。\n")
        #expect(status(r, "T") == .conflicting)
        let f = try #require(r.findings.first { $0.goal == "T" })
        #expect(f.message.contains("2.8"))
        #expect(f.message.contains("3.2%"))
    }

    @Test func conflictingWhenLater() throws {
        let r = try check(header + """
        goal T "研发目标" {
          require target 研发强度 >= 3.2% by 2028
        }
        """, "第七章 创新\n到2030年,研发投入强度达到3.5%。\n")
        #expect(status(r, "T") == .conflicting)
        #expect(r.findings[0].message.contains("2030"))
    }

    @Test func conflictingWithTheWrongUnit() throws {
        let r = try check(header + """
        term 产值 = "陶瓷产业产值"
        goal C "陶瓷" {
          require target 产值 >= 1000亿元
        }
        """, "第六章 产业\n陶瓷产业产值达到15%。\n")
        #expect(status(r, "C") == .conflicting)
        #expect(r.findings[0].message.contains("wrong unit: % where 亿元 is asked"))
    }

    /// A count never stands for money (issue #13): 1000家 counts firms, it says nothing of the output value,
    /// so it is not comparable; the clause is weak, not conflicting.
    @Test func aCountIsNotAValueOfAnotherDimension() throws {
        let rules = header + """
        term 产值 = "陶瓷产业产值"
        goal C "陶瓷" {
          require target 产值 >= 1000亿元
        }
        goal K "企业" {
          require target 产值 >= 100家
        }
        """
        let r = try check(rules, "第六章 产业\n陶瓷产业产值达到1000家。\n")
        #expect(status(r, "C") == .weak)
        #expect(r.findings.first { $0.goal == "C" }?.message.contains("sets no value comparable with ≥ 1000亿元") == true)
        #expect(status(r, "K") == .covered)
        // The other way: money against a count target.
        let money = try check(rules, "第六章 产业\n陶瓷产业产值达到1000亿元。\n")
        #expect(status(money, "C") == .covered)
        #expect(status(money, "K") == .weak)
    }

    @Test func unitConversionAndDroppedUnit() throws {
        let r = try check(header + """
        term 产值 = "陶瓷产业产值"
        goal C "陶瓷" {
          require target 产值 >= 1000亿元
        }
        goal T "研发目标" {
          require target 研发强度 >= 3.2%
        }
        """, "第六章 产业\n陶瓷产业产值突破12000000万元。\n研发投入强度达到3.3以上。\n")
        #expect(status(r, "C") == .covered)
        #expect(status(r, "T") == .covered)
        #expect(r.findings.first { $0.goal == "T" }?.message.contains("taken from the subject") == true)
    }

    @Test func missingShowsClosestPassages() throws {
        let r = try check(goals, "第七章 创新\n加大科技研发经费的投入力度。\n第八章 生态\n加强生态保护。\n")
        #expect(status(r, "R") == .missing)
        let f = try #require(r.findings.first { $0.goal == "R" })
        #expect(f.evidence.isEmpty)
        #expect(f.suggestions.first?.line == 2)
        #expect(f.suggestions.first?.score != nil)
    }

    @Test func outdatedTermsAreReported() throws {
        let r = try check(goals, "第三章 指导思想\n深入贯彻党的十九大和十九届历次全会精神。\n")
        let f = try #require(r.findings.first { $0.status == .outdated })
        #expect(f.goal == "retire:十九大")
        #expect(f.severity == .error)
        #expect(f.evidence.first?.line == 2)
        #expect(f.message.contains("二十大"))
    }

    @Test func headingTitlesCountAsText() throws {
        let rs = header + """
        goal H "高地" {
          require commitment "先进制造业高地"
        }
        """
        let text = "一、目标\n1.主要目标。总体要求。\n——建设更有实力的国家重要先进制造业高地。制造业水平大幅提高。\n"
        let r = try check(rs, text)
        #expect(status(r, "H") == .covered)
        #expect(r.findings[0].evidence.first?.line == 3)
        #expect(r.findings[0].evidence.first?.path == ["一、", "1.", "——建设更有实力的国家重要先进制造业高地"])
    }

    @Test func noiseNeverCounts() throws {
        let text = "第七章 创新\n本版责任编辑:到2030年研发投入强度达到3.5%\n"
        let r = try check(goals, text)
        #expect(status(r, "T") == .missing)
    }

    @Test func explainTracesTheDecision() throws {
        let r = try check(goals, "第七章 创新\n到2030年,研发经费投入强度达到3.5%以上。\n", explain: "T")
        let text = r.explanation.map(\.en).joined(separator: "\n")
        #expect(text.contains("goal T"))
        #expect(text.contains("plan.txt:2:"))
        #expect(text.contains("⇒ covered"))
    }
}

@Suite struct EngineScopeTests {
    @Test func sectionScopesAndConditions() throws {
        let rs = header + """
        goal S "范围" {
          require mention "陶瓷" in section /产业/
          when mention "电子信息" then expect mention "功率半导体"
        }
        """
        let inScope = try check(rs, "第六章 现代产业体系\n发展陶瓷。\n第七章 创新\n电子信息。\n")
        #expect(status(inScope, "S") == .weak)   // the condition holds, its clause fails
        let f = try #require(inScope.findings.first)
        #expect(f.severity == .warning)            // only the `expect` clause failed
        let outOfScope = try check(rs, "第六章 生态\n发展陶瓷。\n")
        #expect(status(outOfScope, "S") == .missing)
    }

    /// A goal asked only of plans that name something (县城) does not apply to a plan that never does: it is
    /// no gap and no credit, as a goal for other districts.
    @Test func aGoalWhoseEveryConditionFailsIsNotApplicable() throws {
        let rs = header + """
        goal X "县域" {
          when mention "县城" then expect commitment "县域经济"
          when mention "乡镇" then require mention "特色小镇"
        }
        goal Y "城区" { require mention "老旧小区" }
        """
        let urban = try check(rs, "第六章 城区\n推进老旧小区改造。\n")
        #expect(status(urban, "X") == .notApplicable)
        let x = try #require(urban.findings.first { $0.goal == "X" })
        #expect(x.message == "not applicable: no mention of “县城”; not applicable: no mention of “乡镇”")
        #expect(x.evidence.isEmpty)
        // Coverage leaves it out: the one goal checked is covered.
        #expect(Summary(findings: urban.findings).coverage == 1)
        // One condition holding is enough for the goal to be checked: it is a gap of a county's plan.
        let county = try check(rs, "第六章 县城\n推进县城建设。\n推进老旧小区改造。\n")
        #expect(status(county, "X") == .missing)
        #expect(county.findings.first { $0.goal == "X" }?.message == "no mention of “县域经济”")
    }

    @Test func exclusionsDropHitsInsideLongerWords() throws {
        let rs = header + """
        term 研发 = "研发" except "研发中心"
        goal E "研发" {
          require mention 研发
        }
        """
        #expect(status(try check(rs, "第一章 任务\n建设研发中心。\n"), "E") == .missing)
        #expect(status(try check(rs, "第一章 任务\n加强研发。\n"), "E") == .covered)
    }

    @Test func oneAutomatonServesEveryGoal() throws {
        let engine = try AlignmentEngine(ruleSet: rules(header + """
        goal A "a" { require mention "产业集群" }
        goal B "b" { require mention 产业集群 }
        """))
        // The phrase and the term share one pattern; terms no goal uses are not compiled.
        #expect(engine.automaton.patternCount == 1)
    }
}

@Suite struct EngineDeterminismTests {
    @Test func sameInputSameFindings() throws {
        let rs = try rules(header + "goal R \"r\" { require commitment 研发强度 }\n")
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/hetang-14th-five-year-plan.txt"), encoding: .utf8)
        let a = try AlignmentEngine(ruleSet: rs).check(plan(text))
        let b = try AlignmentEngine(ruleSet: rs).check(plan(text))
        #expect(a.findings == b.findings)
    }
}

/// Exclusions on hostile plans: a term's exclusion found as often as its alias is one pass, not a question
/// per alias (30,000 `燃放烟花鞭炮` took 28 s when each alias asked every exclusion).
@Suite struct ExclusionScaleTests {
    static let rulesText = header + """
        term 花炮产业 = "烟花鞭炮" | "花炮" except "燃放烟花鞭炮"
        goal 9 "花炮产业转型升级" {
          cite 建议 item 9 "推动花炮产业转型升级"
          require mention 花炮产业
        }
        retire "烟花" except "燃放烟花鞭炮" severity info

        """

    @Test(.timeLimit(.minutes(1))) func thirtyThousandExcludedMatchesAreOnePass() throws {
        let plan = "第一章 产业\n" + String(repeating: "禁止燃放烟花鞭炮，", count: 30_000) + "。\n"
        let r = try check(Self.rulesText, plan)
        #expect(status(r, "9") == .missing)
        #expect(!r.findings.contains { $0.kind == .retirement })
        // One alias outside the exclusions, at the end, still counts, for the goal and the retirement alike.
        let one = try check(Self.rulesText, plan + "发展花炮产业，推广环保烟花。\n")
        #expect(status(one, "9") != .missing)
        let retired = try #require(one.findings.first { $0.kind == .retirement })
        #expect(retired.evidence.count == 1)
        #expect(retired.evidence.first?.match == "烟花")
    }
}
