import Testing
@testable import Quantities

@Suite struct ChineseNumeralTests {
    @Test(arguments: [
        ("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("五十二", 52), ("一百零五", 105),
        ("三千", 3000), ("五百亿", 50_000_000_000), ("千亿", 100_000_000_000), ("两", 2),
        ("二〇三五", 2035), ("二〇二一", 2021), ("十六", 16), ("四十九", 49), ("一万二千", 12_000),
    ])
    func reads(_ text: String, _ expected: Int) {
        #expect(ChineseNumeral.value(of: text) == expected)
    }

    @Test(arguments: ["", "三五六七八九十", "十百", "发展", "一a"])
    func rejects(_ text: String) {
        #expect(ChineseNumeral.value(of: text) == nil)
    }
}

@Suite struct UnitTests {
    @Test func convertsMoney() {
        let yi = Unit.named("亿元")!, wan = Unit.named("万元")!
        #expect(yi.convert(1, to: wan) == 10_000)
        #expect(Unit.named("%")!.convert(3, to: Unit.named("个百分点")!) == nil)
    }

    @Test func longestPrefixPrefersLongerSpelling() {
        let r = Unit.longestPrefix(of: "万吨标煤以上".unicodeScalars)
        #expect(r?.unit.symbol == "万吨标煤")
        #expect(r?.length == 4)
        #expect(Unit.longestPrefix(of: "发展".unicodeScalars) == nil)
    }
}
