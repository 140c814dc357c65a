import Testing
@testable import Quantities

/// The check that lets the extractor skip sentences without a digit, Chinese numeral or 本.
@Suite struct QuantityPrefilterTests {
    static let holds: [String] = [
        "到2025年全区生产总值达到500亿元",       // Arabic digits
        "二〇三五年基本实现社会主义现代化",         // a year in numerals
        "力争跻身全国百强",                       // 百 only
        "到本世纪中叶建成现代化强区",               // 本 (本世纪中叶), no numeral at all
        "“十四五”时期经济社会发展主要目标",          // a plan name
        "引进一批重大项目",                       // 一 (an article, but the scan must look)
        "万元GDP能耗下降",                        // 万
    ]
    static let lacks: [String] = [
        "坚持创新驱动发展战略",
        "推动制造业高质量发展，建设现代化产业体系。",
        "“制造强区”建设取得新成效",
        "《株洲市国土空间总体规划》",
        "第章节",
        "",
    ]

    @Test(arguments: holds) func sentencesThatMayHoldQuantities(_ s: String) {
        let scalars = Array(s.unicodeScalars)
        #expect(scalars.withUnsafeBufferPointer { QuantityExtractor.mayHoldQuantity($0) })
    }

    @Test(arguments: lacks) func sentencesWithoutDigitsOrNumeralsHoldNone(_ s: String) {
        let scalars = Array(s.unicodeScalars)
        #expect(!scalars.withUnsafeBufferPointer { QuantityExtractor.mayHoldQuantity($0) })
        #expect(QuantityExtractor(planPeriod: 2026...2030).extract(from: s).isEmpty)
    }

    /// 本世纪中叶 has no numeral: the check must not rule it out, or the year 2050 would be lost.
    @Test func centuryWithoutNumeralsIsStillRead() {
        let q = QuantityExtractor(planPeriod: 2026...2030).extract(from: "到本世纪中叶建成现代化强区")
        #expect(q.map(\.kind) == [.year])
        #expect(q.first?.value == 2050)
    }

    @Test func rootOfUnitsWithAndWithoutMagnitude() {
        #expect(Unit.named("亿元")?.root.symbol == "元")
        #expect(Unit.named("万亩")?.root.symbol == "亩")
        #expect(Unit.named("家")?.root.symbol == "家")
        #expect(Unit.named("万家")?.root.symbol == "家")
        #expect(Unit.named("千瓦")?.root.symbol == "千瓦")   // 千瓦 is a unit of its own, not 千 × 瓦
        #expect(Unit("", .count).root.symbol == "")
    }
}
