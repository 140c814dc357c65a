import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage

/// Checks against structured plans: indicator tables as targets, binding indicators, XPath scopes.
@Suite struct StructuredPlanTests {
    // Illustrative figures (示例), not from any plan.
    let xml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <plan>
      <chapter number="4">
        <heading>第四章 发展目标</heading>
        <p>到2030年,建设更有实力的先进制造业高地。</p>
        <indicators base-year="2025" target-year="2030">
          <caption>示例：主要指标（虚构数据）</caption>
          <indicator attribute="约束性">
            <name>空气质量优良天数比率</name><unit>%</unit>
            <base>86.3</base><target>≥90</target>
          </indicator>
          <indicator attribute="预期性">
            <name>研发经费投入强度</name><unit>%</unit>
            <base>2.9</base><target>3.0</target>
          </indicator>
        </indicators>
      </chapter>
      <chapter number="6">
        <heading>第六章 产业</heading>
        <p>大力发展陶瓷产业。</p>
      </chapter>
    </plan>
    """

    /// The same plan as text, its table as a PDF's text gives it: cells cut by ideographic spaces.
    let text = """
    第四章 发展目标
    到2030年,建设更有实力的先进制造业高地。
    示例：主要指标（虚构数据）
    指标\u{3000}\u{3000}单位\u{3000}\u{3000}2025年\u{3000}\u{3000}2030年\u{3000}\u{3000}属性
    空气质量优良天数比率\u{3000}\u{3000}%\u{3000}\u{3000}86.3\u{3000}\u{3000}≥90\u{3000}\u{3000}约束性
    研发经费投入强度\u{3000}\u{3000}%\u{3000}\u{3000}2.9\u{3000}\u{3000}3.0\u{3000}\u{3000}预期性
    第六章 产业
    大力发展陶瓷产业。
    """

    /// Checks the plan as XML, or as text when `file` ends in `.txt`.
    func check(_ rulesText: String, xpaths: [String] = [], file: String = "plan.xml") throws -> PlanResult {
        let rs = try rules(header + rulesText)
        let engine = try AlignmentEngine(ruleSet: rs)
        var options = ReadOptions()
        options.xpathScopes = engine.xpathExpressions + xpaths
        let doc = try PlanReader.read(bytes: Array((file.hasSuffix(".txt") ? text : xml).utf8), file: file, options: options)
        return engine.check(doc)
    }

    @Test(arguments: ["plan.xml", "plan.txt"]) func indicatorTableTargetsCount(file: String) throws {
        let r = try check("""
        term 空气优良率 = "空气质量优良天数比率" unit %
        goal A "空气" {
          require target 空气优良率 >= 88% by 2030
        }
        goal B "研发" {
          require target 研发强度 >= 3.2% by 2030
        }
        """, file: file)
        let a = try #require(r.findings.first { $0.goal == "A" })
        #expect(a.status == .covered)
        #expect(a.message.contains("indicator table"))
        if file == "plan.txt" {
            #expect(a.evidence.first?.line == 5 && a.evidence.first?.column == 1 && a.evidence.first?.xpath == nil)
        } else {
            #expect(a.evidence.first?.xpath == "/plan/chapter[1]/indicators[1]/indicator[1]")
        }
        #expect(a.evidence.first?.path == ["第四章"])
        let b = try #require(r.findings.first { $0.goal == "B" })
        #expect(b.status == .conflicting)
        #expect(b.message.contains("3.2%"))
        #expect(b.message.contains("indicator table"))
    }

    @Test(arguments: ["plan.xml", "plan.txt"]) func bindingIndicatorMissingFromTheTableIsItsOwnFinding(file: String) throws {
        let r = try check("""
        term 能耗降低 = "单位地区生产总值能耗降低" unit %
        term 空气优良率 = "空气质量优良天数比率" unit %
        goal E "能耗" {
          tags 约束性
          require target 能耗降低 >= 13.5%
          require target 空气优良率 >= 88%
        }
        goal F "非约束性" {
          require target 能耗降低 >= 13.5%
        }
        """, file: file)
        let own = r.findings.filter { $0.kind == .indicator }
        #expect(own.map(\.goal) == ["E#能耗降低"])
        #expect(own.first?.status == .missing)
        #expect(own.first?.message.contains("not in the plan's indicator table “示例：主要指标（虚构数据）”") == true)
        // It points at the table: its element in XML, its first row's line in text.
        if file == "plan.txt" {
            #expect(own.first?.evidence.first?.line == 5 && own.first?.evidence.first?.path == ["第四章"])
        } else {
            #expect(own.first?.evidence.first?.xpath == "/plan/chapter[1]/indicators[1]")
        }
    }

    @Test func xpathScopesSelectElements() throws {
        let inScope = try check("""
        goal X "陶瓷" {
          require mention "陶瓷" in xpath "//chapter[@number='6']"
        }
        """)
        #expect(inScope.findings.first?.status == .covered)
        #expect(inScope.findings.first?.evidence.first?.xpath?.hasPrefix("/plan/chapter[2]") == true)
        let outOfScope = try check("""
        goal X "陶瓷" {
          require mention "陶瓷" in xpath "//chapter[@number='4']"
        }
        """)
        #expect(outOfScope.findings.first?.status == .missing)
    }

    @Test func xpathScopesAreIgnoredForTextPlans() throws {
        let rs = try rules(header + "goal X \"陶瓷\" {\n  require mention \"陶瓷\" in xpath \"//chapter\"\n}\n")
        let r = try AlignmentEngine(ruleSet: rs).check(plan("第六章 产业\n大力发展陶瓷产业。\n"))
        #expect(r.findings.first?.status == .covered)
    }
}
