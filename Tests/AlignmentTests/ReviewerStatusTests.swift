import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage

/// Issue #14, statuses a reviewer would sign: the vision past the period, the glossary, names inside other
/// names, and which sentence a finding shows first. Small plans of the 十四五 (2021..2025), written like
/// the 荷塘区 纲要 in Samples.

/// A rule set for 2021..2025 with `goals` after its terms.
private func reviewRules(_ goals: String, terms: String = "") -> String {
    """
    ruleset "审读" {
      source 建议 = "测试建议"
      period 2021..2025
    }
    term 幸福新城区 = "幸福新城区"
    term 研发强度 = "研发投入强度" unit %
    \(terms)
    \(goals)

    """
}

/// One goal `G` with one clause.
private func oneGoal(_ clause: String, terms: String = "") -> String {
    reviewRules("""
    goal G "目标" {
      cite 建议 item 1 "原文"
      \(clause)
    }
    """, terms: terms)
}

private func finding(_ r: PlanResult, _ goal: String = "G") -> Finding? { r.findings.first { $0.goal == goal } }

private let mentionedOnly = CommitmentClass.mentionOnly.description
private let withDeadline = CommitmentClass.deadline.description
private let withVerb = CommitmentClass.verb.description

// MARK: - Years past the period

/// A year within the rule set's period is a deadline; a year after it (到二〇三五年) is the vision, no
/// commitment of the period, unless the clause is `commitment … by YEAR`.
@Suite struct VisionYearTests {
    static let commitment = oneGoal("require commitment 幸福新城区")

    @Test(arguments: ["到2035年，", "到二〇三五年，", "到二 〇 三五年,", "2035年", "“十五五”时期，"])
    func aYearPastThePeriodIsNoCommitmentOfIt(year: String) throws {
        let r = try check(Self.commitment, "第三章 主要任务\n\(year)基本建成幸福新城区。\n")
        #expect(status(r, "G") == .weak)
        let f = try #require(finding(r))
        #expect(f.message.contains("never commits"))
        #expect(f.evidence.first?.line == 2)
        #expect(f.evidence.first?.commitment == mentionedOnly)
        // Without the year the same sentence commits with its verb (建成): the year is what makes it a vision.
        let plain = try check(Self.commitment, "第三章 主要任务\n基本建成幸福新城区。\n")
        #expect(status(plain, "G") == .covered)
        #expect(finding(plain)?.evidence.first?.commitment == withVerb)
    }

    @Test func commitmentByTheVisionsYearAcceptsIt() throws {
        let text = "第三章 主要任务\n到二〇三五年，基本建成幸福新城区。\n"
        for by in ["2035", "2040"] {
            let r = try check(oneGoal("require commitment 幸福新城区 by \(by)"), text)
            #expect(status(r, "G") == .covered, "by \(by)")
            // The vision's year stands as the deadline.
            #expect(finding(r)?.evidence.first?.commitment == withDeadline, "by \(by)")
        }
        // A vision later than the clause allows is still no commitment.
        let early = try check(oneGoal("require commitment 幸福新城区 by 2030"), text)
        #expect(status(early, "G") == .weak)
        #expect(finding(early)?.evidence.first?.commitment == mentionedOnly)
        let later = try check(oneGoal("require commitment 幸福新城区 by 2030"), "第三章 主要任务\n到2030年，基本建成幸福新城区。\n")
        #expect(status(later, "G") == .covered)
    }

    @Test func aYearWithinThePeriodIsStillADeadline() throws {
        for sentence in ["到2025年，基本建成幸福新城区。", "“十四五”期末，基本建成幸福新城区。",
                         // A year within the period outweighs the vision beside it.
                         "到2025年建成幸福新城区，到2035年基本实现现代化。"] {
            for rules in [Self.commitment, oneGoal("require commitment 幸福新城区 by 2035")] {
                let r = try check(rules, "第三章 主要任务\n\(sentence)\n")
                #expect(status(r, "G") == .covered, "\(sentence)")
                #expect(finding(r)?.evidence.first?.commitment == withDeadline, "\(sentence)")
            }
        }
        // The first year after the period is already the vision; a year before it is the past.
        #expect(status(try check(Self.commitment, "第三章 主要任务\n到2026年，基本建成幸福新城区。\n"), "G") == .weak)
        #expect(status(try check(Self.commitment, "第三章 主要任务\n2020年，基本建成幸福新城区。\n"), "G") == .weak)
    }

