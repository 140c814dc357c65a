import Testing
@testable import Quantities

/// One expected quantity: in `sentence` (as in the seed, spaces and all), the quantity spanning `span`.
struct Expected: Sendable, CustomTestStringConvertible {
    var sentence: String
    var span: String
    var kind: QuantityKind
    var value: Double
    var unit: String?
    var comparator: QuantityComparator
    var year: Int?
    var upper: Double?
    var from: Double?
    var fromYear: Int?
    var plan: ClosedRange<Int>?
    var annual = false

    var testDescription: String { "\(span) in \(sentence.prefix(24))…" }
}

private func q(
    _ sentence: String, _ span: String, _ kind: QuantityKind, _ value: Double, _ unit: String?, _ cmp: QuantityComparator,
    year: Int? = nil, upper: Double? = nil, from: Double? = nil, fromYear: Int? = nil,
    plan: ClosedRange<Int>? = nil, annual: Bool = false
) -> Expected {
    Expected(sentence: sentence, span: span, kind: kind, value: value, unit: unit, comparator: cmp, year: year,
             upper: upper, from: from, fromYear: fromYear, plan: plan, annual: annual)
}

/// Real sentences of the seed documents (Samples/), as the PDF or the newspaper wrote them.
private let seedCases: [Expected] = {
    let hetang1 = "综合实力跃上新台阶。经济运行总体平稳。 2020 年全区地区生产总值达到 244.2 亿元,五年平均增速约 7.4% 。"
    let gdp = "人均 GDP 由 2015 年的 6.5 万元提高到 2020年的 7.0 万元"
    let energy = "万元 GDP 能耗由 2016 年的 0.547 吨标煤下降到 2020 年的 0.481 吨标煤"
    let income = "城乡居民可支配收入由 “ 十二五 ” 末的 35857 元提高到 2020 年的 51491 元"
    let density = "单位国土面积 GDP 产出由 2015 年的 1.61 亿元 /平方公里提高到 2020 年的 1.94 亿元 / 平方公里"
    let services = "服务业对经济增长的贡献率由 2016 年 88.8% 下降到 2020 年26.1%"
    let period = "“ 十四五 ” 时期( 2021 年 -2025 年)是我国全面建成小康社会"
    let fiveYears = "力争五年内创建省级以上智能制造示范企业 2 家、示范车间 5 个"
    let oldHousing = "力争到 “ 十四五 ” 期末,全面完成 2000 年底前建成的需改造城镇老旧小区改造任务"
    let rd = "力争到 2025年,研究与试验发展经费( R&D )投入强度达到 3.3 以上。"
    let hightech = "力争到 2025 年,国家高新技术企业达到 100 家左右"
    let targets2023 = "2023年发展的主要预期目标是:地区生产总值增长7.5%左右;规模工业增加值增长8.5%左右;固定资产投资增长8%左右;"
        + "地方一般公共预算收入增长8%左右;社会消费品零售总额增长7.5%左右;进出口总额增长20%左右;居民消费价格涨幅3.5%以内;"
        + "居民收入增长高于经济增长;城镇调查失业率低于全省平均水平;粮食产量30亿斤以上;完成国家和省下达的节能减排任务。"
    let clusters = "推动陶瓷、电子信息、先进硬质材料、功率半导体等产业集群迈上千亿台阶,北斗、低空经济产业过五百亿元。"
    let land = "加大征拆力度,完成集体土地征拆1.8万亩左右、国有土地征收7.16万平方米。"
    let threeBreakthroughs = "力争实现“三突破三新增”:地区生产总值突破4000亿元,人均地区生产总值突破10万元,园区技工贸收入突破6000亿元;"
        + "新增1个千亿产业、1个千亿园区、1家百亿企业。"
    let vision = "在此基础上再奋斗五年,到二〇三五年实现全市综合经济实力、科技创新实力、市域治理能力、城市影响力大幅跃升"
    return [
        q(hetang1, "2020年", .year, 2020, nil, .equal, year: 2020),
        q(hetang1, "达到244.2亿元", .level, 244.2, "亿元", .atLeast, year: 2020),
        q(hetang1, "五年", .duration, 5, "年", .equal),
        q(hetang1, "增速约7.4%", .increase, 7.4, "%", .approximately, year: 2020),
        q("- 千亿产业集群:力争新增2-3个", "千亿", .level, 1e11, nil, .equal),
        q("- 千亿产业集群:力争新增2-3个", "力争新增2-3个", .increase, 2, "个", .atLeast, upper: 3),
        q("- 科技进步贡献率:超过70%", "超过70%", .level, 70, "%", .atLeast),
        q("- 对外贸易依存度:提高到15%", "提高到15%", .riseTo, 15, "%", .equal),
        q("- 全市经济总量:从3000亿元迈上5000亿元台阶", "从3000亿元迈上5000亿元", .riseTo, 5000, "亿元", .atLeast, from: 3000),
        q("- 全市常住人口城镇化率:超过75%", "超过75%", .level, 75, "%", .atLeast),
        q("- 居民收入年均增长:8%以上", "年均增长:8%以上", .increase, 8, "%", .atLeast, annual: true),
        q("- 万元GDP能耗下降:15%以上", "下降:15%以上", .decrease, 15, "%", .atLeast),
        q(targets2023, "增长7.5%左右", .increase, 7.5, "%", .approximately, year: 2023),
        q(targets2023, "涨幅3.5%以内", .increase, 3.5, "%", .atMost, year: 2023),
        q(targets2023, "30亿斤以上", .level, 30, "亿斤", .atLeast, year: 2023),
        q("加大多元化科技投入,全社会研发投入强度达3.2%以上。", "达3.2%以上", .level, 3.2, "%", .atLeast),
        q("培育科技企业梯队,高新技术企业达1200家,科技型中小企业入库1500家。", "达1200家", .level, 1200, "家", .atLeast),
        q("培育科技企业梯队,高新技术企业达1200家,科技型中小企业入库1500家。", "1500家", .level, 1500, "家", .equal),
        q(rd, "到2025年", .year, 2025, nil, .atMost, year: 2025),
        q(rd, "达到3.3以上", .level, 3.3, nil, .atLeast, year: 2025),
        q(hightech, "达到100家左右", .level, 100, "家", .approximately, year: 2025),
        q("第十四个五年规划和二 〇 三五年", "二〇三五年", .year, 2035, nil, .equal, year: 2035),
        q(vision, "五年", .duration, 5, "年", .equal),
        q(vision, "到二〇三五年", .year, 2035, nil, .atMost, year: 2035),
        q(clusters, "迈上千亿", .riseTo, 1e11, nil, .atLeast),
        q(clusters, "过五百亿元", .level, 500, "亿元", .atLeast),
        q(land, "1.8万亩左右", .level, 1.8, "万亩", .approximately),
        q(land, "7.16万平方米", .level, 7.16, "万平方米", .equal),
        q(gdp, "由2015年的6.5万元提高到2020年的7.0万元", .riseTo, 7.0, "万元", .equal, year: 2020, from: 6.5, fromYear: 2015),
        q(gdp, "2015年", .year, 2015, nil, .equal, year: 2015),
        q(energy, "由2016年的0.547吨标煤下降到2020年的0.481吨标煤", .fallTo, 0.481, "吨标煤", .equal, year: 2020,
          from: 0.547, fromYear: 2016),
        q(income, "由“十二五”末的35857元提高到2020年的51491元", .riseTo, 51491, "元", .equal, year: 2020, from: 35857,
          fromYear: 2015),
        q(income, "“十二五”末", .year, 2015, nil, .equal, year: 2015),
        q(density, "由2015年的1.61亿元/平方公里提高到2020年的1.94亿元/平方公里", .riseTo, 1.94, "亿元/平方公里", .equal,
          year: 2020, from: 1.61, fromYear: 2015),
        q(services, "由2016年88.8%下降到2020年26.1%", .fallTo, 26.1, "%", .equal, year: 2020, from: 88.8, fromYear: 2016),
        q(period, "“十四五”时期", .period, 2021, nil, .equal, year: 2025, upper: 2025),
        q(period, "2021年-2025年", .period, 2021, nil, .equal, year: 2025, upper: 2025),
        q(fiveYears, "力争五年内", .duration, 5, "年", .atMost, year: 2025, plan: 2021...2025),
        q(fiveYears, "力争五年内", .duration, 5, "年", .atMost, year: 2030, plan: 2026...2030),
        q(fiveYears, "力争五年内", .duration, 5, "年", .atMost),
        q(fiveYears, "2家", .level, 2, "家", .equal, year: 2030, plan: 2026...2030),
        q(fiveYears, "5个", .level, 5, "个", .equal, year: 2025, plan: 2021...2025),
        q(oldHousing, "到“十四五”期末", .year, 2025, nil, .atMost, year: 2025),
        q(oldHousing, "2000年底前", .year, 2000, nil, .atMost, year: 2000),
        q("专栏 3 “ 十四五 ” 时期力争办好的十件大事", "十件", .level, 10, "件", .equal, year: 2025),
        q("金山科技工业园排名首次跻身全省50 强", "50强", .rank, 50, nil, .atMost),
        q("城镇登记失业率持续控制在 4.5% 以内", "控制在4.5%以内", .level, 4.5, "%", .atMost),
        q("中小学校平均办学规模约 1617人 / 所", "约1617人/所", .level, 1617, "人/所", .approximately),
        q("争取1—2个园区创建成为国家级园区", "1—2个", .level, 1, "个", .equal, upper: 2),
        q("今年地区生产总值将突破4000亿元", "突破4000亿元", .level, 4000, "亿元", .atLeast),
        q(threeBreakthroughs, "突破10万元", .level, 10, "万元", .atLeast),
        q(threeBreakthroughs, "新增1个", .increase, 1, "个", .equal),
        q(threeBreakthroughs, "百亿", .level, 1e10, nil, .equal),
        q("全区空气优良天数年超 300天", "超300天", .level, 300, "天", .atLeast),
        q(" 2016-2020 年规模工业增加值平均增速达到 8.5% ", "2016-2020年", .period, 2016, nil, .equal, year: 2020, upper: 2020),
        q(" 2016-2020 年规模工业增加值平均增速达到 8.5% ", "平均增速达到8.5%", .increase, 8.5, "%", .atLeast, year: 2020),
        q("大力开展“市场主体培育年”活动,新增市场主体11万户。", "11万户", .level, 11, "万户", .equal),
        q("规上企业、高新技术企业、中小微企业及个体户分别净增 173 家、 50 家、 2.4 万家。", "2.4万家", .level, 2.4, "万家", .equal),
        q("扛牢粮食安全责任,实现粮食总产量30.66亿斤", "30.66亿斤", .level, 30.66, "亿斤", .equal),
        q("全面推进土地承包期届满后再延长30年", "30年", .duration, 30, "年", .equal),
        q("● 今后五年全市工作的指导思想是", "今后五年", .duration, 5, "年", .equal, year: 2030, plan: 2026...2030),
        q("湘粤非铁海联运班列全年开行300列以上。", "300列以上", .level, 300, "列", .atLeast),
        q("实际利用外资4000万美元以上", "4000万美元以上", .level, 4000, "万美元", .atLeast),
        q("力争跻身最具人才吸引力城市百强榜50强", "百强", .rank, 100, nil, .atMost),
        q("低于全市平均水平 0.13 个百分点", "0.13个百分点", .level, 0.13, "个百分点", .equal),
        q("力争五年内培育或引进一批年收入过五十亿的龙头企业、年收入过十亿元的骨干企业", "过五十亿", .level, 5e9, nil, .atLeast),
        q("力争五年内培育或引进一批年收入过五十亿的龙头企业、年收入过十亿元的骨干企业", "过十亿元", .level, 10, "亿元", .atLeast),
        q("大班额率下降至 0.85% ", "下降至0.85%", .fallTo, 0.85, "%", .equal),
        q("本土企业院士增至4位", "增至4位", .riseTo, 4, "位", .equal),
        q("完成农村道路新建续建和升级改造 40 余公里", "40余公里", .level, 40, "公里", .atLeast),
        q("市区空气优良率保持在83%。", "保持在83%", .level, 83, "%", .equal),
    ]
}()

