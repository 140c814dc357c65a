import Testing
@testable import RuleLanguage

/// Each construct of the language, parsed into the tree it stands for (compared without locations).
@Suite struct ParserTests {
    func expectTree(_ source: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (dump, errors) = structure(source)
        #expect(errors.isEmpty, "unexpected errors: \(errors)", sourceLocation: sourceLocation)
        #expect(dump == expected, sourceLocation: sourceLocation)
    }

    @Test func header() {
        expectTree("""
            ruleset "株洲市“十五五”规划建议 衔接检查" {
              source 建议 = "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议" published 2025-12-23
              source "株洲市2023年政府工作报告"
              period 2026..2030
              include "../common/terms.rules"
              include "../common"
              default severity warning
              areas 产业, 创新, "民生 保障"
              profile draft "起草阶段" = tag 约束性 | area 创新 | goal 5.2 | severity error except goal 6
              profile review = all
            }
            """, """
            ruleset "株洲市“十五五”规划建议 衔接检查"
              source 建议 "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议" published 2025-12-23
              source - "株洲市2023年政府工作报告" published -
              period 2026 2030
              areas ["产业" "创新" "民生 保障"]
              default-severity warning
              include "../common/terms.rules"
              include "../common"
              profile draft "起草阶段" [tag:"约束性" area:"创新" goal:"5.2" severity:error] except [goal:"6"]
              profile review - [all] except []
            """)
    }

    @Test func periodWithDashAndSeverityWithoutDefault() {
        expectTree("ruleset \"t\" {\n  period 2021-2025\n  severity info\n}", """
            ruleset "t"
              period 2021 2025
              default-severity info
            """)
    }

    @Test func splitPhrasesInTermsAndClauses() {
        expectTree("""
            term 能耗降低 = "万元GDP能耗下降" | "万元GDP能耗".."下降" | "单位GDP能耗" .. "降低" unit %
            goal 1 "森林" {
              require mention "森林覆盖率" .. "稳定在"
            }
            """, """
            term 能耗降低 = ["万元GDP能耗下降" "万元GDP能耗".."下降" "单位GDP能耗".."降低"] unit %(%)
            goal "1" "森林"
              require mention any["森林覆盖率".."稳定在"]
            """)
        // The formatter writes the two parts with spaces around '..'.
        let out = RuleFormatter.format(source: "term 能耗 = \"能耗\"..\"下降\"\n", path: "s.rules").output
        #expect(out == "term 能耗 = \"能耗\" .. \"下降\"\n")
    }

    @Test func terms() {
        expectTree("""
            term 研发强度 = "研发投入强度" | "R&D投入强度" unit %
            term 研发 = "研发" | "研究开发" except "研发中心" | 研发机构
            term 科技创新 = 研发强度 | 研发 | "科技创新"
            term 经济总量 = "地区生产总值"
              | "GDP"
              unit 亿元
            term 空 =
            """, """
            term 研发强度 = ["研发投入强度" "R&D投入强度"] unit %(%)
            term 研发 = ["研发" "研究开发"] except ["研发中心" @研发机构]
            term 科技创新 = [@研发强度 @研发 "科技创新"]
            term 经济总量 = ["地区生产总值" "GDP"] unit 亿元(亿元)
            term 空 = []
            """)
    }

    @Test func goalWithPropertiesAndClauses() {
        expectTree("""
            goal 5.2 "建设更有核心竞争力的科技创新高地" {
              area 创新  severity error  weight 3
              tags 约束性, 科技
              cite 建议 item 5 "研发投入达到国内先进水平"
              require commitment 研发强度
              require target 研发强度 >= 3.2% by 2030
              expect mention any("厂所结合", "科创中城")
              suggest mention at least 2 of (创新平台, "新型研发机构", "概念验证中心")
              require mention all("产业集群", "先进硬质材料") in section /产业|制造/
            }
            """, """
            goal "5.2" "建设更有核心竞争力的科技创新高地"
              area "创新"
              severity error
              weight 3.0
              tags ["约束性" "科技"]
              cite source:建议 item "5" quote "研发投入达到国内先进水平"
              require commitment any[@研发强度]
              require target @研发强度 >= 3.2×1.0% by 2030
              expect mention any["厂所结合" "科创中城"]
              suggest mention atLeast(2)[@创新平台 "新型研发机构" "概念验证中心"]
              require mention all["产业集群" "先进硬质材料"] in-section("产业|制造")
            """)
    }

