import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage

/// The commitments `rules coverage` measures rules against, and how a rule set's clauses check them.
@Suite struct CommitmentTests {
    static let proposal: [Commitment] = {
        (try? TextPlanReader.read(path: repoPath("Samples/zhuzhou-15th-plan-proposal-2025.txt"))).map(CommitmentFinder.find) ?? []
    }()

    func find(_ text: String, in list: [Commitment] = proposal) -> Commitment? { list.first { $0.text.contains(text) } }

    @Test func theProposalsCommitmentsByKind() throws {
        let five = try #require(find("北斗、低空经济产业过五百亿元"))
        #expect(five.kinds == [.quantity])
        #expect(five.item == "6" && five.part == "三、" && five.line == 53)
        #expect(five.quantities.map(\.description) == ["≥500亿元"])
        let system = try #require(find("“3+3+2”现代化产业体系迭代升级"))
        #expect(system.kinds == [.name, .programme] && system.names == ["3+3+2"] && system.item == "5")
        let redLine = try #require(find("坚守永久基本农田红线"))
        #expect(redLine.kinds == [.obligation] && redLine.item == "25")
        let law = try #require(find("《株洲市农村村庄规划建设管理条例》"))
        #expect(law.kinds == [.name] && law.names == ["株洲市农村村庄规划建设管理条例"])
        // Digits and x make a project's name a programme without quotation marks.
        #expect(find("2x100万千瓦")?.kinds.contains(.programme) == true)
        #expect(find("百强榜50强")?.quantities.map(\.kind) == [.rank, .rank])
    }

    @Test func reviewsOfThePastHoldNoCommitments() {
        // 一、 …面临的发展环境和基础条件 (items 1 and 2): 今年地区生产总值将突破4000亿元 is an achievement.
        #expect(Self.proposal.count > 150)
        #expect(!Self.proposal.contains { $0.part == "一、" })
        #expect(find("4000亿元") == nil)
    }

    @Test func clausesAndNamesAreCutWhereTheyEnd() {
        // The 、 inside the quotation marks does not end the clause: one name.
        #expect(find("工作思路")?.names == ["聚焦、裂变、创新、升级、品牌"])
        // 本地“生”、本地“养”: single characters in quotation marks are emphasis, not names.
        #expect(!Self.proposal.contains { $0.names.contains("生") || $0.names.contains("厂") })
        // The period's own name is not a commitment.
        #expect(!Self.proposal.contains { $0.names.contains("十五五") })
        // Each clause is found once, with the column of its first character in the file.
        let clauses = Self.proposal.map { "\($0.line):\($0.column)" }
        #expect(Set(clauses).count == clauses.count)
        let doc = try? TextPlanReader.read(path: repoPath("Samples/zhuzhou-15th-plan-proposal-2025.txt"))
        if let five = find("北斗、低空经济产业过五百亿元"), let doc {
            let line = Array(doc.source.line(five.line))
            #expect(String(String.UnicodeScalarView(line[(five.column - 1)...].prefix(7))) == "北斗、低空经济")
        }
    }

    static let smallPlan = """
    中共某市委关于制定某市国民经济和社会发展第十五个五年规划的建议

    一、“十四五”时期的发展成就
    1. 发展成就
    硬质材料产业突破300亿元。
    二、主要任务
    2. 发展产业
    推动硬质材料产业过五百亿元，打造“钻石之城”，确保不发生系统性风险，建设“1+N”产业链。
    3. 守住底线
    坚守耕地红线。
    """

    static let smallRules = """
    ruleset "某市建议衔接" {
      source 建议 = "中共某市委关于制定某市国民经济和社会发展第十五个五年规划的建议"
      period 2026..2030
    }
    term 硬质材料产业 = "硬质材料产业" | "硬质材料" except "硬质材料研究院"
    goal 2 "硬质材料产业过五百亿元" {
      cite 建议 item 2 "推动硬质材料产业过五百亿元"
      require commitment 硬质材料产业
      expect target 硬质材料产业 >= 五百亿元 by 2030
    }
    goal 2.1 "钻石之城" {
      cite 建议 item 2 "打造“钻石之城”"
      expect mention "钻石之城"
    }
    goal 9 "耕地红线，引错了条目" {
      cite 建议 item 9 "坚守耕地红线"
      require mention "耕地红线"
    }
    """

    func smallCoverage(rules: String = smallRules) throws -> [CommitmentCoverage] {
        let doc = TextPlanReader.read(try SourceText(bytes: Array(Self.smallPlan.utf8), file: "建议.txt"))
        let loaded = RuleSetLoader.load(source: rules, path: "/tmp/small.rules")
        #expect(!loaded.hasErrors, "\(loaded.rendered())")
        let engine = try AlignmentEngine(ruleSet: loaded.ruleSet)
        let commitments = CommitmentFinder.find(in: doc)
        return engine.coverage(of: doc, commitments: commitments) { $0.short == "建议" }
    }

