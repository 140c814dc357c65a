import Foundation
import Testing
import Quantities
@testable import DocumentModel
import TestSupport

/// The one-pass UTF-8 decoder, the pointer-based normalizer and String building must give exactly what the
/// careful, scalar-by-scalar code gives, on well-formed and hostile input alike.
@Suite struct FastReadingTests {
    /// Both decoders' results side by side: the same scalars, lines and offsets, or the same located error.
    private func expectSameAsCareful(_ bytes: [UInt8], _ note: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = Result { () throws(ReadError) -> SourceText in try SourceText(bytes: bytes, file: "f.txt") }
        let careful = Result { () throws(ReadError) -> SourceText in try SourceText(carefully: bytes, file: "f.txt") }
        switch (fast, careful) {
        case (.success(let a), .success(let b)):
            #expect(a.encoding == b.encoding && a.hadBOM == b.hadBOM, "\(note)", sourceLocation: sourceLocation)
            #expect(a.scalars == b.scalars, "\(note)", sourceLocation: sourceLocation)
            #expect(a.lines == b.lines, "\(note)", sourceLocation: sourceLocation)
            #expect(a.lineByteStarts == b.lineByteStarts, "\(note)", sourceLocation: sourceLocation)
            #expect(a.gbWidths == b.gbWidths, "\(note)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(note)", sourceLocation: sourceLocation)
        default:
            Issue.record("\(note): fast \(fast), careful \(careful)", sourceLocation: sourceLocation)
        }
    }

    static let context = Array("第一章 总则\n坚持创新驱动发展，建设现代化强区。\n".utf8)

    @Test func wellFormedTextDecodesAsTheCarefulPathDoes() throws {
        let texts = ["", "a", "\n", "\r", "\r\n", "\n\n", "\r\r\n\n", "x\ry\r\nz\nw", "末行无换行", "末行\n",
                     "é © ÿ ĀĒ", "😀𠀀𝄞 emoji and 4-byte", "\u{7F}\u{85}\u{A0}\u{2028}\u{FEFF}\u{FFFF}\u{800}\u{D7FF}\u{E000}",
                     "\t制表\u{0C}换页", "第一章 总则\r\n坚持发展。\r目标二。\n(1) R&D 投入\r\n"]
        for t in texts {
            let bytes = Array(t.utf8)
            expectSameAsCareful(bytes, "plain \(t.debugDescription)")
            expectSameAsCareful([0xEF, 0xBB, 0xBF] + bytes, "with BOM \(t.debugDescription)")
            // The decoder is held to Swift's own, not only to the careful path.
            let source = try SourceText(bytes: bytes, file: "f.txt")
            #expect(source.scalars == Array(t.unicodeScalars))
        }
        expectSameAsCareful(try sampleBytes(Sample.hetang), "the hetang sample")
    }

