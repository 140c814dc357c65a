import Foundation
import Testing
@testable import DocumentModel
import TestSupport

/// Hostile files are refused or read harmlessly, quickly, with a clear message — never a crash or a leak.
@Suite struct HostileFileTests {
    /// A file whose content must never come out of the reader.
    func secretFile() throws -> (URL, String) {
        let dir = try temporaryFolder()
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        let url = dir.appendingPathComponent("secret.txt")
        try Data(secret.utf8).write(to: url)
        return (url, secret)
    }

    func everything(_ doc: PlanDocument) throws -> String {
        String(decoding: try JSONEncoder().encode(doc), as: UTF8.self) + doc.sentenceRecords.map(\.original).joined()
    }

    @Test func externalEntityInPlanXMLIsNotRead() throws {
        let (url, secret) = try secretFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE plan [ <!ENTITY xxe SYSTEM "\(url.absoluteString)"> ]>
        <plan><p>见&xxe;。</p></plan>
        """
        do {
            let doc = try readPlan(xml, file: "xxe.xml")
            #expect(!(try everything(doc)).contains(secret))
        } catch let e as ReadError {
            // Plan XML allows no entity references: refused by the schema, and the secret is not in the message.
            #expect(!e.description.contains(secret))
            #expect(e.line == 3)
        }
    }

    @Test func externalEntityInOtherXMLIsNotRead() throws {
        let (url, secret) = try secretFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        for reference in [url.absoluteString, url.path] {
            let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE doc [ <!ENTITY xxe SYSTEM "\(reference)"> <!ENTITY % p SYSTEM "\(reference)"> ]>
            <doc><para>见&xxe;内容。</para></doc>
            """
            let doc = try readPlan(xml, file: "xxe.xml")
            #expect(doc.format == .xml)
            #expect(!(try everything(doc)).contains(secret))
            #expect(doc.sentenceRecords.map(\.text) == ["见内容。"])
        }
        // An external DTD is not loaded either.
        let dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE doc SYSTEM \"\(url.absoluteString)\">\n<doc><para>正文。</para></doc>\n"
        let doc = try readPlan(dtd, file: "dtd.xml")
        #expect(!(try everything(doc)).contains(secret))
    }

    @Test func externalEntityInDocxIsNotRead() throws {
        let (url, secret) = try secretFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let documentXML = """
        <?xml version="1.0"?>
        <!DOCTYPE w:document [ <!ENTITY xxe SYSTEM "\(url.absoluteString)"> ]>
        <w:document xmlns:w="\(wordNS)"><w:body><w:p><w:r><w:t>见&xxe;内容。</w:t></w:r></w:p></w:body></w:document>
        """
        let doc = try readPlan(makeDocx(documentXML: documentXML), file: "xxe.docx")
        #expect(!(try everything(doc)).contains(secret))
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var decl = "<!ENTITY lol0 \"lollollollollollollollollollol\">\n"
        for i in 1...9 { decl += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        for root in ["plan", "doc"] {
            let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE \(root) [\n\(decl)]>\n<\(root)><p>&lol9;</p></\(root)>\n"
            let start = Date()
            #expect {
                _ = try readPlan(xml, file: "lol.xml")
            } throws: { e in
                (e as? ReadError)?.message.contains("entity") == true && (e as? ReadError)?.message.contains("billion laughs") == true
            }
            #expect(Date().timeIntervalSince(start) < 2)
        }
    }

    @Test func quadraticBlowupIsBounded() throws {
        // One large entity referenced many times: libxml2 refuses the amplification or the reader leaves it out.
        let big = String(repeating: "荷", count: 20_000)
        let refs = String(repeating: "&big;", count: 2_000)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY big \"\(big)\">]>\n<doc><para>\(refs)</para></doc>\n"
        let start = Date()
        if let doc = try? readPlan(xml, file: "quad.xml") {
            #expect(doc.normalized.count < 5_000_000)
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func zipBombIsRefused() throws {
        // 64 MB of one character packs to well under 100 KB: over the ratio, refused before unpacking.
        let bomb = [UInt8](repeating: 0x41, count: 64 << 20)
        let docx = try makeZip([("word/document.xml", bomb)])
        #expect(docx.count < 1 << 20)
        let start = Date()
        #expect {
            _ = try readPlan(docx, file: "bomb.docx")
        } throws: { e in
            (e as? ReadError)?.message.contains("zip bomb") == true
        }
        #expect(Date().timeIntervalSince(start) < 5)
        // Under a total limit too, whatever the ratio.
        let plain = try makeDocx(documentXML: "<w:document xmlns:w=\"\(wordNS)\"><w:body><w:p><w:r><w:t>\(String(repeating: "正文。", count: 1000))</w:t></w:r></w:p></w:body></w:document>")
        #expect(throws: ReadError.self) { try readPlan(plain, file: "small.docx", options: ReadOptions(maxUncompressedBytes: 1000)) }
    }

    @Test func zipBombWithLyingSizesIsStoppedWhileUnpacking() throws {
        let bomb = [UInt8](repeating: 0x41, count: 32 << 20)
        var docx = try makeZip([("word/document.xml", bomb)])
        // Rewrite the declared uncompressed size (local header offset 22, central directory offset 24) to 1000.
        patchHeaders(&docx, signature: 0x0403_4B50, offset: 22, value: 1000)
        patchHeaders(&docx, signature: 0x0201_4B50, offset: 24, value: 1000)
        let start = Date()
        #expect {
            _ = try readPlan(docx, file: "liar.docx")
        } throws: { e in
            guard let r = e as? ReadError else { return false }
            // Stopped by the ratio over the bytes consumed, a little past 1 MB out: the declared 1000 is not believed.
            return r.message.hasPrefix("refused: word/document.xml is compressed more than 200 to 1") && r.message.contains("zip bomb")
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func notAZipOrNotAWordFile() throws {
        #expect { _ = try readPlan(Array("plain text".utf8), file: "fake.docx") } throws: { e in
            (e as? ReadError)?.message.contains("zip") == true
        }
        let other = try makeZip([("hello.txt", Array("hi".utf8))])
        #expect { _ = try readPlan(other, file: "other.docx") } throws: { e in
            (e as? ReadError)?.message.contains("word/document.xml") == true
        }
    }

    @Test func oversizeInputIsRefusedUnread() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.xml")
        try Data(repeating: 0x20, count: 5000).write(to: file)
        #expect {
            _ = try PlanReader.read(path: file.path, options: ReadOptions(maxBytes: 4096))
        } throws: { e in
            (e as? ReadError)?.message.contains("over the size limit of 4096 bytes") == true
        }
        #expect(throws: ReadError.self) { try readPlan([UInt8](repeating: 0x41, count: 100), file: "x.txt", options: ReadOptions(maxBytes: 10)) }
    }

    @Test func malformedXMLGivesLibxml2sMessageWithLineAndColumn() throws {
        let xml = "<?xml version=\"1.0\"?>\n<plan>\n  <p>未闭合\n</plan>\n"
        #expect {
            _ = try readPlan(xml, file: "bad.xml")
        } throws: { e in
            guard let r = e as? ReadError else { return false }
            return r.line == 4 && r.column == 8 && r.message.contains("Opening and ending tag mismatch")
                && r.description.hasPrefix("bad.xml:4:8: XML error:")
        }
        #expect { _ = try readPlan("", file: "empty.xml") } throws: { e in (e as? ReadError)?.message.contains("XML") == true }
        #expect { _ = try readPlan("<?xml version=\"1.0\"?>\n<doc>\u{1}</doc>", file: "ctl.xml") } throws: { e in (e as? ReadError)?.line == 2 }
    }

    @Test func brokenHTMLStillReads() throws {
        let html = "<html><body><p>第一章 总则<div><p>未闭合<table><tr><td>a<td>b</table><p>文字&unknown; 与 a < b 比较。</body>"
        let doc = try readPlan(html, file: "broken.html")
        #expect(doc.sentenceRecords.contains { $0.text.contains("比较") })
        #expect(throws: ReadError.self) { try readPlan("", file: "empty.html") }
    }

    @Test func deepNestingDoesNotOverflow() throws {
        let depth = 5000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "深处的文字。" + String(repeating: "</div>", count: depth) + "<p>正文。</p></body></html>"
        // libxml2's HTML parser stops at 256 levels: refused with its message rather than read in part.
        #expect { _ = try readPlan(html, file: "deep.html") } throws: { e in (e as? ReadError)?.message.contains("depth") == true }
        let fine = "<html><body>" + String(repeating: "<div>", count: 200) + "深处的文字。" + String(repeating: "</div>", count: 200) + "<p>正文。</p></body></html>"
        #expect(try readPlan(fine, file: "deep.html").sentenceRecords.map(\.text) == ["深处的文字。", "正文。"])
        // libxml2 refuses XML nested past its limit.
        let xml = "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        #expect(throws: ReadError.self) { try readPlan(xml, file: "deep.xml") }
    }

    @Test func pageInALegacyEncodingStaysLinear() throws {
        // Windows-1252 bytes: libxml2 decodes them, plancheck's decoder cannot, so no text node is found in
        // the source. Reading must stay fast, the text must be read, and locations fall back to lines.
        var bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body>\n".utf8)
        for i in 0..<20_000 { bytes += Array("<p>caf".utf8) + [0xE9] + Array(" \(i).</p>\n".utf8) }
        bytes += Array("</body></html>\n".utf8)
        let start = Date()
        let doc = try readPlan(bytes, file: "legacy.html")
        #expect(Date().timeIntervalSince(start) < 10)
        // (The first three short lines read as the title, as they would in text.)
        #expect(doc.bodySentenceCount == 19_997)
        let s = try #require(doc.sentenceRecords.first { $0.text == "café5." })
        #expect(s.line == 7)
    }

    @Test func randomBytesAsEveryFormatNeverCrash() throws {
        var state: UInt64 = 42
        for round in 0..<40 {
            let bytes = (0..<(200 + round * 50)).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            for name in ["r.xml", "r.html", "r.docx", "r.txt"] { _ = try? readPlan(bytes, file: name) }
            // Markup-looking noise too.
            let tags = bytes.map { ["<", ">", "&", "p", "/", ";", "第", "章", " ", "\""][Int($0) % 10] }.joined()
            for name in ["t.xml", "t.html"] { _ = try? readPlan(tags, file: name) }
        }
    }
}