    @Test func aClauseChecksACommitmentOfTheItemItCites() throws {
        let coverage = try smallCoverage()
        let byText = Dictionary(coverage.map { ($0.commitment.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(coverage.map(\.commitment.text) == ["推动硬质材料产业过五百亿元，", "打造“钻石之城”，", "确保不发生系统性风险，",
                                                    "建设“1+N”产业链。", "坚守耕地红线。"])
        let figure = try #require(byText["推动硬质材料产业过五百亿元，"])
        #expect(figure.state == .target)
        #expect(figure.checks.map(\.goal) == ["2", "2"] && figure.checks.map(\.target) == [false, true])
        #expect(figure.checks.map(\.line) == [8, 9] && figure.checks.allSatisfy { $0.file == "/tmp/small.rules" })
        #expect(byText["打造“钻石之城”，"]?.state == .checked)
        #expect(byText["打造“钻石之城”，"]?.checks.map(\.goal) == ["2.1"])
        #expect(byText["确保不发生系统性风险，"]?.state == .unchecked)
        #expect(byText["建设“1+N”产业链。"]?.commitment.kinds == [.name, .programme])
        // 耕地红线 is found, but the goal cites item 9, not item 3: it does not check it.
        #expect(byText["坚守耕地红线。"]?.state == .unchecked)
        #expect(byText["坚守耕地红线。"]?.commitment.item == "3")
    }

    @Test func aFigureIsCheckedOnlyByATargetAndAnExclusionHidesItsAlias() throws {
        // Without the target, the figure is found but not compared: unchecked.
        let mentionOnly = Self.smallRules.replacingOccurrences(of: "  expect target 硬质材料产业 >= 五百亿元 by 2030\n", with: "")
        let figure = try #require(try smallCoverage(rules: mentionOnly).first)
        #expect(figure.checks.count == 1 && figure.state == .unchecked)
        // An alias inside one of the term's exclusions does not count.
        let excluded = Self.smallRules.replacingOccurrences(of: "except \"硬质材料研究院\"", with: "except \"硬质材料产业过五百亿元\"")
        #expect(try smallCoverage(rules: excluded).first?.checks.isEmpty == true)
    }

    @Test func citationsThatDoNotFitTheDocument() throws {
        let rules = Self.smallRules + "\n" + """
        goal 2.2 "引错了原文" {
          cite 建议 item 2 "推动硬质材料产业过六百亿元"
          require mention 硬质材料产业
        }
        goal 2.3 "查的不是所引的" {
          cite 建议 item 2 "打造“钻石之城”"
          require mention "硬质合金"
          expect mention "钻石之城"
        }
        goal 2.4 "全角标点与半角标点同样算数" {
          cite 建议 item 2 "推动硬质材料产业过五百亿元,打造“钻石之城”"
          require mention 硬质材料产业
        }
        """
        let doc = TextPlanReader.read(try SourceText(bytes: Array(Self.smallPlan.utf8), file: "建议.txt"))
        let loaded = RuleSetLoader.load(source: rules, path: "/tmp/small.rules")
        #expect(!loaded.hasErrors, "\(loaded.rendered())")
        let engine = try AlignmentEngine(ruleSet: loaded.ruleSet)
        let problems = engine.citationProblems(in: doc) { $0.short == "建议" }
        #expect(problems.map(\.goal) == ["2.2", "2.3"])
        #expect(problems.first?.kind == .notInDocument)
        #expect(problems.first?.line == 20 && problems.first?.column == 18)
        // 2.3 requires 硬质合金, which its quotation does not hold; its expect clause does not count.
        #expect(problems.last?.kind == .holdsNoRequiredTerm && problems.last?.terms == ["硬质合金"])
        // Another document's goals are not looked at.
        #expect(engine.citationProblems(in: doc) { $0.short == "公报" }.isEmpty)
    }
}

/// `rules matches`: every match of an alias, with its exclusion, its longer word and its commitment class.
@Suite struct AliasMatchTests {
    @Test func matchesInContext() throws {
        let rules = """
        term 孵化 = "孵化基地" | "孵化器" except "社会组织孵化基地"
        goal 1 "成果转化" {
          cite "某市建议" "加快成果转化"
          require commitment 孵化
        }
        goal 2 "开放" {
          cite "某市建议" "扩大开放"
          require mention "对外开放"
        }
        """
        let plan = """
        第一章 创新
        加强社会组织孵化基地建设。
        到2030年建成科技企业孵化器5个。
        第二章 开放
        完成社会厕所对外开放40座。
        """
        let doc = TextPlanReader.read(try SourceText(bytes: Array(plan.utf8), file: "plan.txt"))
        let loaded = RuleSetLoader.load(source: rules, path: "/tmp/m.rules")
        #expect(!loaded.hasErrors, "\(loaded.rendered())")
        let engine = try AlignmentEngine(ruleSet: loaded.ruleSet)
        let all = engine.aliasMatches(in: doc)
        #expect(all.map(\.alias) == ["孵化基地", "孵化器", "对外开放"])
        let social = all[0]
        #expect(social.term == "孵化" && social.excludedBy == "社会组织孵化基地" && social.word == "社会组织孵化基地建设")
        #expect(doc.text(of: doc.sentences[social.sentence]).unicodeScalars.count > social.range.upperBound)
        let incubator = all[1]
        #expect(incubator.excludedBy == nil && incubator.commitment == .quantityAndDeadline && incubator.word == "科技企业孵化器")
        #expect(all[2].word == "社会厕所对外开放")
        // By term name, by alias, by goal.
        #expect(engine.aliasMatches(in: doc, terms: engine.termIDs(named: "孵化")).count == 2)
        #expect(engine.aliasMatches(in: doc, terms: engine.termIDs(named: "孵化器")).count == 2)
        #expect(engine.aliasMatches(in: doc, terms: engine.termIDs(ofGoal: "2")).map(\.alias) == ["对外开放"])
        #expect(engine.termIDs(named: "没有这个").isEmpty && engine.termIDs(ofGoal: "9").isEmpty)
    }
}
