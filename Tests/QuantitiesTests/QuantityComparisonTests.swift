import Localization
import Testing
@testable import Quantities

/// The first quantity of `kind` in a sentence (normalized as the reader does).
private func first(_ sentence: String, _ kind: QuantityKind? = nil, plan: ClosedRange<Int>? = nil) -> Quantity {
    let all = QuantityExtractor(planPeriod: plan).extract(from: normalized(sentence))
    return all.first { kind == nil ? !$0.isTime : $0.kind == kind }!
}

@Suite struct QuantityComparisonTests {
    /// The city's R&D target of the brief: ≥ 3.2% by 2030.
    let rdTarget = Quantity.target(.atLeast, 3.2, in: .percent, by: 2030)

    @Test func districtValueAgainstCityTarget() {
        // 荷塘区: 达到 3.3 以上 (unit dropped), resolved to % from its subject, by 2025.
        let district = first("力争到 2025年,研究与试验发展经费( R&D )投入强度达到 3.3 以上。").resolvingUnit(Unit.named("%")!)
        #expect(district.compare(to: rdTarget) == .satisfies)
        #expect(first("研发投入强度达到3.0%").compare(to: rdTarget) == .weaker(reason: LocalizedText(en: "≥3% is less than ≥3.2% (2030年)", zh: "≥3%低于≥3.2% (2030年)")))
        #expect(first("到2032年研发投入强度达到3.5%").compare(to: rdTarget) == .laterYear(value: 2032, target: 2030))
        // No year written: the plan's last year stands in when given.
        #expect(first("研发投入强度达到3.5%").compare(to: rdTarget) == .satisfies)
        #expect(first("研发投入强度达到3.5%").compare(to: rdTarget, defaultYear: 2035) == .laterYear(value: 2035, target: 2030))
        // Unresolved unit, wrong unit, % against 个百分点.
        #expect(first("投入强度达到3.3以上").compare(to: rdTarget) == .incompatibleUnit(value: nil, target: "%"))
        #expect(first("提高0.5个百分点").compare(to: Quantity.target(.atLeast, 0.5, "%", kind: .increase))
                == .incompatibleUnit(value: "个百分点", target: "%"))
        // A count against money, or money against a count: different things, not a conflict; units that
        // do not convert and are not counts still are one.
        #expect(first("到2030年建成功率半导体创新中心1个").compare(to: Quantity.target(.atLeast, 1000, "亿元"))
                == .notComparable(reason: LocalizedText(en: "个 and 亿元 measure different things", zh: "个与亿元计量的不是同一种量")))
        #expect(first("产值达到1000亿元").compare(to: Quantity.target(.atLeast, 100, "家"))
                == .notComparable(reason: LocalizedText(en: "亿元 and 家 measure different things", zh: "亿元与家计量的不是同一种量")))
        #expect(first("产值达到15%").compare(to: Quantity.target(.atLeast, 1000, "亿元")) == .incompatibleUnit(value: "%", target: "亿元"))
        // A ceiling where a floor is asked.
        if case .weaker = first("研发投入强度控制在5%以内").compare(to: rdTarget) {} else { Issue.record("ceiling accepted") }
    }

    @Test func unitsAreConverted() {
        let target = Quantity.target(.atLeast, 4000, "亿元")
        #expect(first("地区生产总值突破5000亿元").compare(to: target) == .satisfies)
        #expect(first("地区生产总值达到4500万元").compare(to: Quantity.target(.atLeast, 1, "亿元")) != .satisfies)
        #expect(first("地区生产总值达到45000000万元").compare(to: target) == .satisfies)  // 4500亿元
        // A unitless magnitude against a unitless target: both in base units.
        #expect(first("迈上千亿台阶").compare(to: Quantity.target(.atLeast, 1e11)) == .satisfies)
        // Counts: 2.4万家 is 24000 家; 家 is not 所; 个 is generic.
        #expect(first("个体户达到2.4万家").compare(to: Quantity.target(.atLeast, 1200, "家")) == .satisfies)
        #expect(first("新建学校6所").compare(to: Quantity.target(.atLeast, 5, "家")) == .incompatibleUnit(value: "所", target: "家"))
        #expect(first("新建学校6个").compare(to: Quantity.target(.atLeast, 5, "所")) == .satisfies)
        // Area: 1.8万亩 is 12000 平方米 × 1.8 / 1.2 …; against 公顷.
        #expect(first("征拆1.8万亩左右").compare(to: Quantity.target(.atLeast, 1000, "公顷")) == .satisfies)
        #expect(first("征拆1.8万亩左右").compare(to: Quantity.target(.atLeast, 2000, "公顷")) != .satisfies)
    }

    @Test func rangesUseTheirWeakestEnd() {
        let city = first("千亿产业集群:力争新增2-3个", .increase)
        #expect(first("新增3个千亿产业集群").compare(to: city) == .satisfies)
        #expect(first("新增2个千亿产业集群").compare(to: city) == .satisfies)
        #expect(first("新增1个千亿产业集群").compare(to: city) != .satisfies)
        #expect(city.compare(to: Quantity.target(.atLeast, 3, "个", kind: .increase)) != .satisfies)
        #expect(city.compare(to: Quantity.target(.atMost, 3, "个", kind: .increase)) == .satisfies)
    }

    @Test func directionFollowsTheKind() {
        // Decrease by at least 15%: 16% is stronger, 10% weaker.
        let city = first("万元GDP能耗下降:15%以上")
        #expect(first("单位GDP能耗下降16%").compare(to: city) == .satisfies)
        #expect(first("单位GDP能耗下降10%").compare(to: city) != .satisfies)
        // Falling to a level: lower is better.
        let fall = first("万元 GDP 能耗由 2016 年的 0.547 吨标煤下降到 2020 年的 0.481 吨标煤")
        #expect(fall.kind == .fallTo)
        #expect(fall.compare(to: Quantity.target(.equal, 0.5, "吨标煤", kind: .fallTo)) == .satisfies)
        #expect(fall.compare(to: Quantity.target(.equal, 0.45, "吨标煤", kind: .fallTo)) != .satisfies)
        // A ceiling: 控制在4.5%以内.
        let ceiling = first("城镇登记失业率持续控制在 4.5% 以内")
        #expect(first("城镇登记失业率控制在4%以内").compare(to: ceiling) == .satisfies)
        #expect(first("城镇登记失业率控制在5%以内").compare(to: ceiling) != .satisfies)
        #expect(first("城镇登记失业率不低于4%").compare(to: ceiling) != .satisfies)
        // Ranks: within the top 30 is within the top 50.
        let rank = first("跻身全省50强")
        #expect(first("跻身全省30强").compare(to: rank) == .satisfies)
        #expect(first("跻身全省百强").compare(to: rank) != .satisfies)
        // ≈ targets read as floors: 增长7.5%左右.
        let growth = first("地区生产总值增长7.5%左右")
        #expect(first("地区生产总值增长8%").compare(to: growth) == .satisfies)
        #expect(first("地区生产总值增长7%左右").compare(to: growth) != .satisfies)
    }

    @Test func theDocumentedExample() {  // docs/quantities.md
        let qs = QuantityExtractor(planPeriod: 2026...2030).extract(from: "力争到2025年,研发投入强度达到3.3以上")
        #expect(qs.map(\.description) == ["≤2025年", "≥3.3 (2025年)"])
        let rd = qs[1].resolvingUnit(Unit.implied(bySubject: "投入强度")!)
        #expect(rd.unit == .percent && rd.unitInferred)
        #expect(rd.compare(to: .target(.atLeast, 3.2, in: .percent, by: 2030)) == .satisfies)
    }

    @Test func targetsSpelledOrTyped() {
        #expect(Quantity.target(.atLeast, 3.2, "%", by: 2030) == rdTarget)
        #expect(Quantity.target(.atLeast, 3.2, "不是单位").unit == nil)
    }

    @Test func kindsMustMatch() {
        let growth = first("地区生产总值增长7.5%左右")
        if case .notComparable = first("研发投入强度达到3.2%").compare(to: growth) {} else { Issue.record("level vs growth") }
        if case .notComparable = first("到2025年", .year).compare(to: rdTarget) {} else { Issue.record("year vs level") }
        // A rise to a level is a level.
        #expect(first("对外贸易依存度:提高到15%").compare(to: Quantity.target(.atLeast, 15, "%")) == .satisfies)
    }

    @Test func deadlines() {
        let city = first("力争到“十四五”期末完成", .year)
        #expect(city.value == 2025 && city.comparator == .atMost)
        #expect(first("到2024年完成", .year).compare(to: city) == .satisfies)
        #expect(first("到2027年完成", .year).compare(to: city) == .laterYear(value: 2027, target: 2025))
        #expect(first("力争五年内完成", .duration, plan: 2021...2025).year == 2025)
        #expect(first("“十四五”时期", .period).compare(to: city) == .satisfies)
    }
}

