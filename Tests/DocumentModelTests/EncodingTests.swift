import Foundation
import Testing
@testable import DocumentModel
import TestSupport

/// The model without what legitimately differs between encodings of one text (encoding, byte offsets).
private func comparable(_ d: PlanDocument) -> some Equatable {
    struct View: Equatable {
        var sections: [String]
        var sentences: [String]
        var noise: [String]
        var title: String?
    }
    func flat(_ s: Section) -> String { "\(s.kind) \(s.number ?? -1) \(s.label) \(s.title) \(s.startLine)-\(s.endLine) \(s.sentenceCount) \(s.span.column)" }
    return View(sections: d.allSections.map(flat),
                sentences: d.sentenceRecords.map { "\($0.line):\($0.column)-\($0.span.endColumn) \($0.path) \($0.text) | \($0.original)" },
                noise: d.noise.map { "\($0.startLine)-\($0.endLine) \($0.reason) \($0.detail) \($0.text)" },
                title: d.title)
}

@Suite struct EncodingTests {
    let utf8Text: String
    let utf8Doc: PlanDocument

    init() throws {
        let bytes = try sampleBytes(Sample.hetang)
        utf8Text = String(decoding: bytes, as: UTF8.self)
        utf8Doc = TextPlanReader.read(try SourceText(bytes: bytes, file: "plan"))
    }

    @Test func gb18030GivesTheSameModel() throws {
        let data = try #require(utf8Text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let bytes = [UInt8](data)
        let source = try SourceText(bytes: bytes, file: "plan")
        #expect(source.encoding == .gb18030)
        let doc = TextPlanReader.read(source)
        #expect(comparable(doc) == comparable(utf8Doc))
        // Byte ranges point into the GB18030 bytes.
        for s in doc.sentenceRecords.prefix(50) {
            let quoted = String(data: Data(bytes[s.span.byteStart..<s.span.byteEnd]), encoding: String.Encoding(rawValue: 0x8000_0632))
            #expect(quoted == s.original)
        }
    }

    @Test(arguments: [true, false])
    func utf16WithBOMGivesTheSameModel(bigEndian: Bool) throws {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for u in utf8Text.utf16 {
            let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        let source = try SourceText(bytes: bytes, file: "plan")
        #expect(source.encoding == (bigEndian ? .utf16BE : .utf16LE))
        let doc = TextPlanReader.read(source)
        #expect(comparable(doc) == comparable(utf8Doc))
        let s = doc.sentenceRecords[10]
        var units: [UInt16] = []
        for k in stride(from: s.span.byteStart, to: s.span.byteEnd, by: 2) {
            let a = UInt16(bytes[k]), b = UInt16(bytes[k + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
        }
        #expect(String(decoding: units, as: UTF16.self) == s.original)
    }

    @Test func utf8BOMIsSkipped() throws {
        let source = try SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("第一章 总则\n内容。".utf8), file: "bom.txt")
        #expect(source.encoding == .utf8 && source.hadBOM)
        let doc = TextPlanReader.read(source)
        #expect(doc.sections.first?.title == "总则")
        #expect(doc.sentenceRecords.first?.span.byteStart == 3 + Array("第一章 总则\n".utf8).count)
    }

    @Test func gb18030FourByteCharactersKeepOffsets() throws {
        // `é` and `€` take four bytes in GB18030; offsets after them must still be right.
        let text = "第一章 总则\né€发展目标。目标二。\n"
        let bytes = [UInt8](try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632))))
        // Make it fail UTF-8 validation so GB18030 is chosen (it is: é is 0x81 0x30 …).
        let source = try SourceText(bytes: bytes, file: "gb.txt")
        #expect(source.encoding == .gb18030)
        let doc = TextPlanReader.read(source)
        let second = try #require(doc.sentenceRecords.last)
        #expect(second.text == "目标二。")
        let quoted = String(data: Data(bytes[second.span.byteStart..<second.span.byteEnd]), encoding: String.Encoding(rawValue: 0x8000_0632))
        #expect(quoted == "目标二。")
    }

    @Test func randomBytesAreALocatedError() {
        var rng = SplitMix64(seed: 42)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect {
            _ = try SourceText(bytes: bytes, file: "noise.bin")
        } throws: { error in
            guard let e = error as? ReadError else { return false }
            return e.file == "noise.bin" && e.byteOffset != nil && e.description.contains("byte offset")
        }
    }

    @Test func truncatedMultibyteSequenceIsALocatedError() throws {
        // A UTF-8 plan whose last character lost its final byte.
        var bytes = Array("第一章 总则\n坚持发展。\n".utf8)
        bytes += Array("中".utf8).prefix(2)
        let expectedOffset = bytes.count - 2
        do {
            _ = try SourceText(bytes: bytes, file: "cut.txt")
            Issue.record("a truncated file was accepted")
        } catch {
            #expect(error.file == "cut.txt")
            #expect(error.byteOffset == expectedOffset)
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("cut.txt:3: not valid UTF-8"))
        }
    }

    @Test func damagedUTF8InTheMiddleIsNotMistakenForGB18030() throws {
        var bytes = Array(String(repeating: "发展目标是建设现代化强区。", count: 20).utf8)
        bytes[100] = 0xFF
        #expect(throws: ReadError.self) { _ = try SourceText(bytes: bytes, file: "bad.txt") }
    }

    @Test func binaryControlCharactersAreRefused() {
        let bytes: [UInt8] = Array("第一章".utf8) + [0x00, 0x01] + Array("text".utf8)
        #expect(throws: ReadError.self) { _ = try SourceText(bytes: bytes, file: "nul.txt") }
    }

    @Test func oddUTF16IsRefused() {
        #expect(throws: ReadError.self) { _ = try SourceText(bytes: [0xFF, 0xFE, 0x2C, 0x7B, 0x00], file: "odd.txt") }
        // An unpaired high surrogate.
        #expect(throws: ReadError.self) { _ = try SourceText(bytes: [0xFF, 0xFE, 0x3D, 0xD8, 0x41, 0x00], file: "sur.txt") }
    }

    @Test func emptyFileIsAnEmptyDocument() throws {
        let doc = TextPlanReader.read(try SourceText(bytes: [], file: "empty.txt"))
        #expect(doc.sections.isEmpty && doc.sentenceRecords.isEmpty)
    }
}

@Suite struct UTF8DecoderTests {
    /// The one-pass decoder agrees with the standard library on random and near-valid bytes.
    @Test func agreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 11)
        let valid = Array("第一章 总则 3.3% 𠀀 é".utf8)
        for round in 0..<5_000 {
            var bytes = round % 2 == 0 ? valid : (0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if round % 2 == 0, !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            let mine = UTF8Validation.decodeIfValid(bytes[...])
            let theirs = String(validating: bytes, as: UTF8.self).map { Array($0.unicodeScalars) }
            #expect(mine == theirs, "\(bytes)")
            #expect((mine == nil) == (UTF8Validation.firstInvalid(bytes[...]) != nil))
        }
    }
}