    @Test func aVisionSectionsHeadingMakesItsSentencesVision() throws {
        let vision = "第四章 发展目标\n第一节 二〇三五年远景目标\n全面建成幸福新城区。\n"
        #expect(status(try check(Self.commitment, vision), "G") == .weak)
        // As the sample writes it (line 127): the heading runs into its label, the year spaced out by the PDF.
        let sample = try check(oneGoal("require commitment 幸福新城区 by 2035"), "第四章 发展目标\n第一节二 〇 三五年远景目标\n全面建成幸福新城区。\n")
        #expect(status(sample, "G") == .covered)
        #expect(status(try check(Self.commitment, "第四章 发展目标\n第一节二 〇 三五年远景目标\n全面建成幸福新城区。\n"), "G") == .weak)
        let by2035 = try check(oneGoal("require commitment 幸福新城区 by 2035"), vision)
        #expect(status(by2035, "G") == .covered)
        #expect(finding(by2035)?.evidence.first?.line == 3)
        #expect(finding(by2035)?.evidence.first?.commitment == withDeadline)
        #expect(status(try check(oneGoal("require commitment 幸福新城区 by 2030"), vision), "G") == .weak)
        // Below the vision heading too.
        let nested = "第二篇 二〇三五年远景目标\n第四章 经济强区\n第一节 城市品质\n全面建成幸福新城区。\n"
        #expect(status(try check(Self.commitment, nested), "G") == .weak)
        #expect(status(try check(oneGoal("require commitment 幸福新城区 by 2035"), nested), "G") == .covered)
        // A sentence of the vision section that names a year within the period commits to it.
        let deadline = try check(Self.commitment, "第四章 发展目标\n第一节 二〇三五年远景目标\n到2025年，建成幸福新城区。\n")
        #expect(status(deadline, "G") == .covered)
        #expect(finding(deadline)?.evidence.first?.commitment == withDeadline)
        // A heading for the period and the vision together is no vision section.
        let both = try check(Self.commitment, "第四章 发展目标\n第一节 “十四五”时期主要目标和二〇三五年远景目标\n全面建成幸福新城区。\n")
        #expect(status(both, "G") == .covered)
        // A vision heading without a year is later than any `by`.
        let noYear = "第四章 发展目标\n第一节 远景展望\n全面建成幸福新城区。\n"
        #expect(status(try check(Self.commitment, noYear), "G") == .weak)
        #expect(status(try check(oneGoal("require commitment 幸福新城区 by 2035"), noYear), "G") == .weak)
        // There a sentence's own year is the vision's.
        let ownYear = "第四章 发展目标\n第一节 远景展望\n到2035年，全面建成幸福新城区。\n"
        #expect(status(try check(oneGoal("require commitment 幸福新城区 by 2035"), ownYear), "G") == .covered)
        #expect(status(try check(oneGoal("require commitment 幸福新城区 by 2030"), ownYear), "G") == .weak)
    }

    @Test func aTargetIgnoresAValueStatedOnlyForTheVision() throws {
        let target = oneGoal("require target 研发强度 >= 3%")
        let vision = try check(target, "第三章 创新\n到2035年，研发投入强度达到3.5%。\n")
        #expect(status(vision, "G") == .weak)
        #expect(finding(vision)?.message.contains("a vision past the period") == true)
        let period = try check(target, "第三章 创新\n到2025年，研发投入强度达到3.5%。\n")
        #expect(status(period, "G") == .covered)
        // The period's own value is compared, the vision's higher one is not.
        let both = try check(target, "第三章 创新\n到2025年，研发投入强度达到2.5%。\n到2035年，研发投入强度达到3.5%。\n")
        #expect(status(both, "G") == .conflicting)
        #expect(finding(both)?.evidence.first?.line == 2)
        #expect(finding(both)?.message.contains("2.5") == true)
        // In a vision section, a value without a year is the vision's too.
        let section = try check(target, "第四章 发展目标\n第一节 二〇三五年远景目标\n研发投入强度达到3.5%。\n")
        #expect(status(section, "G") == .weak)
    }

