import Foundation
import Testing
@testable import Alignment

/// Issue #14, the sentence shown first among hits that commit alike: the goals section, then the section
/// whose heading names the term, then the sentence whose topic the term is — not the fifth item of a list
/// about something else, as the 荷塘区 plan's park paragraph (l.233) names 长株潭一体化, 营商环境 and 干部队伍.
@Suite struct EvidenceFocusTests {
    static let rules = """
        ruleset "审读" {
          source 建议 = "测试建议"
          period 2021..2025
        }
        term 营商环境 = "营商环境"
        term 远景 = "远景目标"
        goal C "优化营商环境" {
          require commitment 营商环境
        }
        goal M "提到营商环境" {
          require mention 营商环境
        }
        goal V "远景目标" {
          require commitment 远景 by 2035
        }

        """

    func first(_ text: String, _ goal: String) throws -> Evidence? {
        try check(Self.rules, text).findings.first { $0.goal == goal }?.evidence.first
    }

    /// The park paragraph comes first in the plan and commits with a verb as the section does.
    static let park = "实施园区提质工程，推动园区承载能力、体制机制、产业生态和营商环境升级，全面加强干部队伍建设。"

    @Test func theSectionWhoseHeadingNamesTheTermIsShown() throws {
        let text = """
        第一章 产业
        \(Self.park)
        第二章 开放
        第一节 创造更优营商环境
        加强政务服务，实施营商环境优化工程。

        """
        // The section's body, even with the term in its second clause; not its heading, which only names it.
        for goal in ["C", "M"] {
            let e = try #require(try first(text, goal))
            #expect(e.line == 5, "\(goal)")
            #expect(e.path == ["第二章", "第一节"])
        }
        // Without the heading, the park paragraph comes first again: same class, earlier, and no sentence is
        // more about the term (both have it in a later clause).
        let plain = text.replacingOccurrences(of: "第一节 创造更优营商环境", with: "第一节 政务服务")
        #expect(try first(plain, "C")?.line == 2)
        #expect(try first(plain, "M")?.line == 2)
    }

    @Test func theHitAtTheHeadOfItsSentenceIsShown() throws {
        let text = "第一章 产业\n\(Self.park)\n第二章 开放\n持续优化营商环境，争创全国标杆。\n"
        #expect(try first(text, "C")?.line == 4)
        #expect(try first(text, "M")?.line == 4)
        // Clauses are counted at `，；：。`; a list joined by `、` is one clause.
        let list = "第一章 产业\n推动体制机制、产业生态和营商环境升级。\n第二章 开放\n加强服务，持续优化营商环境。\n"
        #expect(try first(list, "C")?.line == 2)
    }

    @Test func theGoalsSectionComesFirstWhateverTheClause() throws {
        let text = """
        第一章 发展目标
        经济实力明显增强，创新能力显著提升，营商环境持续优化。
        第二章 开放
        第一节 创造更优营商环境
        实施营商环境优化工程。

        """
        let e = try #require(try first(text, "C"))
        #expect(e.line == 2)
        #expect(e.commitment == CommitmentClass.goalStatement.description || e.commitment == CommitmentClass.verb.description)
        // A stronger class in a task chapter still outranks the goals section.
        let deadline = text.replacingOccurrences(of: "实施营商环境优化工程。", with: "到2025年，营商环境进入全省前列。")
        #expect(try first(deadline, "C")?.line == 5)
    }

    @Test func aClauseAskingForTheVisionShowsTheVision() throws {
        let text = """
        第一章 发展目标
        第一节 二〇三五年远景目标
        到二〇三五年，基本实现现代化。
        第二节 “十四五”规划目标
        锚定二〇三五年远景目标，我区“十四五”时期要努力实现以下主要目标。

        """
        // Both commit with a deadline (2035, and 十四五); the vision section's heading is what the clause asks for.
        let e = try #require(try first(text, "V"))
        #expect(e.line == 2)
        #expect(e.commitment == CommitmentClass.deadline.description)
    }

    @Test func outsideTheTasksTheEarliestMentionIsShown() throws {
        // The review first, not the glossary entry's title, though a title names nothing else.
        let text = "第一章 发展成就\n开放合作深入推进，营商环境持续改善。\n名词解释\n1.营商环境\n指市场主体所处的环境。\n"
        let c = try check(Self.rules, text)
        #expect(status(c, "C") == .weak)
        #expect(c.findings.first { $0.goal == "C" }?.evidence.first?.line == 2)
        #expect(c.findings.first { $0.goal == "M" }?.evidence.first?.line == 2)
    }

    /// Clauses are counted back from a hit over at most 256 characters: a sentence holding the term every
    /// few characters, with no stop at all or a stop after each, is judged in one pass.
    @Test(.timeLimit(.minutes(1)), arguments: ["、", "，"])
    func aSentenceOfFiftyThousandHitsIsJudgedInOnePass(joint: String) throws {
        let sentence = String(repeating: "优化营商环境" + joint, count: 50_000) + "。"
        let r = try check(Self.rules, "第一章 开放\n\(sentence)\n")
        #expect(status(r, "C") == .covered)
        #expect(r.findings.first { $0.goal == "C" }?.evidence.first?.column == 3)
    }
}
