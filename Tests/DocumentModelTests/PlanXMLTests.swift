import Foundation
import Quantities
import Testing
@testable import DocumentModel
import TestSupport

@Suite struct PlanXMLTests {
    @Test func bundledSchemaIsTheDocumentedOne() throws {
        let file = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/plan-xml.rng"), encoding: .utf8)
        #expect(PlanXMLSchema.relaxNG + "\n" == file)
    }

    @Test func validationErrorsCarryLineNumbers() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan version="1">
          <title>示例</title>
          <chapter number="1">
            <p>缺了标题。</p>
          </chapter>
          <section number="x">
            <heading>第一节 总则</heading>
          </section>
          <paragraph>未知元素</paragraph>
        </plan>
        """
        do {
            _ = try readPlan(xml, file: "invalid.xml")
            Issue.record("an invalid plan XML was accepted")
        } catch let e as ReadError {
            // Every problem, each at its own line.
            #expect(e.line == 4)
            #expect(e.description.hasPrefix("invalid.xml:4: does not follow the plan XML schema (docs/plan-xml.md): <chapter> must begin with <heading>"))
            #expect(e.message.contains("invalid.xml:7: <section> attribute number=\"x\" is not a whole number"))
            #expect(e.message.contains("invalid.xml:10: <paragraph> is not allowed in <plan>"))
        }
        // What only RELAX NG catches is reported with its line too.
        let order = """
        <?xml version="1.0"?>
        <plan>
          <indicators>
            <indicator><name>地区生产总值</name>
              <target>350</target><base>244</base></indicator>
          </indicators>
        </plan>
        """
        #expect { _ = try readPlan(order, file: "order.xml") } throws: { e in
            (e as? ReadError)?.line == 4 && (e as? ReadError)?.message.contains("order") == true
        }
        #expect { _ = try readPlan("<?xml version=\"1.0\"?>\n<plan><p>文字<b>粗体</b></p></plan>", file: "b.xml") } throws: { e in
            (e as? ReadError)?.message.contains("<p> holds text only, not <b>") == true
        }
    }

    @Test func schemaAndCheckAgreeOnTheSample() throws {
        // The check passes everything RELAX NG passes, on the committed sample and on the tests' documents.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: samplePath("hetang-14th-five-year-plan.xml"))))
        let tree = try LibXML.parseXML(bytes, file: "s.xml")
        #expect(PlanXMLCheck.check(tree).isEmpty)
        #expect(LibXML.validate(tree, relaxNG: PlanXMLSchema.relaxNG).isEmpty)
    }

    @Test func validatesFromAnyDirectory() throws {
        // The schema is embedded: reading works whatever the working directory.
        let here = FileManager.default.currentDirectoryPath
        defer { _ = FileManager.default.changeCurrentDirectoryPath(here) }
        _ = FileManager.default.changeCurrentDirectoryPath("/")
        let doc = try PlanReader.read(path: samplePath("hetang-14th-five-year-plan.xml"))
        #expect(doc.count(.chapter) == 16)
    }

    @Test func divisionsFollowTheXMLNesting() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan>
          <title>示例区规划纲要</title>
          <p>前言文字。</p>
          <chapter number="1">
            <heading>第一章 总体要求</heading>
            <p>章导语。</p>
            <box number="1">
              <heading>专栏1 重点工程</heading>
              <p>工程一。</p>
            </box>
            <p>专栏之后回到本章。</p>
            <numbered-part>
              <heading>一、主要目标。经济实力显著增强。</heading>
              <dash-item><heading>——建设现代产业体系</heading><p>产业迈向中高端。</p></dash-item>
              <p>仍在一、之下。</p>
            </numbered-part>
          </chapter>
          <glossary>
            <heading>名词解释</heading>
            <entry><heading>1.“三榜工作法”:精准识别榜。</heading></entry>
          </glossary>
          <noise reason="editorial line">责任编辑：某某</noise>
        </plan>
        """
        let doc = try readPlan(xml, file: "n.xml")
        #expect(doc.title == "示例区规划纲要")
        let r = doc.sentenceRecords
        func path(_ t: String) -> [String]? { r.first { $0.text == t }?.path }
        #expect(path("前言文字。") == [])
        #expect(path("工程一。") == ["第一章", "专栏1"])
        #expect(path("专栏之后回到本章。") == ["第一章"])
        #expect(path("经济实力显著增强。") == ["第一章", "一、"])
        #expect(path("产业迈向中高端。") == ["第一章", "一、", "——建设现代产业体系"])
        #expect(path("仍在一、之下。") == ["第一章", "一、"])
        #expect(path("精准识别榜。") == ["名词解释", "三榜工作法"])
        let entry = try #require(doc.allSections.first { $0.kind == .glossaryEntry })
        #expect(entry.title == "三榜工作法" && entry.number == 1)
        #expect(doc.noise.map(\.reason) == [.editorial])
        #expect(doc.noise.first?.xpath == "/plan/noise[1]")
        #expect(!r.contains { $0.text.contains("责任编辑") })
    }

    @Test func indicatorsAreStructuredWithExactValues() throws {
        // Illustrative figures (示例), not from any plan.
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan>
          <chapter number="4">
            <heading>第四章 发展目标</heading>
            <indicators base-year="2020" target-year="2025">
              <caption>示例：主要指标（虚构数据）</caption>
              <indicator attribute="预期性" category="经济发展">
                <name>地区生产总值</name><unit>亿元</unit>
                <base>244.2</base><target>350以上</target><growth>7.5</growth>
              </indicator>
              <indicator attribute="约束性" category="绿色生态">
                <name>单位地区生产总值能耗降低</name><unit>%</unit>
                <target year="2025">完成市下达任务</target><growth cumulative="true">14</growth>
              </indicator>
              <indicator attribute="约束性">
                <name>空气质量优良天数比率</name><unit>%</unit>
                <base>86.3</base><target>≥90</target>
              </indicator>
            </indicators>
          </chapter>
        </plan>
        """
        let doc = try readPlan(xml, file: "ind.xml")
        #expect(doc.indicators.count == 3)
        let gdp = doc.indicators[0]
        #expect(gdp.name == "地区生产总值" && gdp.category == "经济发展" && gdp.attribute == .expected)
        #expect(gdp.unit == Unit.named("亿元"))
        #expect(gdp.base?.quantity?.value == 244.2 && gdp.base?.year == 2020 && gdp.base?.quantity?.year == 2020)
        #expect(gdp.target?.quantity?.value == 350 && gdp.target?.quantity?.comparator == .atLeast && gdp.target?.year == 2025)
        #expect(gdp.growth?.quantity?.kind == .increase && gdp.growth?.quantity?.value == 7.5 && gdp.growth?.quantity?.annual == true)
        #expect(gdp.growth?.quantity?.unit == Unit.named("%"))
        #expect(gdp.section == doc.allSections.first?.id)
        #expect(gdp.xpath == "/plan/chapter[1]/indicators[1]/indicator[1]")
        #expect(gdp.line == 7)
        #expect(gdp.table == "示例:主要指标(虚构数据)" || gdp.table == "示例：主要指标（虚构数据）")
        let energy = doc.indicators[1]
        #expect(energy.isBinding)
        #expect(energy.target?.text == "完成市下达任务" && energy.target?.quantity == nil)
        #expect(energy.growth?.cumulative == true && energy.growth?.quantity?.annual == false)
        // A share's change is in percentage points.
        #expect(energy.growth?.quantity?.unit == Unit.named("个百分点"))
        let air = doc.indicators[2]
        #expect(air.target?.quantity?.comparator == .atLeast && air.target?.quantity?.value == 90)
        #expect(doc.indicators.filter(\.isBinding).map(\.name) == ["单位地区生产总值能耗降低", "空气质量优良天数比率"])
        // The model's JSON carries them; text plans keep their JSON unchanged (no indicators key).
        let json = String(decoding: try JSONEncoder().encode(doc), as: UTF8.self)
        #expect(json.contains("\"indicators\""))
        let textJSON = String(decoding: try JSONEncoder().encode(try readSample(Sample.hetang)), as: UTF8.self)
        #expect(!textJSON.contains("\"indicators\"") && !textJSON.contains("\"format\"") && !textJSON.contains("\"xpath\""))
        // And plan XML written from the model keeps them.
        let again = try readPlan(PlanXMLWriter.write(doc), file: "again.xml")
        #expect(again.indicators.map(\.name) == doc.indicators.map(\.name))
        #expect(again.indicators.map { $0.target?.quantity?.value } == doc.indicators.map { $0.target?.quantity?.value })
    }

    @Test func genericTablesInPlanXML() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan>
          <table>
            <caption>重点项目表</caption>
            <row><cell>项目</cell><cell>投资</cell></row>
            <row><cell>三一智慧钢铁城</cell><cell>约170亿元</cell></row>
          </table>
        </plan>
        """
        let doc = try readPlan(xml, file: "t.xml")
        #expect(doc.indicators.isEmpty)
        #expect(doc.sentenceRecords.map(\.text) == ["重点项目表", "项目", "投资", "三一智慧钢铁城", "约170亿元"])
        #expect(doc.sentenceRecords.last?.xpath == "/plan/table[1]/row[2]/cell[2]")
    }
}