    @Test func malformedSequencesGiveTheSameLocatedErrors() {
        let bad: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xC2], [0xC2, 0x41],
            [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xE4, 0xB8], [0xE4, 0x41, 0xAD], [0xE4, 0xB8, 0x41],
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0xAF], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xFF], [0xFE],
            [0x00], [0x01], [0x1B], [0x1F], [0x08],
            [0x01] + Array("x".utf8) + [0xE4, 0xB8],   // a control character before a malformed sequence
            [0xE4, 0xB8] + Array("x".utf8) + [0x01],   // and after one
        ]
        let good: [[UInt8]] = [[0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
                               [0xF0, 0x90, 0x80, 0x80], [0xC2, 0x80], [0xDF, 0xBF], [0x7F]]
        for b in bad + good {
            let name = b.map { String(format: "%02X", $0) }.joined(separator: " ")
            expectSameAsCareful(b, "alone \(name)")
            expectSameAsCareful(Self.context + b, "after text \(name)")
            expectSameAsCareful(Self.context + b + Self.context, "inside text \(name)")
            expectSameAsCareful([0xEF, 0xBB, 0xBF] + Self.context + b + Array("\r\n".utf8), "with BOM \(name)")
        }
    }

    @Test func everyTruncationOfAMixedTextAgrees() {
        let bytes = Array("第一章é😀x\r\n𠀀发展\r末".utf8)
        for k in 0...bytes.count {
            expectSameAsCareful(Array(bytes[..<k]), "first \(k) bytes")
            expectSameAsCareful(Array(bytes[k...]), "from byte \(k)")
        }
    }

    /// The word-at-a-time count of non-continuation bytes sizes the scalar arrays: it must equal the plain count
    /// at every length and alignment (the tail, the 31-word flushes) and on bytes of every value.
    @Test func leadCountEqualsTheByteByByteCount() {
        var rng = SplitMix64(seed: 11)
        let chinese = Array(String(repeating: "坚持创新驱动发展，建设现代化强区。a😀", count: 40).utf8)
        let random = (0..<2100).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let continuations = [UInt8](repeating: 0xBF, count: 2100) + [0x80, 0x41]
        for bytes in [chinese, random, continuations] {
            for start in 0..<9 {
                for end in Set([start, start + 1, start + 7, start + 8, start + 247, start + 248, start + 249,
                                bytes.count - 1, bytes.count]) where end >= start && end <= bytes.count {
                    let slice = Array(bytes[start..<end])
                    let plain = slice.filter { $0 & 0xC0 != 0x80 }.count
                    let fast = slice.withUnsafeBufferPointer { UTF8Validation.leadCount($0) }
                    #expect(fast == plain, "bytes \(start)..<\(end)")
                }
            }
        }
        #expect(UTF8Validation.leadCount(UnsafeBufferPointer(start: nil, count: 0)) == 0)
    }

    @Test func damagedPlansAgree() throws {
        var rng = SplitMix64(seed: 7)
        let text = try sampleBytes(Sample.hetang).prefix(6000)
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x0C, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
                                    0xF0, 0xF4, 0xF5, 0xFE, 0xFF]
        for round in 0..<300 {
            var bytes = Array(text)
            for _ in 0...(round % 3) {
                let at = Int(rng.next() % UInt64(bytes.count))
                let b = rng.next() % 2 == 0 ? interesting[Int(rng.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: rng.next())
                switch rng.next() % 3 {
                case 0: bytes[at] = b
                case 1: bytes.insert(b, at: at)
                default: bytes.removeSubrange(at..<min(at + 1 + Int(rng.next() % 3), bytes.count))
                }
            }
            expectSameAsCareful(bytes, "round \(round)")
        }
    }

    @Test func byteSpansQuoteTheOriginalInMixedWidths() throws {
        let text = "第一章 总则\nR&D 投入达到 3.2%，café 与 😀 并存。第二句在这里；Ünïcödé 𠀀字。\r\n末行。"
        let bytes = Array(text.utf8)
        let doc = TextPlanReader.read(try SourceText(bytes: bytes, file: "m.txt"))
        #expect(doc.sentenceRecords.count == 4)
        for s in doc.sentenceRecords {
            #expect(String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self) == s.original)
        }
    }

    @Test func normalizingAnyCollectionMatchesAnArray() {
        let line = Array("  ＧＤＰ增长７．５％， R&D 投入 \u{200B}强度\u{3000}达到 3.2 以上 ".unicodeScalars)
        let fromArray = Normalizer.normalize(line)
        let fromSlice = Normalizer.normalize(line[2...])
        // Not contiguous: takes the copying path.
        let lazy = Normalizer.normalize((0..<line.count).lazy.map { line[$0] })
        #expect(fromArray.text == "GDP增长7.5%，R&D投入强度达到3.2以上")
        #expect(lazy == fromArray)
        // A slice's origins count from its own start, as an array's do.
        #expect(fromSlice == Normalizer.normalize(Array(line[2...])))
    }

    /// A whole text normalized into one buffer holds, paragraph by paragraph, what normalizing each line
    /// gives: the same scalars, origins and original ranges (empty ones included).
    @Test func oneBufferMatchesLineByLine() throws {
        let text = "  ＧＤＰ增长７．５％， R&D 投入 \u{200B}强度\u{3000}达到 3.2 以上 \n\n\u{3000}\u{3000}第一章 总则\r\n" +
            "\u{200B}\n  \n１ 把握新发展阶段\n末行无换行"
        let source = try SourceText(bytes: Array(text.utf8), file: "t.txt")
        let whole = NormalizedText(lines: source)
        let gathered = NormalizedText((1...source.lineCount).map { Normalizer.normalize(source.line($0)) })
        #expect(whole.count == source.lineCount && gathered.count == source.lineCount)
        for i in 0..<source.lineCount {
            let line = Normalizer.normalize(source.line(i + 1))
            for t in [whole, gathered] {
                #expect(t[i] == line, "line \(i + 1)")
                #expect(t.isEmpty(i) == line.scalars.isEmpty && t.count(i) == line.scalars.count && t.text(i) == line.text)
                t.withLines { get in
                    let (s, o) = get(i)
                    #expect(Array(s) == line.scalars && Array(o) == line.origin)
                }
                for a in 0...line.scalars.count {
                    for b in a...line.scalars.count {
                        #expect(t.originalRange(i, a..<b) == line.originalRange(a..<b), "line \(i + 1), \(a)..<\(b)")
                    }
                }
            }
        }
    }

    @Test func stringsFromScalarsOfEveryWidth() {
        let text = "a é 第 😀 \u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"
        let scalars = Array(text.unicodeScalars)
        #expect(String(scalars: scalars) == text)
        #expect(String(scalars: scalars[2...]) == String(text.unicodeScalars.dropFirst(2)))
        #expect(String(scalars: text.unicodeScalars) == text)     // not contiguous
        #expect(String(scalars: [Unicode.Scalar]()) == "")
    }

    @Test func readBytesGivesTheFileAsItIs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancheck-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = try sampleBytes(Sample.hetang)
        let full = dir.appendingPathComponent("plan.txt"), empty = dir.appendingPathComponent("empty.txt")
        try Data(sample).write(to: full)
        try Data().write(to: empty)
        #expect(try SourceText.readBytes(full.path) == sample)
        #expect(try SourceText.readBytes(empty.path) == [])
        #expect(throws: ReadError.self) { _ = try SourceText.readBytes(full.path, maxBytes: sample.count - 1) }
        #expect(try SourceText.readBytes(full.path, maxBytes: sample.count) == sample)
    }

    @Test func headingNumbersReadAsChineseNumeralReadsThem() {
        for t in ["0", "7", "007", "12", "999", "123456789", "1234567890", "99999999999999999999", "十三", "1十", "二〇三五", "１２", "1a", ""] {
            let s = Array(t.unicodeScalars)
            #expect(HeadingRecognizer.decimal(s, 0..<s.count) == ChineseNumeral.value(of: s[...]), "\(t)")
        }
    }
}
