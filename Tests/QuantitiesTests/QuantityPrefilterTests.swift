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

    /// Where the scan starts: the first digit or scalar it looks at, quotes and 第 included, so that what
    /// it skips before a number is skipped as before. Sentences from plans, and made-up ones with
    /// scalars outside the BMP (which the bit sets cannot rule out).
    @Test(arguments: [
        ("到2025年全区生产总值达到500亿元", 1),
        ("“三类500强”企业达到5家", 0),
        ("建设“数字株洲”，力争三年内完成", 2),
        ("第三章 推进产业集群建设，培育10个千亿产业", 0),
        ("《株洲市国土空间总体规划》提出2025年目标", 0),
        ("坚持创新驱动发展，二〇三五年基本实现现代化", 9),
        ("万元GDP能耗下降", 0),
        ("\u{20000}推进到2025年", 4),
        ("\u{20000}推进建设", 5),
        ("“\u{20000}”推进建设", 0),
        ("\u{20000}推进“建设”", 3),
    ] as [(String, Int)])
    func scanStartsAtTheFirstScalarTheScanReads(_ s: String, _ start: Int) {
        let scalars = Array(s.unicodeScalars)
        #expect(scalars.withUnsafeBufferPointer { QuantityExtractor.scanStart($0) } == start)
    }

    @Test(arguments: lacks) func noScanStartWithoutAQuantityStart(_ s: String) {
        let scalars = Array(s.unicodeScalars)
        #expect(scalars.withUnsafeBufferPointer { QuantityExtractor.scanStart($0) } == nil)
    }

    /// A quote before the first number still hides the number: starting at the number would read `500强`.
    @Test func aQuoteBeforeTheFirstNumberIsStillSkipped() {
        let q = QuantityExtractor(planPeriod: 2026...2030).extract(from: "“三类500强”企业达到5家")
        #expect(q.map(\.value) == [5])
        let r = QuantityExtractor(planPeriod: 2026...2030).extract(from: "“十四五”时期，“三类500强”企业达到5家")
        #expect(r.map(\.value) == [2021, 5])
    }
}