    @Test func byWithinThePeriodIsWarned() {
        let within = RuleSetLoader.load(source: oneGoal("require commitment 幸福新城区 by 2025"), path: "/tmp/by.rules")
        #expect(!within.hasErrors)
        let warned = within.diagnostics.filter { $0.code == "by-within-period" }
        #expect(warned.count == 1 && warned.first?.level == .warning)
        #expect(warned.first?.location.line == 10)
        let after = RuleSetLoader.load(source: oneGoal("require commitment 幸福新城区 by 2035"), path: "/tmp/by.rules")
        #expect(!after.diagnostics.contains { $0.code == "by-within-period" }, "\(after.rendered())")
    }
}

// MARK: - Glossary

/// 名词解释 defines words; an entry commits to nothing and sets no target.
@Suite struct GlossaryEntryTests {
    static let terms = "term 两新一重 = \"两新一重\""
    static let glossary = """
    第三章 主要任务
    推进产业发展。
    名词解释
    1.“两新一重”：“两新一重”即新型基础设施建设、新型城镇化建设和交通等重大工程建设，2025年全面完成。
    """

    @Test func aTermDefinedOnlyInTheGlossaryIsMentionedNotCommitted() throws {
        let r = try check(oneGoal("require commitment 两新一重", terms: Self.terms), Self.glossary)
        #expect(status(r, "G") == .weak)
        let f = try #require(finding(r))
        #expect(f.evidence.first?.line == 4)
        #expect(f.evidence.first?.commitment == mentionedOnly)
        // The entry's body names the term with a deadline and a verb, and still commits to nothing.
        #expect(f.message.contains("never commits"))
        // `by` does not make a definition a commitment either.
        #expect(status(try check(oneGoal("require commitment 两新一重 by 2035", terms: Self.terms), Self.glossary), "G") == .weak)
        // A definition is a mention.
        #expect(status(try check(oneGoal("require mention 两新一重", terms: Self.terms), Self.glossary), "G") == .covered)
        // The same words in a task chapter commit, and are shown.
        let task = Self.glossary.replacingOccurrences(of: "推进产业发展。", with: "加快推进“两新一重”建设。")
        let committed = try check(oneGoal("require commitment 两新一重", terms: Self.terms), task)
        #expect(status(committed, "G") == .covered)
        #expect(finding(committed)?.evidence.first?.line == 2)
        let mentioned = try check(oneGoal("require mention 两新一重", terms: Self.terms), task)
        #expect(finding(mentioned)?.evidence.first?.line == 2)
    }

    @Test func aTargetValueInTheGlossaryIsNotCompared() throws {
        let target = oneGoal("require target 研发强度 >= 3%")
        let entry = "名词解释\n1.研发投入强度：指研发经费支出占地区生产总值的比重，2025年全区达到3.5%。\n"
        let only = try check(target, "第三章 创新\n推进科技创新。\n" + entry)
        #expect(status(only, "G") == .weak)
        #expect(finding(only)?.message.contains("the glossary") == true)
        // The plan's own lower value decides, not the definition's.
        let both = try check(target, "第三章 创新\n到2025年，研发投入强度达到2.5%。\n" + entry)
        #expect(status(both, "G") == .conflicting)
        #expect(finding(both)?.evidence.first?.line == 2)
    }
}

// MARK: - Names

/// A goal's words joined by a middle dot to a word that is no alias of the rule set stand inside another
/// name (城乡统筹·幸福株洲 is a campaign, not the goal 建设幸福株洲); quotes and titles do not hide a name.
@Suite struct ProperNameTests {
    static let names = reviewRules("""
    goal 幸福 "建设幸福株洲" {
      require mention 幸福株洲
    }
    goal 名城 "培育制造名城" {
      require mention 制造名城
    }
    """, terms: "term 幸福株洲 = \"幸福株洲\"\nterm 制造名城 = \"制造名城\"")

    @Test(arguments: ["·", "・", "•", "‧"])
    func aGoalsWordsInsideACampaignsNameAreNotTheGoal(dot: String) throws {
        // Samples/hetang-14th-five-year-plan.txt line 31, in the review of the past.
        for text in ["第一章 发展成就\n“幸福荷塘”创新社会治理系列活动升级为“城乡统筹\(dot)幸福株洲”创新社会治理系列行动，在全市推广。\n",
                     "第三章 主要任务\n深化城乡统筹\(dot)幸福株洲创新社会治理系列行动。\n",
                     // As the sample writes it, with the PDF's spaces.
                     "第一章 发展成就\n并升级为 “ 城乡统筹 \(dot) 幸福株洲 ” 创新社会治理系列行动,在全市推广。\n",
                     "第三章 主要任务\n开展幸福株洲\(dot)城乡统筹系列行动。\n"] {
            let r = try check(Self.names, text)
            #expect(status(r, "幸福") == .missing, "\(text)")
        }
    }

