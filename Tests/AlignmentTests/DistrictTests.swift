import Testing
@testable import Alignment
import RuleLanguage

/// The district a plan is for, from its title, and goals written for some places only.
@Suite struct DistrictTests {
    @Test func theDistrictIsTheLastUnitTheTitleStartsWith() {
        #expect(District.of(title: "株洲市荷塘区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要") == "荷塘区")
        #expect(District.of(title: "湖南省株洲市醴陵市国民经济和社会发展第十五个五年规划纲要") == "醴陵市")
        #expect(District.of(title: "攸县国民经济和社会发展第十五个五年规划纲要") == "攸县")
        #expect(District.of(title: "株洲 市 芦淞区 十五五规划纲要（草案）") == "芦淞区")
        // The city's own documents name the city.
        #expect(District.of(title: "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议") == "株洲市")
        // 城市 ends like a unit but is none: the city's plan stays the city's.
        #expect(District.of(title: "株洲市城市总体规划") == "株洲市")
        #expect(District.of(title: "国民经济和社会发展第十五个五年规划纲要") == nil)
        #expect(District.of(title: nil) == nil)
    }

    static let rulesText = header + """
        goal 27.1 "农产品加工产业园" {
          cite 建议 item 27 "攸县香干、醴陵酱板鸭等农产品加工产业园"
          applies 醴陵市, 攸县
          require mention "农产品加工"
        }
        goal 13 "城区的高校" {
          cite 建议 item 13 "支持湖南工业大学创“双一流”"
          weight 3
          except 醴陵市, 攸县
          require mention "高校"
        }

        """

    @Test func aGoalForOtherPlacesIsNotApplicableAndOutOfCoverage() throws {
        let hetang = try check(Self.rulesText, "株洲市荷塘区国民经济和社会发展第十五个五年规划纲要\n第一章 教育\n支持高校发展。\n")
        #expect(hetang.district == "荷塘区")
        #expect(status(hetang, "27.1") == .notApplicable)
        #expect(status(hetang, "13") == .covered)
        let finding = try #require(hetang.findings.first { $0.goal == "27.1" })
        #expect(finding.message == "applies only to 醴陵市、攸县; this plan is 荷塘区's")
        #expect(!finding.isGap && finding.evidence.isEmpty)
        // Only the goal that applies counts: coverage is whole, and one goal was checked.
        let summary = Summary(findings: hetang.findings)
        #expect(summary.goals == 1 && summary.coverage == 1)
        #expect(summary.counts["not-applicable"] == 1)

        let liling = try check(Self.rulesText, "株洲市醴陵市国民经济和社会发展第十五个五年规划纲要\n第一章 乡村\n建设农产品加工产业园。\n")
        #expect(status(liling, "27.1") == .covered)
        #expect(status(liling, "13") == .notApplicable)
        #expect(liling.findings.first { $0.goal == "13" }?.message == "does not apply to 醴陵市、攸县")
    }

    /// With no district in the title, a goal for named places only is not applicable; one with exceptions
    /// applies. `district:` (the CLI's --district) decides over the title.
    @Test func anUnknownDistrictAndOneGivenByHand() throws {
        let engine = try AlignmentEngine(ruleSet: rules(Self.rulesText))
        let untitled = try plan("第一章 乡村\n建设农产品加工产业园，支持高校发展。\n")
        let unknown = engine.check(untitled)
        #expect(unknown.district == nil)
        #expect(status(unknown, "27.1") == .notApplicable)
        #expect(unknown.findings.first { $0.goal == "27.1" }?.message.hasSuffix("its title names none; give --district)") == true)
        #expect(status(unknown, "13") == .covered)
        let given = engine.check(untitled, district: "攸县")
        #expect(given.district == "攸县")
        #expect(status(given, "27.1") == .covered)
        #expect(status(given, "13") == .notApplicable)
        let titled = try plan("株洲市荷塘区国民经济和社会发展第十五个五年规划纲要\n第一章 乡村\n建设农产品加工产业园。\n")
        #expect(status(engine.check(titled, district: "醴陵市"), "27.1") == .covered)
    }
}
