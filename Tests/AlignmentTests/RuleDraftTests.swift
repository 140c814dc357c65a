import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage

/// `plancheck extract`'s drafts: what they hold for the city documents, and that they always lint clean.
@Suite struct RuleDraftTests {
    static let dictionary: [String: [String]] = {
        let loaded = RuleSetLoader.load(path: repoPath("Rules/common"))
        return loaded.ruleSet.resolvedTerms.filter { $0.value.unit != nil }.mapValues(\.aliases)
    }()

    func draft(_ sample: String) throws -> (RuleDraft, RuleSetLoadResult) {
        let doc = try TextPlanReader.read(path: repoPath("Samples/" + sample))
        let d = RuleDrafter.draft(doc, options: RuleDraftOptions(dictionary: Self.dictionary, dictionaryPath: "Rules/common"))
        return (d, RuleSetLoader.load(source: d.text, path: "/tmp/draft.rules"))
    }

    func clauses(_ goal: Goal?) -> [String] {
        guard let goal else { return [] }
        return goal.clauses.map { c in
            switch c.predicate {
            case .target(let t):
                switch t.comparison {
                case .atLeast(let v): return "target \(t.subject.text) >= \(v.text)"
                case .atMost(let v): return "target \(t.subject.text) <= \(v.text)"
                case .equal(let v): return "target \(t.subject.text) = \(v.text)"
                case .between(let a, let b): return "target \(t.subject.text) between \(a.text) and \(b.text)"
                }
            case .mention(let s): return "mention " + s.terms.map(\.text).joined(separator: ",")
            case .commitment(let s, _): return "commitment " + s.terms.map(\.text).joined(separator: ",")
            }
        }
    }