    @Test func theNameAloneOrInQuotesCounts() throws {
        for text in ["第三章 主要任务\n建设幸福株洲。\n", "第三章 主要任务\n建设“幸福株洲”。\n",
                     "第三章 主要任务\n共建“城乡统筹”“幸福株洲”。\n", "第三章 主要任务\n建设幸福株洲·\n"] {
            let r = try check(Self.names, text)
            #expect(status(r, "幸福") == .covered, "\(text)")
            #expect(finding(r, "幸福")?.evidence.first?.match == "幸福株洲", "\(text)")
        }
    }

    @Test func twoAliasesJoinedByADotCount() throws {
        let text = "第三章 主要任务\n到2025年，基本建成“制造名城·幸福株洲”的荷塘样板。\n"
        let r = try check(Self.names, text)
        #expect(status(r, "幸福") == .covered)
        #expect(status(r, "名城") == .covered)
        #expect(finding(r, "名城")?.evidence.first?.match == "制造名城")
        // Whether the word across the dot is an alias is the rule set's: without 制造名城, 幸福株洲 is inside
        // a name the rules do not know.
        let alone = reviewRules("goal 幸福 \"建设幸福株洲\" {\n  require mention 幸福株洲\n}", terms: "term 幸福株洲 = \"幸福株洲\"")
        #expect(status(try check(alone, text), "幸福") == .missing)
        // And the other way: once 城乡统筹 is an alias of some goal, the campaign's name is two of the rule
        // set's words joined by a dot, and counts.
        let campaign = reviewRules("""
        goal 幸福 "建设幸福株洲" {
          require mention 幸福株洲
        }
        goal 城乡 "城乡统筹" {
          require mention 城乡统筹
        }
        """, terms: "term 幸福株洲 = \"幸福株洲\"\nterm 城乡统筹 = \"城乡统筹\"")
        let r2 = try check(campaign, "第三章 主要任务\n深化城乡统筹·幸福株洲创新社会治理系列行动。\n")
        #expect(status(r2, "幸福") == .covered)
        #expect(status(r2, "城乡") == .covered)
    }

    @Test func aWholeNameWrittenAsAnAliasIsMatchedWhole() throws {
        let text = "第三章 主要任务\n打造株洲·中国动力谷。\n"
        let whole = oneGoal("require mention 动力谷", terms: "term 动力谷 = \"株洲·中国动力谷\"")
        let r = try check(whole, text)
        #expect(status(r, "G") == .covered)
        #expect(finding(r)?.evidence.first?.match == "株洲·中国动力谷")
        // With both, the whole name is the match.
        let both = try check(oneGoal("require mention 动力谷", terms: "term 动力谷 = \"中国动力谷\" | \"株洲·中国动力谷\""), text)
        #expect(status(both, "G") == .covered)
        #expect(finding(both)?.evidence.first?.match == "株洲·中国动力谷")
        // The part alone is inside the name.
        let part = oneGoal("require mention 动力谷", terms: "term 动力谷 = \"中国动力谷\"")
        #expect(status(try check(part, text), "G") == .missing)
        #expect(status(try check(part, "第三章 主要任务\n打造中国动力谷。\n"), "G") == .covered)
    }

    @Test func programmesInQuotesCount() throws {
        let rules = reviewRules("""
        goal AI "人工智能+" {
          require commitment 人工智能加
        }
        goal 清单 "不刁难企业负面清单" {
          require mention "不刁难企业负面清单"
        }
        """, terms: "term 人工智能加 = \"人工智能+\"")
        let r = try check(rules, "第三章 主要任务\n深入实施“人工智能+”行动。\n推行“不刁难企业负面清单”。\n")
        #expect(status(r, "AI") == .covered)
        #expect(finding(r, "AI")?.evidence.first?.match == "人工智能+")
        #expect(status(r, "清单") == .covered)
    }

