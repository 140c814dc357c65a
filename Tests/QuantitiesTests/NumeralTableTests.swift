import Testing
@testable import Quantities

/// The quantity scan reads Chinese numerals through `ChineseNumeral`'s one table: the character list its
/// scalar sets are built from, and the digit and character tests, must agree on every scalar.
@Suite struct NumeralTableTests {
    /// Every BMP scalar, the only ones the tables can hold.
    static let bmp: [Unicode.Scalar] = (0..<0x10000).compactMap { Unicode.Scalar(UInt32($0)) }

    @Test func theCharacterListIsWhatTheCharacterTestAccepts() {
        let listed = Set(ChineseNumeral.chineseCharacters.unicodeScalars)
        #expect(listed.count == ChineseNumeral.chineseCharacters.unicodeScalars.count)
        for c in Self.bmp where ChineseNumeral.isChineseNumeralCharacter(c) != listed.contains(c) {
            Issue.record("U+\(String(c.value, radix: 16)) \(c): listed \(listed.contains(c))")
        }
    }

    @Test func digitsAreTheChineseDigitsWithASCIIAndFullWidthOnes() {
        let wrong = Self.bmp.filter { c in
            let ascii = c.value >= 0x30 && c.value <= 0x39 ? Int(c.value - 0x30) : nil
            let fullWidth = c.value >= 0xFF10 && c.value <= 0xFF19 ? Int(c.value - 0xFF10) : nil
            if (ascii != nil || fullWidth != nil) && ChineseNumeral.chineseDigit(c) != nil { return true }
            return ChineseNumeral.digit(c) != ascii ?? fullWidth ?? ChineseNumeral.chineseDigit(c)
        }
        #expect(wrong.isEmpty)
    }

    /// The Chinese digits as the scan read them before it shared the table (two, three and their financial
    /// forms included, 廿 and 卅 not).
    @Test func theChineseDigitsAreTheOnesTheScanRead() {
        let digits: [Unicode.Scalar: Int] = [
            "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
            "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
        ]
        #expect(Self.bmp.filter { ChineseNumeral.chineseDigit($0) != digits[$0] }.isEmpty)
        #expect(ChineseNumeral.chineseCharacters == "〇零一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿")
    }
}