/// Forms the brief names that the seeds do not happen to contain (hand-written, marked as such).
private let handWrittenCases: [Expected] = [
    q("研发经费投入强度不低于3%", "不低于3%", .level, 3, "%", .atLeast),
    q("服务业增加值占比15%以上", "15%以上", .level, 15, "%", .atLeast),
    q("新建学校2至3个", "2至3个", .level, 2, "个", .equal, upper: 3),
    q("新建学校2～3个", "2～3个", .level, 2, "个", .equal, upper: 3),
    q("新建学校两到三所", "两到三所", .level, 2, "所", .equal, upper: 3),
    q("规模工业企业达到1,200家", "达到1,200家", .level, 1200, "家", .atLeast),
    q("引进企业三千家", "三千家", .level, 3000, "家", .equal),
    q("经济总量迈上5000亿", "迈上5000亿", .riseTo, 5e11, nil, .atLeast),
    q("十五五末实现目标", "十五五末", .year, 2030, nil, .equal, year: 2030),
    q("到“十五五”期末基本建成", "到“十五五”期末", .year, 2030, nil, .atMost, year: 2030),
    q("“十五五”时期", "“十五五”时期", .period, 2026, nil, .equal, year: 2030, upper: 2030),
    q("到本世纪中叶建成社会主义现代化强国", "到本世纪中叶", .year, 2050, nil, .atMost, year: 2050),
    q("本世纪中叶", "本世纪中叶", .year, 2050, nil, .approximately, year: 2050),
    q("2025年前后建成", "2025年前后", .year, 2025, nil, .approximately, year: 2025),
    q("截至2024年", "截至2024年", .year, 2024, nil, .atMost, year: 2024),
    q("连续3年全市第一", "3年", .duration, 3, "年", .equal),
    q("用3-5年时间", "3-5年", .duration, 3, "年", .equal, upper: 5),
    q("2021年-2025年", "2021年-2025年", .period, 2021, nil, .equal, year: 2025, upper: 2025),
    q("二〇二一年至二〇二五年", "二〇二一年至二〇二五年", .period, 2021, nil, .equal, year: 2025, upper: 2025),
    q("城镇登记失业率不超过5.5%", "不超过5.5%", .level, 5.5, "%", .atMost),
    q("碳排放强度降低18%", "降低18%", .decrease, 18, "%", .equal),
    q("提高2个百分点", "提高2个百分点", .increase, 2, "个百分点", .equal),
    q("新增就业近3万人", "近3万人", .level, 3, "万人", .approximately),
    q("进入世界500强", "500强", .rank, 500, nil, .atMost),
    q("达到3.3以上", "达到3.3以上", .level, 3.3, nil, .atLeast),
    q("诸事达用户突破245万", "突破245万", .level, 2_450_000, nil, .atLeast),
    q("新增2万-3万人", "新增2万-3万人", .increase, 2, "万人", .equal, upper: 3),
    q("增长二十倍", "增长二十倍", .increase, 20, "倍", .equal),
    q("百分比写作3‰", "3‰", .level, 3, "‰", .equal),
    q("森林覆盖率达到百分之六十五以上", "达到百分之六十五以上", .level, 65, "%", .atLeast),
    q("增长百分之3.5", "增长百分之3.5", .increase, 3.5, "%", .equal),
    q("到2025年,研发投入强度由2020年的2.1%提高到3.2%", "由2020年的2.1%提高到3.2%", .riseTo, 3.2, "%", .equal,
      year: 2025, from: 2.1, fromYear: 2020),
    q("研发投入强度由2020年的2.1%提高到3.2%", "由2020年的2.1%提高到3.2%", .riseTo, 3.2, "%", .equal,
      from: 2.1, fromYear: 2020),
]

