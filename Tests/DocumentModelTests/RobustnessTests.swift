import Foundation
import Testing
@testable import DocumentModel
import TestSupport

/// Mangled plans must never crash the reader, and what it returns must still point at the right bytes.
@Suite struct RobustnessTests {
    static let palette: [String] = [
        "第", "章", "节", "篇", "一、", "（一）", "(1)", "1.", "12、", "——", "专栏", "名词解释", "附件", "。", "；", "！", "？",
        "“", "”", " ", "\u{3000}", "\u{00A0}", "\u{200B}", "\u{FEFF}", "\r", "\n", "\r\n", "３", "％", "Ｒ", "．", "〇",
        "◀上接01版", "**上接A1版**", "责任编辑:", "发表于", "温馨提示", "#", "●", "-", "𠀀", "😀", "\u{0301}", "e\u{0301}",
        "2020 年", "3.3 以上", "千亿", "\t", "\u{0C}",
    ]

    @Test func mangledSamplesReadCleanly() throws {
        var rng = SplitMix64(seed: 7)
        let names = [Sample.hetang, Sample.proposal, Sample.communique, Sample.workReport, Sample.congress]
        let texts = try names.map { try String(contentsOf: URL(fileURLWithPath: samplePath($0)), encoding: .utf8) }
        for round in 0..<300 {
            var chars = Array(texts[round % texts.count].unicodeScalars)
            // Work on a window so each round stays fast.
            let start = Int.random(in: 0..<max(1, chars.count - 3000), using: &rng)
            chars = Array(chars[start..<min(chars.count, start + 3000)])
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                let at = Int.random(in: 0...chars.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: chars.insert(contentsOf: Self.palette.randomElement(using: &rng)!.unicodeScalars, at: at)
                case 1: if at < chars.count { chars.removeSubrange(at..<min(chars.count, at + Int.random(in: 1...40, using: &rng))) }
                case 2: if at < chars.count { let end = min(chars.count, at + 80); chars.insert(contentsOf: chars[at..<end], at: at) }
                default: chars.insert(contentsOf: Array(repeating: Self.palette.randomElement(using: &rng)!.unicodeScalars.first!, count: 500), at: at)
                }
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: chars)
            let bytes = Array(String(text).utf8)
            let doc = TextPlanReader.read(try SourceText(bytes: bytes, file: "round\(round).txt"))
            for s in doc.sentenceRecords {
                #expect(String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self) == s.original, "round \(round)")
                #expect(!s.text.isEmpty)
            }
            func nest(_ s: Section) {
                #expect(s.startLine <= s.endLine && s.endLine <= doc.lineCount, "round \(round)")
                for c in s.children { #expect(c.startLine >= s.startLine && c.endLine <= s.endLine, "round \(round)"); nest(c) }
            }
            doc.sections.forEach(nest)
            for n in doc.noise { #expect(n.startLine <= n.endLine && n.endLine <= doc.lineCount) }
            _ = try JSONEncoder().encode(doc)
        }
    }

    @Test func pathologicalShapes() throws {
        let cases: [String] = [
            String(repeating: "一、", count: 10_000),
            String(repeating: "第一章\n", count: 5_000),
            String(repeating: "。", count: 50_000),
            String(repeating: "（一）", count: 5_000) + "\n" + String(repeating: "——", count: 5_000),
            String(repeating: "专栏 1\n1.\n", count: 2_000),
            "名词解释\n" + String(repeating: "1.:\n", count: 3_000),
            String(repeating: "a ", count: 100_000),
            String(repeating: "\n", count: 100_000),
            "",
        ]
        for text in cases {
            let doc = TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: "p.txt"))
            #expect(doc.lineCount >= 1)
        }
    }
}