    /// `applies` names the only districts a goal is for; `except` those it is not for.
    @Test func goalsForSomePlacesOnly() {
        expectTree("""
            goal 27.1 "农产品加工产业园" {
              cite 建议 item 27 "攸县香干、醴陵酱板鸭等农产品加工产业园"
              applies 醴陵市, 攸县
              require mention "农产品加工"
            }
            goal 13 "城区的高校" {
              except "醴陵市"
              require mention "高校"
            }
            test "醴陵" {
              plan "株洲市醴陵市国民经济和社会发展第十五个五年规划纲要"
              expect 13 not applicable
            }
            """, """
            goal "27.1" "农产品加工产业园"
              cite source:建议 item "27" quote "攸县香干、醴陵酱板鸭等农产品加工产业园"
              applies ["醴陵市" "攸县"]
              require mention any["农产品加工"]
            goal "13" "城区的高校"
              except ["醴陵市"]
              require mention any["高校"]
            test "醴陵"
              plan "株洲市醴陵市国民经济和社会发展第十五个五年规划纲要"
              expect goal "13" not-applicable
            """)
    }

    @Test func goalIdsAndCitationForms() {
        expectTree("""
            goal 6 "梯度培育制造业产业集群" {
              cite "建议 第6条" "推动陶瓷产业迈上千亿台阶"
            }
            goal GDP "经济总量" {
              cite "公报"
            }
            goal "A-1" "带连字符的编号" {
              cite 建议 item "第二部分"
            }
            goal 5.2.1 "三级编号" {
            }
            """, """
            goal "6" "梯度培育制造业产业集群"
              cite text:"建议 第6条" item - quote "推动陶瓷产业迈上千亿台阶"
            goal "GDP" "经济总量"
              cite text:"公报" item - quote -
            goal "A-1" "带连字符的编号"
              cite source:建议 item "第二部分" quote -
            goal "5.2.1" "三级编号"
            """)
    }

    @Test func targetsAndQuantities() {
        expectTree("""
            goal 1 "t" {
              require target "陶瓷" >= 1000亿元 by 2030
              require target "经济总量" >= 5000亿
              require target "集群" between 2个 and 3个
              require target "集群" = 2-3个
              require target "能耗" <= 15%
              require target "产值" >= 1000 亿元 by 2030年
              require target "电子信息" >= 千亿元 by 二〇三〇年
              require target "北斗" >= 五百亿
              require target "企业" ≥ 3万家
              require target "比重" >= 3.5
            }
            """, """
            goal "1" "t"
              require target "陶瓷" >= 1000.0×1.0亿元 by 2030
              require target "经济总量" >= 5000.0×100000000.0(none) by -
              require target "集群" between 2.0×1.0个 3.0×1.0个 by -
              require target "集群" = 2.0-3.0×1.0个 by -
              require target "能耗" <= 15.0×1.0% by -
              require target "产值" >= 1000.0×1.0亿元 by 2030
              require target "电子信息" >= 100000000000.0×1.0元 by 2030
              require target "北斗" >= 50000000000.0×1.0(none) by -
              require target "企业" >= 3.0×1.0万家 by -
              require target "比重" >= 3.5×1.0(none) by -
            """)
    }