@Suite struct QuantityExtractorTests {
    @Test(arguments: seedCases + handWrittenCases)
    func extracts(_ e: Expected) throws {
        let sentence = normalized(e.sentence)
        let found = QuantityExtractor(planPeriod: e.plan).extract(from: sentence)
        let matches = found.filter { text(sentence, $0.span) == e.span }
        let got = try #require(matches.first, "no quantity spans \(e.span); got \(found.map { text(sentence, $0.span) })")
        #expect(got.kind == e.kind)
        #expect(abs(got.value - e.value) <= 1e-9 * max(1, abs(e.value)), "value \(got.value)")
        #expect(got.unit?.symbol == e.unit)
        #expect(got.comparator == e.comparator)
        #expect(got.year == e.year)
        #expect(got.upper == e.upper)
        #expect(got.from == e.from)
        #expect(got.fromYear == e.fromYear)
        #expect(got.annual == e.annual)
        #expect(!got.unitInferred)
        // The span is where the text is, in scalar offsets of the sentence.
        #expect(got.span.lowerBound == scalarOffset(of: e.span, in: sentence))
        #expect(got.valueSpan.lowerBound >= got.span.lowerBound && got.valueSpan.upperBound <= got.span.upperBound)
    }

    @Test(arguments: seedCases)
    func seedSentencesAreRealText(_ e: Expected) {
        // Guards the table: every seed sentence occurs, normalized, in a sample.
        let sentence = normalized(e.sentence).trimmingLeadingSpaceAndDash()
        #expect(sampleLines.contains { $0.contains(sentence) }, "not in Samples: \(sentence)")
    }

