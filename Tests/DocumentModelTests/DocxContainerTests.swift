import Foundation
import Testing
@testable import DocumentModel

/// The .docx zip container trusts nothing in the file: damaged, lying or hostile zips end quickly in a
/// located error (or a normal result), never a trap, a hang or a silent pass.
@Suite(.timeLimit(.minutes(2))) struct DocxContainerTests {
    static let documentXML = "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(wordNS)\"><w:body>"
        + "<w:p><w:r><w:t>第一章 总则</w:t></w:r></w:p><w:p><w:r><w:t>到2025年，地区生产总值达到350亿元。</w:t></w:r></w:p>"
        + "</w:body></w:document>"
    static let document = Array(documentXML.utf8)

    /// Reads, bounding the time generously: a case that takes milliseconds must not take 10 s.
    func read(_ bytes: [UInt8], file: String = "hostile.docx") throws -> PlanDocument {
        let start = Date()
        defer { #expect(Date().timeIntervalSince(start) < 10, "\(file) took too long") }
        return try readPlan(bytes, file: file)
    }

    /// The error reading gives, nil when it reads.
    func refusal(_ bytes: [UInt8], file: String = "hostile.docx") -> ReadError? {
        do { _ = try read(bytes, file: file); return nil } catch { return error as? ReadError }
    }

    /// A file from the shared hostile inputs, from the committed copy (or ../shared when that is gone).
    @Test func handWrittenZipReads() throws {
        let doc = try read(HandZip([.init("word/document.xml", Self.document)]).bytes)
        #expect(doc.sentenceRecords.map(\.text) == ["到2025年，地区生产总值达到350亿元。"])
    }

    @Test func centralDirectoryPastTheEndIsAnError() throws {
        // ZIPFoundation 0.9.20 trapped here (exit 132).
        let e = try #require(refusal(try reliabilityFile("offset-past-end.docx"), file: "offset-past-end.docx"))
        #expect(e.file == "offset-past-end.docx")
        #expect(e.description.hasPrefix("offset-past-end.docx: not a readable .docx"))
    }

    @Test func deflateStreamThatNeverEndsIsAnError() throws {
        // A stored block that promises 65,535 bytes and holds none: ZIPFoundation spun forever; libarchive stops
        // when the input is used up.
        let e = try #require(refusal(try reliabilityFile("inflate-loop.docx"), file: "inflate-loop.docx"))
        #expect(e.file == "inflate-loop.docx")
        #expect(e.message.contains("word/document.xml could not be unpacked"))
    }

    @Test func wrongCRCIsRefusedStoredOrDeflated() throws {
        let stored = HandZip([.init("word/document.xml", Self.document, crc: crc32(Self.document) ^ 0x55)]).bytes
        var deflated = try makeZip([("word/document.xml", Self.document)])
        patchHeaders(&deflated, signature: 0x0403_4B50, offset: 14, value: crc32(Self.document) ^ 0x55)
        patchHeaders(&deflated, signature: 0x0201_4B50, offset: 16, value: crc32(Self.document) ^ 0x55)
        for (name, zip) in [("stored.docx", stored), ("deflated.docx", deflated)] {
            let e = try #require(refusal(zip, file: name))
            #expect(e.description.hasPrefix("\(name): not a readable .docx: word/document.xml could not be unpacked"))
            #expect(e.message.contains("bad CRC"))
        }
        // The same bytes with the true CRC read: the test is of the check, not of the writer.
        #expect(try read(HandZip([.init("word/document.xml", Self.document)]).bytes).bodySentenceCount == 1)
    }

    @Test func changedDataUnderATrueCRCIsRefused() throws {
        var zip = HandZip([.init("word/document.xml", Self.document)]).bytes
        let at = try #require(zip.firstIndex(of: UInt8(ascii: "3")))  // the "350" of the stored text
        zip[at] = UInt8(ascii: "9")
        #expect(refusal(zip)?.message.contains("bad CRC") == true)
    }

    @Test func headersThatDisagreeOnTheCRCAreRefused() throws {
        // The data matches the local header; the central directory says otherwise.
        let zip = HandZip([.init("word/document.xml", Self.document, centralCRC: 1234)]).bytes
        let e = try #require(refusal(zip))
        #expect(e.message.contains("the headers of word/document.xml disagree"))
    }

    @Test func aSecondDocumentEntryIsRefused() throws {
        let other = Array(Self.documentXML.replacingOccurrences(of: "350", with: "999").utf8)
        let zip = HandZip([.init("word/document.xml", Self.document), .init("word/document.xml", other)]).bytes
        #expect(refusal(zip)?.message.contains("two entries named word/document.xml") == true)
        let styles = Array(docxStyles.utf8)
        let twice = HandZip([.init("word/styles.xml", styles), .init("word/document.xml", Self.document), .init("word/styles.xml", styles)]).bytes
        #expect(refusal(twice)?.message.contains("two entries named word/styles.xml") == true)
    }

    @Test func namesWithDotDotAreNeverTheDocument() throws {
        let outside = HandZip([.init("../word/document.xml", Self.document), .init("word/../word/document.xml", Self.document)]).bytes
        #expect(refusal(outside)?.message.contains("the zip has no word/document.xml") == true)
        // Entries that are never read may be called anything; nothing is written to disk.
        let beside = HandZip([.init("../../etc/passwd", Array("root".utf8)), .init("word/document.xml", Self.document)]).bytes
        #expect(try read(beside).bodySentenceCount == 1)
    }

    @Test func encryptedDocumentIsRefused() throws {
        let zip = HandZip([.init("word/document.xml", Self.document, flags: 1)]).bytes
        #expect(refusal(zip)?.message.contains("word/document.xml is encrypted") == true)
    }

    @Test func unknownMethodOrALinkIsNotRead() throws {
        let unknown = HandZip([.init("word/document.xml", Self.document, method: 77)]).bytes
        #expect(refusal(unknown)?.message.contains("word/document.xml could not be unpacked (Unsupported ZIP compression method") == true)
        // A symbolic link named word/document.xml is not followed: its target is not the document.
        let link = HandZip([.init("word/document.xml", Array("/etc/passwd".utf8), unixMode: 0o120777)]).bytes
        let e = try #require(refusal(link))
        #expect(e.message.contains("XML") && !e.message.contains("root:"))
    }

    @Test func zip64SizesThatLieAreRefused() throws {
        let n = UInt64(Self.document.count)
        // Honest zip64 sizes read.
        #expect(try read(HandZip([.init("word/document.xml", Self.document, zip64: (n, n))]).bytes).bodySentenceCount == 1)
        // Huge: refused before anything is unpacked.
        let huge = HandZip([.init("word/document.xml", Self.document, zip64: (1 << 40, n))]).bytes
        #expect(refusal(huge)?.message.contains("word/document.xml would unpack past the limit") == true)
        // Data past the end of the file, or fewer bytes than there are: the entry cannot be unpacked whole.
        for (u, c) in [(n, 1 << 40), (UInt64(5), UInt64(5)), (n, n - 7), (UInt64(1) << 63, UInt64(1) << 63)] {
            let e = try #require(refusal(HandZip([.init("word/document.xml", Self.document, zip64: (u, c))]).bytes), "\(u) \(c)")
            #expect(e.message.contains("word/document.xml") || e.message.contains("zip"), "\(u) \(c): \(e.message)")
            #expect(!e.message.contains("\n"), "one line: \(e.message)")
        }
    }

    @Test func emptyTruncatedOrNotAZipIsAnError() throws {
        #expect(refusal([], file: "empty.docx")?.message.contains("cannot be opened as a zip archive") == true)
        #expect(refusal(Array("PK\u{3}\u{4} and then plain text".utf8))?.file == "hostile.docx")
        #expect(refusal([UInt8](repeating: 0, count: 4096))?.message.contains("zip") == true)
        // Cut anywhere, a .docx reads (the cut fell past what is read) or gives an error; never a trap or a hang.
        let whole = try makeDocx(documentXML: Self.documentXML)
        var errors = 0
        for cut in stride(from: 0, to: whole.count, by: 3) {
            if refusal(Array(whole[0..<cut]), file: "cut.docx") != nil { errors += 1 }
        }
        #expect(errors > whole.count / 3 / 2)
    }
}
