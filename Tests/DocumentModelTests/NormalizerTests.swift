import Testing
@testable import DocumentModel

@Suite struct NormalizerTests {
    /// (original line, normalized text, a normalized substring, the original text it must map back to)
    @Test(arguments: [
        ("“ 十三五 ” 时期", "“十三五”时期", "十三五", "十三五"),
        ("2020 年全区地区生产总值达到 244.2 亿元", "2020年全区地区生产总值达到244.2亿元", "244.2亿元", "244.2 亿元"),
        ("投入强度达到 3.3 以上", "投入强度达到3.3以上", "3.3以上", "3.3 以上"),
        ("第十四个五年规划和二 〇 三五年", "第十四个五年规划和二〇三五年", "二〇三五年", "二 〇 三五年"),
        ("研发投入强度达到３.２％以上", "研发投入强度达到3.2%以上", "3.2%", "３.２％"),
        ("ＧＤＰ增长７．５％", "GDP增长7.5%", "GDP增长7.5%", "ＧＤＰ增长７．５％"),
        ("\u{3000}\u{3000}坚持创新驱动。", "坚持创新驱动。", "坚持", "坚持"),
        ("制造业\u{00A0}增加值", "制造业增加值", "业增", "业\u{00A0}增"),
        ("R&D 投入 强度", "R&D投入强度", "R&D投入", "R&D 投入"),
        ("Hello  world 发展", "Hello world发展", "world发展", "world 发展"),
        ("研究与试验发展经费( R&D )投入强度", "研究与试验发展经费(R&D)投入强度", "(R&D)", "( R&D )"),
        ("2020 2021", "2020 2021", "2020 2021", "2020 2021"),
        ("发\u{200B}展", "发展", "发展", "发\u{200B}展"),
        ("  ", "", "", ""),
    ])
    func normalizes(_ original: String, _ expected: String, _ piece: String, _ back: String) throws {
        let scalars = Array(original.unicodeScalars)
        let n = Normalizer.normalize(scalars)
        #expect(n.text == expected)
        #expect(n.scalars.count == n.origin.count)
        guard !piece.isEmpty else { return }
        let hay = n.scalars, needle = Array(piece.unicodeScalars)
        let at = try #require((0...(hay.count - needle.count)).first { Array(hay[$0..<$0 + needle.count]) == needle })
        let r = n.originalRange(at..<at + needle.count)
        #expect(String(String.UnicodeScalarView(scalars[r])) == back)
    }

    @Test func linesStaySeparate() throws {
        let doc = try readText("第一章 总则\n坚持发展\n稳中求进。\r\n第二章 目标\r\n")
        #expect(doc.sentenceRecords.map(\.text) == ["坚持发展", "稳中求进。"])
        #expect(doc.sentenceRecords.map(\.line) == [2, 3])
        #expect(doc.sections.map(\.startLine) == [1, 4])
    }

    @Test func crlfAndLoneCRAreLineBreaks() throws {
        let doc = try readText("第一章 甲\r第二章 乙\r\n第三章 丙\n")
        #expect(doc.sections.map(\.title) == ["甲", "乙", "丙"])
        #expect(doc.sections.map(\.startLine) == [1, 2, 3])
        #expect(doc.lineCount == 3)   // a final line break ends the last line; it does not start another
    }
}