    @Test func conditionsAndScopes() {
        expectTree("""
            goal 6 "t" {
              scope outside review
              when mention "陶瓷" then expect target "陶瓷" >= 1000亿元
              when mention any("北斗", "低空经济") in section /产业/ then suggest commitment "北斗"
              require mention "产业集群" in section /产业|制造/ outside review
              require mention "节点" in xpath "//chapter[@id='6']"
              require mention "回顾" outside section /发展成就|回顾/
            }
            """, #"""
            goal "6" "t"
              scope outside-review
              when mention any["陶瓷"] then expect target "陶瓷" >= 1000.0×1.0亿元 by -
              when mention any["北斗" "低空经济"] in-section("产业") then suggest commitment any["北斗"]
              require mention any["产业集群"] in-section("产业|制造") outside-review
              require mention any["节点"] in-xpath("//chapter[@id=\'6\']")
              require mention any["回顾"] outside-section("发展成就|回顾")
            """#)
    }

    @Test func retirements() {
        expectTree("""
            retire "十九大" use "二十大和二十届历次全会精神" severity error
            retire "能耗双控" except "能耗双控向碳排放双控" use "碳排放总量和强度双控" severity warning
            retire "一谷三区" | "中国动力谷" use "制造名城·幸福株洲" in section /指导思想/
            retire 旧提法
            """, """
            retire ["十九大"] use ["二十大和二十届历次全会精神"] severity error
            retire ["能耗双控"] except ["能耗双控向碳排放双控"] use ["碳排放总量和强度双控"] severity warning
            retire ["一谷三区" "中国动力谷"] use ["制造名城·幸福株洲"] in-section("指导思想")
            retire [@旧提法]
            """)
    }

    /// Citations keep their order (they follow the city document); an item alone, number or part, is allowed.
    @Test func uncheckableBlocks() {
        expectTree("""
            uncheckable "中央的总体部署，区县照录" {
              cite 建议 item 3 "协调推进“四个全面”战略布局"
              cite 建议 item 3 "统筹推进“五位一体”总体布局"
              cite 建议 item 二
              cite "株洲市2023年政府工作报告" "一年来,我们致力优化营商环境"
            }
            """, """
            uncheckable "中央的总体部署，区县照录"
              cite source:建议 item "3" quote "协调推进“四个全面”战略布局"
              cite source:建议 item "3" quote "统筹推进“五位一体”总体布局"
              cite source:建议 item "二" quote -
              cite text:"株洲市2023年政府工作报告" item - quote "一年来,我们致力优化营商环境"
            """)
    }

    @Test func ruleTests() {
        expectTree("""
            test "研发强度写足即为覆盖" {
              plan \"\"\"
                到2030年，全社会研发经费投入强度达到3.5%以上。
                  建成科技创新高地。
                \"\"\"
              expect 5.2 covered
              expect GDP missing
              expect outdated "十九大"
              expect no outdated "能耗双控"
            }
            test "文件" {
              expect 6 conflicting
              plan file "examples/hetang.txt"
            }
            """, """
            test "研发强度写足即为覆盖"
              plan "到2030年，全社会研发经费投入强度达到3.5%以上。\\n  建成科技创新高地。"
              expect goal "5.2" covered
              expect goal "GDP" missing
              expect outdated "十九大"
              expect no outdated "能耗双控"
            test "文件"
              plan file "examples/hetang.txt"
              expect goal "6" conflicting
            """)
    }

    @Test func stringsEscapesAndComments() {
        expectTree(#"""
            # a comment line
            term 引号 = "他说\"好\"" | "反斜杠\\" | "制表\t符" | "\u{7814}发"  # trailing comment
            term 全角 = "研发"｜"开发"
            """#, #"""
            term 引号 = ["他说\"好\"" "反斜杠\\" "制表\t符" "研发"]
            term 全角 = ["研发" "开发"]
            """#)
    }

    @Test func fullWidthPunctuationFromChineseInput() {
        expectTree("goal 1 \"t\" {\n  require mention any（\"a\"， \"b\"）\n}", """
            goal "1" "t"
              require mention any["a" "b"]
            """)
    }

    @Test func locationsPointAtTheSource() throws {
        let source = "term 研发强度 = \"研发投入强度\"\n\ngoal 5.2 \"科技\" {\n  require target 研发强度 >= 3.2% by 2030\n}\n"
        let (file, errors) = RuleParser.parse(source: source, path: "a.rules")
        #expect(errors.isEmpty)
        guard case .goal(let goal) = file.statements[1], case .target(let t) = goal.clauses[0].predicate,
              case .atLeast(let q) = t.comparison else {
            Issue.record("unexpected tree")
            return
        }
        #expect(goal.id.location == RuleLanguage.SourceLocation(file: "a.rules", line: 3, column: 6, offset: 27))
        #expect(t.subject.range.start.line == 4 && t.subject.range.start.column == 18)
        #expect(q.range.start.column == 26 && q.range.length == 4)
        #expect(t.year?.range.start.column == 34)
        #expect(goal.clauses[0].range.start.column == 3)
        #expect(goal.range.end.line == 5)
    }

    @Test func quantitiesCarryScaledValues() throws {
        let (file, _) = RuleParser.parse(source: "goal 1 \"t\" {\n require target \"x\" >= 5000亿\n}", path: "q")
        guard case .goal(let g) = file.statements[0], case .target(let t) = g.clauses[0].predicate,
              case .atLeast(let q) = t.comparison else {
            Issue.record("unexpected tree")
            return
        }
        #expect(q.scaledLow == 5e11)
        #expect(q.unit == nil)
        #expect(q.text == "5000亿")
    }

    @Test func allErrorsOfAFileAtOnce() {
        let source = """
            goal 1 "a" {
              requir mention "x"
              require mention
              require target "x" >= 3.2pct
            }
            term = "x"
            goal 2 "b" {
              area
            }
            """
        let (_, errors) = structure(source)
        #expect(errors.map(\.location.line) == [2, 3, 4, 6, 8])
    }
}