    @Test func aTitleCountsWhenAnAliasMatchesIt() throws {
        let text = "第三章 区域协调\n落实《长株潭区域一体化发展规划纲要》。\n"
        let matching = oneGoal("require mention 长株潭一体化", terms: "term 长株潭一体化 = \"长株潭一体化\" | \"长株潭区域一体化\"")
        let r = try check(matching, text)
        #expect(status(r, "G") == .covered)
        #expect(finding(r)?.evidence.first?.match == "长株潭区域一体化")
        // The title's words are matched as they stand: an alias that is not in them does not match.
        let other = oneGoal("require mention 长株潭一体化", terms: "term 长株潭一体化 = \"长株潭一体化\"")
        #expect(status(try check(other, text), "G") == .missing)
    }
}

// MARK: - Evidence order

/// A finding shows first the sentence that decided it: the strongest commitment, a task chapter before
/// the guiding ideas of the same class, and a mention in the plan's own tasks before the review, the
/// vision and the glossary.
@Suite struct EvidenceOrderTests {
    static let both = reviewRules("""
    goal C "建设幸福新城区" {
      require commitment 幸福新城区
    }
    goal M "提到幸福新城区" {
      require mention 幸福新城区
    }
    """)

    @Test(arguments: PrincipleSections.markers)
    func aTaskChapterIsShownBeforeTheGuidingIdeas(marker: String) throws {
        let text = "第一章 \(marker)\n坚持以人民为中心，加快建设幸福新城区。\n第二章 主要任务\n第一节 民生\n加快建设幸福新城区。\n"
        let r = try check(Self.both, text)
        #expect(status(r, "C") == .covered)
        #expect(finding(r, "C")?.evidence.first?.line == 5)
        #expect(finding(r, "C")?.evidence.first?.path == ["第二章", "第一节"])
        #expect(finding(r, "M")?.evidence.first?.line == 5)
    }

    @Test func aStrongerCommitmentAmongThePrinciplesStillComesFirst() throws {
        // Ranked by class first: the deadline in 总体要求 outranks the task chapter's verb.
        let text = "第一章 总体要求\n到2025年，基本建成幸福新城区。\n第二章 主要任务\n加快建设幸福新城区。\n"
        let r = try check(Self.both, text)
        #expect(finding(r, "C")?.evidence.first?.line == 2)
        #expect(finding(r, "C")?.evidence.first?.commitment == withDeadline)
        // A mention is shown from the tasks.
        #expect(finding(r, "M")?.evidence.first?.line == 4)
    }

    static let everywhere = """
    第一章 发展基础
    第一节 发展成就
    幸福新城区建设成效明显。
    第二章 发展目标
    第一节 二〇三五年远景目标
    到二〇三五年，基本建成幸福新城区。
    第三章 主要任务
    加快建设幸福新城区。
    名词解释
    1.幸福新城区：指经济强、百姓富、生态美的城区。
    """

    @Test func reviewVisionAndGlossaryAreNotShownFirstWhenATaskChapterCommits() throws {
        let r = try check(Self.both, Self.everywhere)
        #expect(status(r, "C") == .covered)
        #expect(finding(r, "C")?.evidence.first?.line == 8)
        #expect(finding(r, "C")?.evidence.first?.commitment == withVerb)
        #expect(status(r, "M") == .covered)
        #expect(finding(r, "M")?.evidence.first?.line == 8)
        // A clause that accepts the vision shows it first: its deadline outranks the task's verb.
        let vision = try check(reviewRules("goal V \"远景\" {\n  require commitment 幸福新城区 by 2035\n}"), Self.everywhere)
        #expect(finding(vision, "V")?.evidence.first?.line == 6)
        #expect(finding(vision, "V")?.evidence.first?.commitment == withDeadline)
        // Without the task chapter, the first mention is shown.
        let noTask = Self.everywhere.replacingOccurrences(of: "加快建设幸福新城区。", with: "推进产业发展。")
        let weak = try check(Self.both, noTask)
        #expect(status(weak, "C") == .weak)
        #expect(finding(weak, "M")?.evidence.first?.line == 3)
    }

