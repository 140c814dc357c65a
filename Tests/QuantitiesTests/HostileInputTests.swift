import Testing
@testable import Quantities

/// Checks what must hold for any input: spans inside the sentence, values finite, sorted, deterministic.
private func checkInvariants(_ scalars: [Unicode.Scalar], plan: ClosedRange<Int>? = 2026...2030) -> [Quantity] {
    let ex = QuantityExtractor(planPeriod: plan)
    let got = ex.extract(from: scalars)
    for q in got {
        #expect(q.span.lowerBound >= 0 && q.span.upperBound <= scalars.count)
        #expect(q.valueSpan.lowerBound >= q.span.lowerBound && q.valueSpan.upperBound <= q.span.upperBound)
        #expect(!q.span.isEmpty)
        #expect(q.value.isFinite && (q.upper?.isFinite ?? true) && (q.from?.isFinite ?? true))
    }
    #expect(zip(got, got.dropFirst()).allSatisfy { $0.span.lowerBound <= $1.span.lowerBound })
    #expect(ex.extract(from: scalars) == got)
    return got
}

@Suite struct HostileInputTests {
    @Test(arguments: ["", "亿", "万", "年", "%", "-", "2-", "-3", "从", "由2015年的", "第", "本", "“", "《", "十", "十五五",
                      "以上", "到", ":", "0", "00000", "0.0", ".5", "1.", "1.2.3.4", "1,2,3", "1,,200", "亿亿亿亿", "万万万",
                      "一亿五千万", "零", "〇〇〇〇年", "9999年", "0000年"])
    func tinyInputs(_ s: String) {
        _ = checkInvariants(Array(s.unicodeScalars))
    }

    @Test func loneMagnitudesAreNothing() {
        #expect(QuantityExtractor().extract(from: "亿").isEmpty)
        #expect(QuantityExtractor().extract(from: "亿元").isEmpty)
        #expect(QuantityExtractor().extract(from: "").isEmpty)
    }

    @Test func veryLongDigitRunsDoNotOverflow() {
        let digits = String(repeating: "9", count: 10_000)
        #expect(checkInvariants(Array((digits + "亿元").unicodeScalars)).isEmpty)
        #expect(checkInvariants(Array(("达到" + digits + "." + digits + "%").unicodeScalars)).isEmpty)
        // Up to 15 significant digits are read; a long fraction is cut, not rejected.
        let got = checkInvariants(Array("达到123456789012345亿元,3.14159265358979323846%".unicodeScalars))
        #expect(got.map(\.value) == [123_456_789_012_345, 3.14159265358979])
        // Thousands separators without end.
        _ = checkInvariants(Array(("1" + String(repeating: ",000", count: 5_000) + "元").unicodeScalars))
    }

    @Test func longRunsOfNumeralsAndMarkers() {
        for piece in ["亿", "一", "十", "〇", "万亿", "二〇三五年", "“", "《", "第", "本世纪", "-", "至", "2-", "年", "以上", "由2020年的"] {
            let s = String(repeating: piece, count: 20_000 / piece.count)
            _ = checkInvariants(Array(s.unicodeScalars))
        }
        // A long sentence of real quantities stays linear and complete.
        let one = "地区生产总值增长7.5%左右,"
        let got = checkInvariants(Array(String(repeating: one, count: 5_000).unicodeScalars))
        #expect(got.count == 5_000)
    }

    @Test func randomMixesOfTheScannersAlphabet() {
        let alphabet = Array("0123456789.,-—~至到年月日亿万千百十一二两三〇零第本世纪中叶“”《》:由从的提高到下降增长以上以内左右约超过达到家个%强个百分点十五五期末内今后GDPx+/ ".unicodeScalars)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 58) + 1
            var s: [Unicode.Scalar] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                s.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            _ = checkInvariants(s)
        }
    }

    @Test func everyLineOfTheSamples() {
        var total = 0
        for line in sampleLines {
            total += checkInvariants(Array(line.unicodeScalars)).count
        }
        #expect(total > 300)
    }
}

/// Long sentences of values (issue #12): the year each value refers to was looked for back through every
/// token before it, so a sentence of thousands of values without a year took seconds.
@Suite struct LongSentenceTests {
    @Test(.timeLimit(.minutes(1))) func manyValuesWithoutAYearHaveNone() {
        let n = 50_000
        let got = QuantityExtractor(planPeriod: 2026...2030).extract(from: String(repeating: "研发投入增加1亿元，", count: n))
        #expect(got.count == n)
        #expect(got.allSatisfy { $0.year == nil && $0.value == 1 })
    }

    @Test(.timeLimit(.minutes(1))) func oneYearFarBackServesEveryValue() {
        let n = 50_000
        let text = "到2030年，" + String(repeating: "研发投入增加1亿元，", count: n)
        let got = QuantityExtractor(planPeriod: 2026...2030).extract(from: text)
        #expect(got.count == n + 1)
        #expect(got.dropFirst().allSatisfy { $0.year == 2030 })
    }

    /// The year before a whole change (`由2015年的…提高到…`) is the last time ending before it, also when a
    /// later time overlaps the change's words: the same as a short sentence gives, repeated.
    @Test(.timeLimit(.minutes(1))) func aChangeTakesTheYearBeforeItInALongSentence() {
        let unit = "到2025年，由2020年的5%提高到8%，"
        let ex = QuantityExtractor(planPeriod: 2021...2025)
        let one = ex.extract(from: unit)
        let many = ex.extract(from: String(repeating: unit, count: 5_000))
        #expect(many.count == one.count * 5_000)
        let width = unit.unicodeScalars.count
        for (k, q) in many.enumerated() {
            let o = one[k % one.count]
            let shift = (k / one.count) * width
            #expect(q.kind == o.kind && q.value == o.value && q.year == o.year && q.fromYear == o.fromYear)
            #expect(q.span == (o.span.lowerBound + shift)..<(o.span.upperBound + shift))
            if q.kind != o.kind || q.year != o.year { break }
        }
    }
}