@Suite struct IndicatorValueTests {
    func value(_ text: String, _ unit: String?, role: IndicatorValueRole = .level) -> IndicatorValue? {
        IndicatorValue.read(text, unit: unit.flatMap(Unit.named), unitText: unit, year: 2025, role: role)
    }

    @Test func cellsReadAsQuantities() throws {
        #expect(value("244.2", "亿元")?.quantity?.value == 244.2)
        #expect(value("3.3以上", "%")?.quantity?.comparator == .atLeast)
        #expect(value("100左右", "家")?.quantity?.comparator == .approximately)
        #expect(value("≤4.5", "%")?.quantity?.comparator == .atMost)
        #expect(value("2-3", "个")?.quantity?.upper == 3)
        #expect(value("1.2万", "亩")?.quantity.map { $0.value * ($0.unit?.factor ?? 1) } == 1.2e4 * 10_000.0 / 15.0)
        #expect(value("8亿元", "万元")?.quantity?.unit?.symbol == "亿元")   // a unit written in the cell wins
        let bracket = try #require(value("[18]", "%", role: .growth))
        #expect(bracket.cumulative && bracket.quantity?.unit?.symbol == "个百分点" && bracket.quantity?.annual == false)
        #expect(value("—", "%")?.quantity == nil)
        #expect(value("完成省下达任务", "%")?.text == "完成省下达任务")
        #expect(value("", "%") == nil)
    }
}