    /// Whole sentences: exactly these quantities and nothing else.
    @Test(arguments: [
        ("第十四个五年规划和二 〇 三五年", ["二〇三五年"]),
        ("“3+3+2”现代化产业体系加快构建,制造业成为第一税源,形成轨道交通装备、服饰、电力新能源与装备制造三大千亿产业", ["千亿"]),
        ("千亿产业集群:力争新增2-3个", ["千亿", "力争新增2-3个"]),
        (" 2021 年 2 月 4 日株洲市荷塘区第五届人民代表大会第六次会议批准", []),
        ("电话:28823910 2021年9月28日 星期二 责任编辑:曾彦予", []),
        ("[可行性研究报告 - 规划计划] 发表于:2022-08-10 10:29:27", []),
        ("发布日期:2025-12-23信息来源:株洲日报", []),
        ("大唐华银株洲2x100万千瓦扩能升级项目投产达效", []),
        ("加快 5G 基建、新能源汽车充电桩、工业互联网、大数据中心", []),
        ("推动 S104 、远东产业园、耕食小镇、自然园林道路升级改造", []),
        ("其中 “500 强 ” 企业 13 家", ["13家"]),
        ("连续实施“民生100 ”工程", []),
        ("发挥“制造名城&幸福株洲”监督服务微信群、12345热线等平台作用", []),
        ("对接中国制造 2025· 绿色制造工程", []),
        ("人均 GDP 由 2015 年的 6.5 万元提高到 2020年的 7.0 万元",
         ["由2015年的6.5万元提高到2020年的7.0万元", "2015年", "2020年"]),
        ("新签约亿元及以上项目249个、总投资额843.2亿元", ["249个", "843.2亿元"]),
        ("推进智慧钢铁加工贸易、二级零部件智造基地", []),
        ("围绕研发设计、生产制造、交易展示三位一体产业集群建设", []),
        ("白云路(向阳路-金科二批报批蓝线位置)", []),
        ("按照省委十二届九次全会部署", []),
        ("1. “三榜工作法”:精准识别榜、精准施策榜、精准退出榜", []),
        ("6.梯度培育制造业产业集群。", []),
        ("第六章 第一节 (一) 一、 1、", []),
    ] as [(String, [String])])
    func exactly(_ sentence: String, _ expected: [String]) {
        let s = normalized(sentence)
        let got = QuantityExtractor().extract(from: s).map { text(s, $0.span) }
        #expect(got == expected)
    }

