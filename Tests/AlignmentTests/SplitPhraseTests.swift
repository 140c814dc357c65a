import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage

/// Split phrases, `"A" .. "B"`: a subject and its change word apart in one clause.
@Suite struct SplitPhraseTests {
    static let ruleText = """
    ruleset "分开写" {
      source 党代会 = "党代会报告"
      period 2021..2025
    }
    term 能耗降低 = "万元GDP能耗下降" | "万元GDP能耗" .. "下降" unit %
    goal 8 "万元GDP能耗下降15%以上" {
      cite 党代会 "万元GDP能耗下降15%以上"
      require target 能耗降低 >= 15%
    }
    goal 9 "研发经费投入强度提高到3%" {
      cite 党代会 "研发经费投入强度提高到3%"
      require target "研发经费投入强度" .. "提高到" >= 3%
    }
    goal 10 "森林覆盖率" {
      cite 党代会 "森林覆盖率稳定在"
      require mention "森林覆盖率" .. "稳定在"
    }

    """

    func finding(_ planText: String, _ goal: String) throws -> Finding {
        try #require(try check(Self.ruleText, "第三章 主要任务\n" + planText + "\n").findings.first { $0.goal == goal })
    }

    @Test func theChangeIsReadAcrossTheGap() throws {
        // The value after the change word is the change: 18% ≥ 15%.
        let f = try finding("到2025年，万元GDP能耗在2020年基础上下降18%。", "8")
        #expect(f.status == .covered)
        #expect(f.evidence.first?.match == "万元GDP能耗在2020年基础上下降")
        // 下降10% is a weaker change: a conflict, not a pass.
        #expect(try finding("到2025年，万元GDP能耗在2020年基础上下降10%。", "8").status == .conflicting)
        // 提高到 is the level reached, so the start value inside the gap is not the target's.
        #expect(try finding("到2025年，研发经费投入强度由2.1%提高到3.2%。", "9").status == .covered)
        #expect(try finding("到2025年，研发经费投入强度由2.1%提高到2.5%。", "9").status == .conflicting)
    }

    @Test func theSecondPartMustFollowInTheSameClause() throws {
        // Another clause: no match.
        #expect(try finding("万元GDP能耗总量得到控制，森林面积下降18%。", "8").status == .missing)
        // Before the first part: no match.
        #expect(try finding("排放下降18%，万元GDP能耗保持稳定。", "8").status == .missing)
        #expect(try finding("森林稳定在较高水平的森林覆盖率。", "10").status == .missing)
        #expect(try finding("森林覆盖率稳定在70%以上。", "10").status == .covered)
    }

    @Test func theGapIsAtMostSixteenCharacters() throws {
        // 由2016年的0.547吨标煤 is 15 characters: the 荷塘区 plan's own sentence.
        let reviewed = try finding("万元GDP能耗由2016年的0.547吨标煤下降到2020年的0.481吨标煤。", "8")
        #expect(reviewed.status == .weak)
        #expect(reviewed.evidence.first?.match == "万元GDP能耗由2016年的0.547吨标煤下降")
        #expect(SplitPhrase.maxGap == 16)
        let sixteen = "万元GDP能耗" + String(repeating: "甲", count: 16) + "下降18%。"
        let seventeen = "万元GDP能耗" + String(repeating: "甲", count: 17) + "下降18%。"
        #expect(try finding(sixteen, "8").status == .covered)
        #expect(try finding(seventeen, "8").status == .missing)
    }

    @Test func rulesMatchesAndTheIndicatorTableSeeSplitAliases() throws {
        let engine = try AlignmentEngine(ruleSet: rules(Self.ruleText))
        let doc = try plan("第三章 主要任务\n到2025年，万元GDP能耗在2020年基础上下降18%。\n")
        let matches = engine.aliasMatches(in: doc)
        #expect(matches.map(\.alias) == ["万元GDP能耗在2020年基础上下降"])
        #expect(matches.first?.term == "能耗降低")
        // A table row names its indicator once: 万元GDP能耗累计下降 holds the split alias.
        #expect(Evaluation.name("万元GDP能耗累计下降(%)", holds: SplitPhrase(first: "万元GDP能耗", second: "下降")))
        #expect(!Evaluation.name("万元GDP能耗(吨标煤)", holds: SplitPhrase(first: "万元GDP能耗", second: "下降")))
        #expect(!Evaluation.name("下降的万元GDP能耗", holds: SplitPhrase(first: "万元GDP能耗", second: "下降")))
    }

    @Test(.timeLimit(.minutes(1))) func manyFirstPartsInOneClauseStayLinear() throws {
        // 100,000 subjects and one change word: each first part looks at the next second part only.
        let text = String(repeating: "万元GDP能耗", count: 100_000) + "下降18%。"
        let f = try finding(text, "8")
        #expect(f.status == .covered)
        let many = String(repeating: "万元GDP能耗下降", count: 50_000) + "。"
        #expect(try finding(many, "8").status != .missing)
    }
}