    /// When nothing commits, a `mention` clause shows the tasks' passing mention before the review and the
    /// vision; a `commitment` clause should show the same sentence.
    @Test func aWeakCommitmentShowsTheSameMentionAsAMentionClause() throws {
        let text = """
        第一章 发展成就
        幸福新城区建设成效明显。
        第二章 发展目标
        第一节 二〇三五年远景目标
        到二〇三五年，基本建成幸福新城区。
        第三章 主要任务
        幸福新城区的各项指标见附表。
        """
        let r = try check(Self.both, text)
        #expect(status(r, "C") == .weak)
        #expect(status(r, "M") == .covered)
        #expect(finding(r, "M")?.evidence.first?.line == 7)
        #expect(finding(r, "C")?.evidence.first?.commitment == mentionedOnly)
        #expect(finding(r, "C")?.evidence.first?.line == 7)
        #expect(finding(r, "C")?.message == "mentions “幸福新城区” but never commits to it (only in passing)")
    }

    /// A weak commitment says where the goal is only named, so a drafter knows what to move or rewrite.
    @Test(arguments: [
        ("第一章 发展成就\n幸福新城区建设成效明显。\n", "only in the review of the past"),
        ("第一章 发展目标\n第一节 二〇三五年远景目标\n到二〇三五年，基本建成幸福新城区。\n", "only in the vision beyond the period"),
        ("名词解释\n1.幸福新城区：指经济强、百姓富、生态美的城区。\n", "only in the glossary"),
        ("第一章 主要任务\n幸福新城区的各项指标见附表。\n", "only in passing"),
    ])
    func aWeakCommitmentSaysWhereTheGoalIsNamed(text: String, place: String) throws {
        let r = try check(Self.both, text)
        #expect(status(r, "C") == .weak)
        #expect(finding(r, "C")?.message == "mentions “幸福新城区” but never commits to it (\(place))")
    }

    @Test func twoTermsNamedInTwoPlacesSayBoth() throws {
        let rules = reviewRules("goal A \"两者\" {\n  require commitment all(经济强区, 幸福新城区)\n}", terms: "term 经济强区 = \"经济强区\"")
        let r = try check(rules, "第一章 发展成就\n经济强区建设成效明显。\n名词解释\n1.幸福新城区：指城区。\n")
        #expect(status(r, "A") == .weak)
        #expect(finding(r, "A")?.message == "mentions “经济强区”、“幸福新城区” but never commits to them (only in the review of the past, in the glossary)")
    }

    @Test func aTermCommittedToComesBeforeOneOnlyMentioned() throws {
        let rules = reviewRules("goal A \"任一\" {\n  require commitment any(经济强区, 幸福新城区)\n}", terms: "term 经济强区 = \"经济强区\"")
        let r = try check(rules, "第一章 发展成就\n经济强区建设成效明显。\n第二章 主要任务\n加快建设幸福新城区。\n")
        #expect(status(r, "A") == .covered)
        #expect(finding(r, "A")?.evidence.map(\.line) == [4, 2])
    }
}

// MARK: - Hostile

/// Names on hostile plans: a sentence of 100,000 dots, or of names joined by dots, is judged in one pass.
@Suite struct ProperNameScaleTests {
    static let rules = ProperNameTests.names

    @Test(.timeLimit(.minutes(1))) func aHundredThousandDottedNamesAreChecked() throws {
        let chain = try check(Self.rules, "第三章 主要任务\n" + String(repeating: "幸福株洲·", count: 100_000) + "。\n")
        // Each joined to another 幸福株洲: the city's own name, so it counts.
        #expect(status(chain, "幸福") == .covered)
        #expect(status(chain, "名城") == .missing)
        let e = try #require(finding(chain, "幸福")?.evidence.first)
        #expect(e.line == 2 && e.match == "幸福株洲")
        #expect(e.text.count < 1_000)
        // Joined to a word that is no alias: all of them inside the campaign's name.
        let campaign = try check(Self.rules, "第三章 主要任务\n" + String(repeating: "城乡统筹·幸福株洲·", count: 50_000) + "。\n")
        #expect(status(campaign, "幸福") == .missing)
    }

    @Test(.timeLimit(.minutes(1))) func aHundredThousandDotsAreChecked() throws {
        let dots = String(repeating: "·", count: 100_000)
        #expect(status(try check(Self.rules, "第三章 主要任务\n" + dots + "\n"), "幸福") == .missing)
        let r = try check(Self.rules, "第三章 主要任务\n建设幸福株洲" + dots + "制造名城。\n")
        #expect(status(r, "幸福") == .covered)
        #expect(status(r, "名城") == .covered)
    }
}