    /// Numerals in set phrases, ordinals, articles: not quantities.
    @Test(arguments: [
        "第一", "一批", "一体化", "一带一路", "三高四新", "两个确立", "两个维护", "五位一体", "四个全面", "一谷三区",
        "统筹推进“五位一体”总体布局,协调推进“四个全面”战略布局", "坚定“四个自信”", "在打造“三个高地”上勇当主力军",
        "第六章", "第36位", "十四届省运会", "神舟十五号", "党的二十大", "二十届四中全会", "十大工程", "千行百业", "千名干部联千企",
        "万元GDP能耗", "亿元以上项目", "零部件", "零就业家庭", "一年来", "百年变局", "千年瓷都", "万家灯火", "三五年", "一二三产业",
        "中央八项规定精神", "“一突破、两进位、三覆盖、六倍增”", "《株洲市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》",
        "“十四五”规划", "十三五", "五年规划", "建设“两型社会”", "迈上新台阶", "百万吨储煤基地",
    ])
    func notQuantities(_ sentence: String) {
        #expect(QuantityExtractor().extract(from: sentence).isEmpty, "\(QuantityExtractor().extract(from: sentence))")
    }

    @Test func durationAndYearAreDistinct() {
        let s = "2025年完成,用3年时间,五年内,2021年2月4日"
        let got = QuantityExtractor().extract(from: s)
        #expect(got.map(\.kind) == [.year, .duration, .duration])
        #expect(got[0].unit == nil)  // a year is not a quantity of 年
        #expect(got[1].unit?.symbol == "年")
        #expect(got[2].year == nil)  // no plan period given
    }