    @Test func theFifteenthProposalGivesOneGoalPerItemAndItsTargets() throws {
        let (d, loaded) = try draft("zhuzhou-15th-plan-proposal-2025.txt")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.rendered())")
        #expect(d.basis == "numbered items")
        let ids = loaded.ruleSet.goals.map(\.id.value)
        // 52 numbered items, and the ——lines of items 4 (six) and 5 (five) as sub-goals.
        #expect(ids.filter { !$0.contains(".") } == (1...52).map(String.init))
        #expect(ids.filter { $0.hasPrefix("5.") } == ["5.1", "5.2", "5.3", "5.4", "5.5"])
        #expect(ids.count == 63)
        #expect(loaded.ruleSet.period.map { [$0.start, $0.end] } == [2026, 2030])
        let six = loaded.ruleSet.goal(id: "6")
        #expect(six?.title.value == "梯度培育制造业产业集群")
        #expect(six?.citation?.item?.value == "6")
        #expect(six?.citation?.quote?.value.hasPrefix("坚持优势产业锻长板、战略产业扩规模") == true)
        let targets = clauses(six)
        for cluster in ["陶瓷", "电子信息", "先进硬质材料", "功率半导体"] {
            // 迈上千亿台阶 is money: the unit is written, and the year is the period's end.
            #expect(targets.contains("target \(cluster) >= 1000亿元"), "\(cluster): \(targets)")
            #expect(d.text.contains("expect target \"\(cluster)\" >= 1000亿元 by 2030"))
        }
        #expect(targets.contains("target 北斗 >= 500亿元"))
        #expect(targets.contains("target 低空经济产业 >= 500亿元"))
        // A class of firms (百亿企业倍增) is not a target.
        #expect(!targets.contains { $0.contains("100亿") })
        // 百强榜50强: one target, the tightest rank, of the list's subject.
        #expect(clauses(loaded.ruleSet.goal(id: "32")).filter { $0.hasPrefix("target") } == ["target 最具人才吸引力城市 <= 五十"])
        // Item 1 reviews the 十四五: its figures are past, named once in a comment, never drafted as targets.
        #expect(clauses(loaded.ruleSet.goal(id: "1")).allSatisfy { !$0.hasPrefix("target") })
        #expect(d.text.contains("原文的“突破4000亿元”、“突破10万元”"))
        #expect(!d.text.contains("今年地区生产总值将"))
        // Areas from the part headings (三、…产业体系 → 产业), severity from the cited sentence's verbs.
        #expect(Set(loaded.ruleSet.header?.areas?.map(\.value) ?? []) == ["产业", "创新", "开放", "内需", "区域", "乡村", "文化", "民生", "生态", "安全", "治理"])
        #expect(six?.area?.value == "产业")
        #expect(loaded.ruleSet.goal(id: "11")?.area?.value == "创新")
        #expect(loaded.ruleSet.goal(id: "29")?.area?.value == "乡村")
        #expect(loaded.ruleSet.goal(id: "45")?.area?.value == "生态")
        #expect(loaded.ruleSet.goal(id: "45")?.severity?.value == .error)   // 实施最严格的生态环境保护制度
        #expect(six?.severity == nil)                                       // 推动…: the default, warning
        #expect(loaded.ruleSet.defaultSeverity == .warning)
        #expect(d.targets >= 8)
    }

    @Test func theCommuniqueGivesOneGoalPerParagraphNumberedAsTheFourteenthRulesCite() throws {
        let (d, loaded) = try draft("zhuzhou-14th-plenum-communique-2020.txt")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.rendered())")
        #expect(d.basis == "paragraphs opening with 全会提出")
        #expect(loaded.ruleSet.goals.count == 14)   // not the closing 全会号召, not the COVID notice after it
        #expect(loaded.ruleSet.period.map { [$0.start, $0.end] } == [2021, 2025])
        #expect(loaded.ruleSet.goal(id: "4")?.title.value == "坚持制造强市,加快建设更具实力的中国动力谷")
        #expect(clauses(loaded.ruleSet.goal(id: "4")).first == "commitment 制造强市,制造强市七大工程")
        // The hand-written 十四五 rules cite 公报 paragraphs by the same numbers.
        let doc = try TextPlanReader.read(path: repoPath("Samples/zhuzhou-14th-plenum-communique-2020.txt"))
        let paragraphs = RuleDrafter.paragraphs(doc).filter { p in RuleDrafter.paragraphMarkers.contains { doc.text(of: p[0]).hasPrefix($0) } }
        let rules = RuleSetLoader.load(path: repoPath("Rules/zhuzhou/14th")).ruleSet
        var checked = 0
        for g in rules.goals {
            guard case .source("公报")? = g.citation?.document.value, let item = g.citation?.item.flatMap({ Int($0.value) }),
                  let quote = g.citation?.quote?.value else { continue }
            let text = paragraphs[item - 1].map { doc.text(of: $0) }.joined()
            #expect(text.contains(quote), "\(g.id.value): “\(quote)” is not in paragraph \(item)")
            checked += 1
        }
        #expect(checked >= 20)
    }

    /// A drafted target names the indicator as a noun phrase (no time word, verb or comparator around it),
    /// carries the unit and the year, and is not drafted from a figure of the past.
    @Test func targetsAreNounPhrasesWithUnitAndYear() throws {
        let text = """
            某市国民经济和社会发展第十五个五年规划建议
            一、主要目标
            1. 经济发展
            今年地区生产总值将突破4000亿元。到2030年地区生产总值迈上五千亿台阶，力争跻身全国城市百强榜50强。
            2. 生态环境
            确保单位地区生产总值能耗下降14%。2024年森林覆盖率达到62%。
            """
        let doc = TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: "city.txt"))
        let d = RuleDrafter.draft(doc)
        let loaded = RuleSetLoader.load(source: d.text, path: "draft.rules")
        #expect(!loaded.hasErrors, "\(loaded.rendered())\n\(d.text)")
        #expect(d.text.contains("expect target \"地区生产总值\" >= 5000亿元 by 2030"), "\(d.text)")
        #expect(d.text.contains("expect target \"全国城市\" <= 五十 by 2030"))
        #expect(!d.text.contains("<= 一百"))
        #expect(d.text.contains("expect target \"单位地区生产总值能耗下降\" >= 14% by 2030"))
        // 2024年's 62% is of the past: named in a comment, not drafted.
        #expect(!d.text.contains("target \"森林覆盖率\""))
        #expect(d.text.contains("原文的“达到62%”是过去的数"))
        // Item 2's cited sentence binds (确保): an error; item 1's does not.
        #expect(loaded.ruleSet.goal(id: "1")?.severity == nil)
        #expect(loaded.ruleSet.goal(id: "2")?.severity?.value == .error)
    }

    @Test func documentsWithoutItemsOrMarkersFallBackToSectionsOrTheWholeText() throws {
        let sections = TextPlanReader.read(try SourceText(bytes: Array("""
            第一章 发展目标
            到2025年，全社会研发投入强度达到3.2%以上。
            第二章 重点任务
            “十四五”时期，打造“材料科技城”。
            """.utf8), file: "x.txt"))
        let d1 = RuleDrafter.draft(sections, options: RuleDraftOptions(dictionary: Self.dictionary))
        let l1 = RuleSetLoader.load(source: d1.text, path: "/tmp/d1.rules")
        #expect(l1.diagnostics.isEmpty, "\(l1.rendered())")
        #expect(d1.basis == "sections")
        #expect(l1.ruleSet.goals.map(\.title.value) == ["发展目标", "重点任务"])
        #expect(clauses(l1.ruleSet.goals.first).contains("target 研发投入强度 >= 3.2%"))
        #expect(clauses(l1.ruleSet.goals.last).first == "commitment 重点任务,材料科技城")

        let empty = TextPlanReader.read(try SourceText(bytes: [], file: "empty.txt"))
        let d2 = RuleDrafter.draft(empty)
        let l2 = RuleSetLoader.load(source: d2.text, path: "/tmp/d2.rules")
        #expect(!l2.hasErrors, "\(l2.rendered())")
        #expect(d2.basis == "the whole text")
        #expect(d2.text.contains("未能从文中判断规划期"))
    }

    @Test(arguments: ["zhuzhou-government-work-report-2023.txt", "zhuzhou-13th-party-congress-2021.txt", "hetang-14th-five-year-plan.txt"])
    func everyDraftLintsClean(sample: String) throws {
        let (d, loaded) = try draft(sample)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.rendered())")
        #expect(d.goals == loaded.ruleSet.goals.count)
        // The draft is in canonical layout: formatting it changes nothing.
        #expect(RuleFormatter.format(source: d.text, path: "d.rules").output == d.text)
    }

    @Test func theCongressTargetsListIsReadLabelByLabel() throws {
        let (_, loaded) = try draft("zhuzhou-13th-party-congress-2021.txt")
        let all = loaded.ruleSet.goals.flatMap { clauses($0) }
        #expect(all.contains("target 科技进步贡献率 >= 70%"))
        #expect(all.contains("target 常住人口城镇化率 >= 75%"))
        #expect(all.contains("target 对外贸易依存度 >= 15%"))
        #expect(all.contains("target 万元GDP能耗下降 >= 15%"))
    }

    @Test func ranksAreWrittenInChineseNumerals() {
        #expect(RuleDrafter.chineseNumeral(50) == "五十")
        #expect(RuleDrafter.chineseNumeral(10) == "十")
        #expect(RuleDrafter.chineseNumeral(100) == "一百")
        #expect(RuleDrafter.chineseNumeral(105) == "一百零五")
        #expect(RuleDrafter.chineseNumeral(2030) == "二千零三十")
    }
}