@Suite struct UnitCompositionTests {
    @Test func magnitudesComposeWithUnits() throws {
        let jin = try #require(Unit.named("亿斤"))
        #expect(jin.dimension == .mass)
        #expect(jin.factor == 1e8 * 0.0005)
        #expect(jin.root.symbol == "斤")
        let wanJia = try #require(Unit.named("万家"))
        #expect(wanJia.dimension == .count && wanJia.factor == 1e4 && wanJia.classifier == "家")
        #expect(Unit.named("亿元")!.root.symbol == "元")
        #expect(Unit.named("千元")!.root.symbol == "元")
        #expect(Unit.named("万平方米")!.root.symbol == "平方米")
        #expect(Unit.named("千瓦")!.root.symbol == "千瓦")
        #expect(Unit.named("万年") == nil)  // no magnitudes before spans of time
        #expect(Unit.named("发展") == nil)
    }

    @Test func ratios() throws {
        let a = try #require(Unit.named("亿元/平方公里")), b = try #require(Unit.named("万元/亩"))
        #expect(a.dimension == .ratio)
        #expect(a.isCommensurable(with: b))
        #expect(a.isCommensurable(with: Unit.named("人/所")!) == false)
        let v = try #require(b.convert(1, to: a))  // 1 万元/亩 in 亿元/平方公里
        #expect(abs(v - 1e4 / (10_000.0 / 15) / (1e8 / 1e6)) < 1e-9)
        #expect(a.baseUnit.symbol == "元/平方米")
    }

    @Test func percentIsNotPercentagePoints() {
        let pct = Unit.named("%")!, pp = Unit.named("个百分点")!
        #expect(!pct.isComparable(with: pp) && !pct.isCommensurable(with: pp))
        #expect(Unit.named("‰")!.convert(5, to: pct) == 0.5)
    }

    @Test func theSharedTableIsUnchangedWhereOthersRelyOnIt() {
        #expect(Unit.longestPrefix(of: "个百分点以上".unicodeScalars)?.unit.symbol == "个百分点")
        #expect(Unit.longestPrefix(of: "万吨标煤".unicodeScalars)?.length == 4)
        #expect(Unit.named("家")!.isComparable(with: Unit.named("个")!))  // dimension only, as before
        #expect(Unit.named("小时")!.convert(48, to: Unit.named("天")!) == 2)
    }
}