    @Test func unitlessValueIsResolvedWithTheSubjectsUnit() throws {
        let s = normalized("力争到 2025年,研究与试验发展经费( R&D )投入强度达到 3.3 以上。")
        let raw = try #require(QuantityExtractor().extract(from: s).first { $0.kind == .level })
        #expect(raw.unit == nil && !raw.unitInferred)
        let unit = try #require(Unit.implied(bySubject: "投入强度"))
        let resolved = raw.resolvingUnit(unit)
        #expect(resolved.unit?.symbol == "%")
        #expect(resolved.value == 3.3)
        #expect(resolved.unitInferred)
        #expect(resolved.span == raw.span)
        // A written unit is never replaced.
        let written = Quantity(value: 3, unit: Unit.named("%"))
        #expect(written.resolvingUnit(Unit.named("个百分点")!) == written)
        // A unitless magnitude is read in the unit's root: 5000亿 with 亿元 is 5000 亿元, with 元 5×10¹¹ 元.
        let big = try #require(QuantityExtractor().extract(from: "迈上5000亿").first)
        #expect(big.resolvingUnit(Unit.named("亿元")!).value == 5000)
        #expect(big.resolvingUnit(Unit.named("元")!).value == 5e11)
        #expect(Unit.implied(bySubject: "地区生产总值") == nil)
    }

    @Test func baseValues() throws {
        let got = QuantityExtractor().extract(from: "从3000亿元迈上5000亿元,完成1.8万亩,增长7.5%")
        #expect(got[0].baseValue == 5e11)
        #expect(got[0].value(in: Unit.named("万元")!) == 5e7)
        #expect(abs(got[1].baseValue - 1.8e4 * 10_000 / 15) < 1e-6)   // 平方米
        #expect(got[2].baseValue == 7.5)
        #expect(got[2].value(in: Unit.named("个百分点")!) == nil)    // % is not 个百分点
    }

    @Test func sliceAndBufferGiveSentenceRelativeSpans() {
        let doc = Array("前文。到2025年,研发投入强度达到3.2%以上。后文".unicodeScalars)
        let sentence = doc[3..<25]
        let fromSlice = QuantityExtractor().extract(from: sentence)
        let fromString = QuantityExtractor().extract(from: String(String.UnicodeScalarView(sentence)))
        #expect(fromSlice == fromString)
        #expect(fromSlice.first?.span == 0..<6)
    }

    @Test func deterministicAndCodable() throws {
        let s = normalized("人均 GDP 由 2015 年的 6.5 万元提高到 2020年的 7.0 万元,力争新增2-3个,超过70%")
        let a = QuantityExtractor().extract(from: s), b = QuantityExtractor().extract(from: s)
        #expect(a == b)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(a)
        #expect(try JSONDecoder().decode([Quantity].self, from: data) == a)
        #expect(try encoder.encode(b) == data)
    }

    @Test func descriptions() {
        let got = QuantityExtractor().extract(from: "从3000亿元迈上5000亿元,力争新增2-3个,到2025年研发投入强度达到3.2%以上")
        #expect(got.map(\.description) == ["3000亿元→≥5000亿元", "+2–3个", "≤2025年", "≥3.2% (2025年)"])
    }
}

private extension String {
    func trimmingLeadingSpaceAndDash() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "-" { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return String(s)
    }
}

import Foundation
