import Foundation
import Quantities
import Testing
@testable import DocumentModel

/// 主要指标 tables written as lines of text: cut by bars, tabs or runs of spaces, read into the same
/// indicators as a markup table. Illustrative figures (示例), not from any plan.
@Suite struct TextTableTests {
    /// Each indicator as one line: name, category, unit, base, target, growth, attribute and line.
    func rows(_ doc: PlanDocument) -> [String] {
        doc.indicators.map { i in
            [i.name, i.category ?? "-", i.unitText ?? "-", i.base.map { "\($0.year.map(String.init) ?? "?"):\($0.text)" } ?? "-",
             i.target.map { "\($0.year.map(String.init) ?? "?"):\($0.text)" } ?? "-", i.growth?.text ?? "-",
             i.attribute?.rawValue ?? "-", "L\(i.line)"].joined(separator: " ")
        }
    }

    @Test func barsWithCategoryColumnMergedCellsRuleRowAndWrappedName() throws {
        let doc = try readText("""
        示例区规划纲要
        第四章 发展目标
        到2030年，建设更有实力的先进制造业高地。
        表1 主要指标（示例）
        | 类别 | 指标 | 单位 | 2025年 | 2030年 | 年均增长 | 属性 |
        |:---|---|---|---:|---:|---|---|
        | 经济发展 | 地区生产总值 | 亿元 | 244.2 | 350 | 7.5 | 预期性 |
        | | 研发经费投入强度 | % | 2.1 | 3.3以上 | [1.2] | 预期性 |
        | 绿色生态 | 单位地区生产总值能耗 | % | — | 完成市下达任务 | [14] | 约束性 |
        | | 降低 | | | | | |
        | | 空气质量优良天数比率 | % | 86.3 | ≥90 | | 约束性 |

        第五章 保障
        大力发展陶瓷产业。
        """)
        #expect(rows(doc) == [
            "地区生产总值 经济发展 亿元 2025:244.2 2030:350 7.5 预期性 L7",
            "研发经费投入强度 经济发展 % 2025:2.1 2030:3.3以上 [1.2] 预期性 L8",
            "单位地区生产总值能耗降低 绿色生态 % 2025:— 2030:完成市下达任务 [14] 约束性 L9",
            "空气质量优良天数比率 绿色生态 % 2025:86.3 2030:≥90 - 约束性 L11",
        ])
        let i = doc.indicators
        #expect(i.map(\.column) == [3, 5, 3, 5])   // the row's first cell: `| | 研发…` starts at its name
        #expect(i[1].growth?.cumulative == true && i[1].growth?.quantity?.unit?.symbol == "个百分点")
        #expect(i[0].growth?.quantity?.annual == true && i[0].target?.quantity?.value == 350)
        #expect(i[1].target?.quantity?.comparator == .atLeast)
        #expect(i[3].target?.quantity?.comparator == .atLeast && i[3].target?.quantity?.value == 90)
        #expect(i.filter(\.isBinding).map(\.name) == ["单位地区生产总值能耗降低", "空气质量优良天数比率"])
        #expect(i.allSatisfy { $0.section == doc.allSections[0].id && $0.xpath == nil })
        #expect(i[0].table == "表1主要指标（示例）")
        // The table's lines are indicators, not sentences; the text around it is read as before.
        #expect(doc.sentenceRecords.map(\.text) == ["到2030年，建设更有实力的先进制造业高地。", "表1主要指标（示例）", "大力发展陶瓷产业。"])
        #expect(doc.allSections.map(\.label) == ["第四章", "第五章"])
    }

    @Test func tabsWithCategoryRowsAndANameOverTwoLines() throws {
        let doc = try readText("第四章 发展目标\n"
            + "序号\t指标\t单位\t2025年\t2030年\t属性\n"
            + "经济发展\n"
            + "1\t地区生产总值\t亿元\t244.2\t350\t预期性\n"
            + "2\t城镇化率\t%\t65.1\t70\t预期性\n"
            + "绿色生态\n"
            + "3\t耕地保有量\t万亩\t1.2\t≥1.2\t约束性\n"
            + "4\t单位地区生产总值能耗\n"
            + "\t降低（%）\n"
            + "\t\t%\t—\t[13.5]\t约束性\n"
            + "第五章 保障\n")
        #expect(rows(doc) == [
            "地区生产总值 经济发展 亿元 2025:244.2 2030:350 - 预期性 L4",
            "城镇化率 经济发展 % 2025:65.1 2030:70 - 预期性 L5",
            "耕地保有量 绿色生态 万亩 2025:1.2 2030:≥1.2 - 约束性 L7",
            "单位地区生产总值能耗降低（%） 绿色生态 % 2025:— 2030:[13.5] - 约束性 L8",
        ])
        #expect(doc.indicators[3].target?.cumulative == true && doc.indicators[3].target?.quantity?.value == 13.5)
        #expect(doc.indicators.map(\.column) == [1, 1, 1, 1])
        #expect(doc.sentenceRecords.isEmpty)
        #expect(doc.allSections.map(\.label) == ["第四章", "第五章"])
    }

    @Test func runsOfSpacesWithBlankCellsIdeographicSpacesAndABrokenRow() throws {
        let doc = try readText("""
        第四章 发展目标
        指标                      单位      2025年    2030年    年均增长   属性
        地区生产总值              亿元      244.2     350       7.5        预期性
        研发经费投入强度          %         2.1       3.3                  预期性
        单位地区生产总值能耗      %         —         —         [13.5]     约束性
        降低
        空气质量优良天数比率
                                  %         86.3      ≥90                  约束性
        城镇化率\u{3000}\u{3000}%\u{3000}\u{3000}65\u{3000}\u{3000}70\u{3000}　3.3\u{3000}\u{3000}预期性
        到2030年，全区经济实力迈上新台阶。
        """)
        #expect(rows(doc) == [
            "地区生产总值 - 亿元 2025:244.2 2030:350 7.5 预期性 L3",
            "研发经费投入强度 - % 2025:2.1 2030:3.3 - 预期性 L4",
            "单位地区生产总值能耗降低 - % 2025:— 2030:— [13.5] 约束性 L5",
            "空气质量优良天数比率 - % 2025:86.3 2030:≥90 - 约束性 L7",
            "城镇化率 - % 2025:65 2030:70 3.3 预期性 L9",
        ])
        #expect(doc.indicators[2].growth?.cumulative == true && doc.indicators[2].isBinding)
        #expect(doc.indicators[4].growth?.quantity?.unit?.symbol == "个百分点")   // growth of a share
        #expect(doc.sentenceRecords.map(\.text) == ["到2030年，全区经济实力迈上新台阶。"])
    }

    @Test func aHeadingOverTwoColumnsWithItsYearsOnTheNextLine() throws {
        let doc = try readText("""
        指标          单位    规划值            属性
                              2025年   2030年
        地区生产总值  亿元    244.2    350      预期性
        """)
        #expect(rows(doc) == ["地区生产总值 - 亿元 2025:244.2 2030:350 - 预期性 L3"])
    }

    @Test func theSameTableReadsAlikeFromTextAndFromAWebPage() throws {
        let cells = [["指标", "单位", "2025年", "2030年", "属性"], ["地区生产总值", "亿元", "244.2", "350", "预期性"],
                     ["耕地保有量", "万亩", "1.2", "≥1.2", "约束性"], ["空气质量优良天数比率", "%", "86.3", "≥90", "约束性"]]
        let html = "<html><body><h2>第四章 发展目标</h2><table>"
            + cells.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</table></body></html>"
        let fromHTML = try readPlan(html, file: "t.html").indicators
        for sep in [" | ", "\t", "    ", "\u{3000}\u{3000}"] {
            let text = try readText("第四章 发展目标\n" + cells.map { $0.joined(separator: sep) }.joined(separator: "\n") + "\n").indicators
            func same(_ i: Indicator) -> Indicator { var i = i; i.line = 0; i.column = nil; i.xpath = nil; return i }
            #expect(text.map(same) == fromHTML.map(same), "separator \(sep.unicodeScalars.map { $0.value })")
            #expect(text.map(\.line) == [3, 4, 5])
        }
    }

    @Test func proseWithBarsOrDoubleSpacesStaysProse() throws {
        let text = """
        第一章 总则
        主要指标  全面完成，发展质量明显提升。
        指标|单位|2025年|属性
        坚持稳中求进|推动高质量发展。
        研发投入  持续增加  创新能力  明显增强。
        指标  单位  2025年  属性

        正文一。
        """
        let doc = try readText(text)
        #expect(doc.indicators.isEmpty)
        // Every line is read as it was before tables were looked for: headers without rows stay text.
        #expect(doc.sentenceRecords.map(\.line) == [2, 3, 4, 5, 6, 8])
        #expect(doc.sentenceRecords[2].text == "坚持稳中求进|推动高质量发展。")
    }

    @Test func aTableEndsAtABlankLineAHeadingOrProse() throws {
        let doc = try readText("""
        第一章 目标
        | 指标 | 单位 | 2025年 | 属性 |
        | 耕地保有量 | 万亩 | 1.2 | 约束性 |
        （二）主要任务
        加快建设现代化产业体系。
        指标  单位  2025年  属性
        城镇化率  %  70  预期性
        第二章 产业
        指标\t2025年
        常住人口\t40
        到2030年常住人口达到45万人。
        """)
        #expect(doc.indicators.map(\.name) == ["耕地保有量", "城镇化率", "常住人口"])
        #expect(doc.indicators.map(\.section) == [0, 1, 2])
        #expect(doc.allSections.map(\.label) == ["第一章", "（二）", "第二章"])
        #expect(doc.sentenceRecords.map(\.text) == ["加快建设现代化产业体系。", "到2030年常住人口达到45万人。"])
    }

    @Test func noBundledSampleHoldsATextTable() throws {
        // The samples' PDFs lost their tables: looking for text tables must change nothing in them.
        for name in [Sample.hetang, Sample.proposal, Sample.communique, Sample.workReport, Sample.congress] {
            #expect(try readSample(name).indicators.isEmpty, "\(name)")
        }
    }

    // MARK: Hostile inputs

    @Test func aTableOfFiftyThousandRows() throws {
        var lines = ["第一章 目标", "| 指标 | 单位 | 2025年 | 2030年 | 属性 |", "|---|---|---|---|---|"]
        for k in 0..<50_000 { lines.append("| 指标\(k) | 亿元 | \(k) | \(k + 1) | \(k % 2 == 0 ? "约束性" : "预期性") |") }
        let doc = try readText(lines.joined(separator: "\n") + "\n正文。\n")
        #expect(doc.indicators.count == 50_000)
        #expect(doc.indicators.filter(\.isBinding).count == 25_000)
        #expect(doc.indicators.last?.line == 50_003)
        #expect(doc.sentenceRecords.map(\.text) == ["正文。"])
    }

    @Test func aHeaderFollowedByAHundredThousandBars() throws {
        let bars = String(repeating: "|", count: 100_000)
        // On the header's own line, then on a line of their own: empty cells, counted but never stored.
        let doc = try readText("指标|单位|2025年|属性" + bars + "\n" + bars + "\n耕地保有量|万亩|1.2|约束性\n城镇化率|%|70|预期性" + bars + "\n")
        #expect(doc.indicators.map(\.name) == ["耕地保有量", "城镇化率"])
        // As many cells, each with text, are more columns than a table has: prose.
        let wide = try readText("指标|" + Array(repeating: "单位", count: 50_000).joined(separator: "|") + "\n耕地保有量|万亩\n")
        #expect(wide.indicators.isEmpty)
    }

    @Test func cellsOfSeparatorsOnly() throws {
        var lines = ["| 指标 | 单位 | 2025年 | 属性 |"]
        for k in 0..<1_000 {
            lines += ["| | | | |", "||||", "|  |  |", "+----+----+", "| 城镇化率\(k) | % | 70 | 预期性 |", "|\u{3000}|\t|"]
        }
        let doc = try readText(lines.joined(separator: "\n") + "\n")
        #expect(doc.indicators.count == 1_000)
        #expect(doc.sentenceRecords.isEmpty)
        // Separators alone, under a header cut by spaces or tabs: no rows, no indicators, nothing trapped.
        for body in ["  \u{3000}  ", "\t\t\t\t", "|||", "— — —", String(repeating: "\t", count: 100_000)] {
            let d = try readText("指标  单位  2025年  属性\n" + Array(repeating: body, count: 100).joined(separator: "\n") + "\n")
            #expect(d.indicators.isEmpty)
        }
    }

    @Test func theHeaderWordIsFoundAtEveryPositionOfTheEightScalarBlocks() {
        func names(_ s: String) -> Bool { TextTableHeader.namesIndicator(ArraySlice(Array(s.unicodeScalars))) }
        let filler = "发展改革委员会统筹推进经济"
        for p in 0..<filler.count {
            let head = String(filler.prefix(p)), tail = String(filler.dropFirst(p))
            for word in ["指标", "指 标", "名称", "项\u{3000}目"] {
                #expect(names(head + word + tail), "\(word) after \(p) scalars")
                #expect(names(head + word), "\(word) ending a line of \(p + word.count) scalars")
            }
            // The first character alone, or both apart by more than one space, is no header word.
            #expect(!names(head + "指" + tail))
            #expect(!names(head + "指  标" + tail))
            #expect(!names(head + "指"))
        }
        #expect(!names(""))
        #expect(!names(filler))
    }
}
