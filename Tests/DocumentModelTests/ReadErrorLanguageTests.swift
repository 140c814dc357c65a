import Foundation
import Localization
import Testing
@testable import DocumentModel
import TestSupport

/// Every error a reader gives for a hostile or broken file is written in Chinese as well as English (issue #16),
/// where it is made: the English message stays as it was, the Chinese one is real Chinese.
@Suite struct ReadErrorLanguageTests {
    /// One broken input: the bytes, the name they are read under, and the options.
    struct Case: CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var file: String
        var options = ReadOptions()
        var description: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static func planXML(_ body: String, attributes: String = "") -> Case {
        Case(name: "plan XML " + body, bytes: text("<?xml version=\"1.0\"?>\n<plan\(attributes)>\(body)</plan>\n"), file: "计划.xml")
    }

    /// Broken files of every format, the hostile inputs of issue #12 among them.
    static func corpus() throws -> [Case] {
        let cjk = Array("第一章 总则，坚持发展先进制造业。".utf8)
        var laughs = "<!ENTITY lol0 \"lollollollollollollollollollol\">\n"
        for i in 1...9 { laughs += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        let big = String(repeating: "荷", count: 20_000)
        var cases: [Case] = [
            Case(name: "damaged UTF-8", bytes: cjk + [0xFF] + cjk, file: "计划.txt"),
            Case(name: "no encoding", bytes: [0x41, 0x80, 0x41, 0x0A], file: "计划.txt"),
            Case(name: "BOM then not UTF-8", bytes: [0xEF, 0xBB, 0xBF, 0x41, 0xFF], file: "计划.txt"),
            Case(name: "truncated UTF-8", bytes: cjk + cjk + [0xE4, 0xB8], file: "计划.txt"),
            Case(name: "UTF-16 odd", bytes: [0xFF, 0xFE, 0x41], file: "计划.txt"),
            Case(name: "UTF-16 unpaired surrogate", bytes: [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], file: "计划.txt"),
            Case(name: "control character", bytes: text("第一章\n正文\u{0}二进制"), file: "计划.txt"),
            Case(name: "over the size limit", bytes: cjk, file: "计划.txt", options: ReadOptions(maxBytes: 10)),
            Case(name: "empty XML", bytes: [], file: "计划.xml"),
            Case(name: "malformed XML", bytes: text("<?xml version=\"1.0\"?>\n<plan>\n  <p>未闭合\n</plan>\n"), file: "计划.xml"),
            Case(name: "billion laughs (plan)", bytes: text("<?xml version=\"1.0\"?>\n<!DOCTYPE plan [\n\(laughs)]>\n<plan><p>&lol9;</p></plan>\n"), file: "计划.xml"),
            Case(name: "billion laughs (doc)", bytes: text("<?xml version=\"1.0\"?>\n<!DOCTYPE doc [\n\(laughs)]>\n<doc><p>&lol9;</p></doc>\n"), file: "计划.xml",
                 options: ReadOptions(xmlMapping: XMLMapping(paragraphs: ["//p"]))),
            Case(name: "entity loop", bytes: text("<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>\n<doc><p>&a;</p></doc>\n"),
                 file: "计划.xml", options: ReadOptions(xmlMapping: XMLMapping(paragraphs: ["//p"]))),
            Case(name: "entity amplification", bytes: text("<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY big \"\(big)\">]>\n<doc><p>"
                                                             + String(repeating: "&big;", count: 2_000) + "</p></doc>\n"),
                 file: "计划.xml", options: ReadOptions(xmlMapping: XMLMapping(paragraphs: ["//p"]))),
            Case(name: "a bad XPath", bytes: text("<doc><p>正文。</p></doc>"), file: "计划.xml",
                 options: ReadOptions(xmlMapping: XMLMapping(headings: ["//h[["]))),
            Case(name: "a bad XPath scope", bytes: text("<doc><p>正文。</p></doc>"), file: "计划.xml",
                 options: ReadOptions(xmlMapping: XMLMapping(paragraphs: ["//p"]), xpathScopes: ["//p[["])),
            Case(name: "HTML said to be UTF-8", bytes: try reliabilityFile("html-invalid-byte-40k.html"), file: "计划.html"),
            Case(name: "empty .docx", bytes: [], file: "计划.docx"),
            Case(name: "not a zip", bytes: text("plain text"), file: "计划.docx"),
            Case(name: "no document.xml", bytes: try makeZip([("hello.txt", text("hi"))]), file: "计划.docx"),
            Case(name: "zip bomb", bytes: try makeZip([("word/document.xml", [UInt8](repeating: 0x41, count: 16 << 20))]), file: "计划.docx"),
            Case(name: "over the unpacked limit", bytes: try makeDocx(documentXML: String(repeating: "正文。", count: 1000)), file: "计划.docx",
                 options: ReadOptions(maxUncompressedBytes: 1000)),
            Case(name: "broken document.xml", bytes: try makeDocx(documentXML: "<w:document><w:body>"), file: "计划.docx"),
            planXML("<p>x</p>").with(bytes: text("<doc><p>x</p></doc>"), name: "root not plan"),
            planXML("<chapter><p>正文。</p></chapter>"),
            planXML("<p>正文。</p>", attributes: " version=\"2\""),
            planXML("<p>正文。</p>", attributes: " colour=\"red\""),
            planXML("正文直接写在这里"),
            planXML("<indicators><indicator><unit>%</unit></indicator></indicators>"),
            planXML("<indicators><caption>指标</caption></indicators>"),
            planXML("<noise>页眉</noise>"),
            planXML("<p>正文<b>加粗</b></p>"),
            planXML("<chapter><heading>一</heading><heading>二</heading></chapter>"),
            planXML("<chapter number=\"x\"><heading>一</heading></chapter>"),
            planXML("<p>正文。</p><title>标题</title>"),
            planXML("<table><caption>表</caption></table>"),
            planXML("<table><row></row></table>"),
            planXML("<indicators><indicator><unit>%</unit><name>甲</name></indicator></indicators>"),
            planXML("<x:p xmlns:x=\"urn:x\">正文。</x:p>"),
        ]
        for name in ["fuzz-plan-xml-noncharacter.txt", "fuzz-zip-without-end-record.docx", "inflate-loop.docx", "offset-past-end.docx"] {
            let ext = (name as NSString).pathExtension
            cases.append(Case(name: name, bytes: try reliabilityFile(name), file: "计划." + ext))
            if ext == "txt" { cases.append(Case(name: name + " as XML", bytes: try reliabilityFile(name), file: "计划.xml")) }
        }
        return cases
    }

    /// What is left of a Chinese message without what may stay as it is: the file name, quoted details
    /// (libxml2's and the system's own English), element and attribute names, entity references, options,
    /// paths and format names.
    static func unquoted(_ s: String) -> String {
        var t = s
        for pattern in ["“[^”]*”", "\"[^\"]*\"", "<[^>]*>", "&[^;\\s]*;", "--[a-z-]+", "[A-Za-z0-9_./-]+\\.(xml|md|docx|txt|html)",
                        "[a-z]+=", "\\.docx", "\\bzip\\b", "libarchive", "\\b(name|unit|base|target|growth|colour|source|version|number|id)\\b"] {
            t = t.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return t
    }

    @Test func everyReadErrorOfTheHostileCorpusHasAChineseMessage() throws {
        var errors: [(Case, ReadError)] = []
        for c in try Self.corpus() {
            do { _ = try PlanReader.read(bytes: c.bytes, file: c.file, options: c.options) } catch { errors.append((c, error)) }
        }
        // Files on disk: missing, a folder, too large.
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("大.txt")
        try Data(repeating: 0x41, count: 5000).write(to: big)
        for (path, options) in [(dir.appendingPathComponent("无.txt").path, ReadOptions()), (dir.path, ReadOptions()), (big.path, ReadOptions(maxBytes: 100))] {
            do { _ = try PlanReader.read(path: path, options: options) } catch { errors.append((Case(name: path, bytes: [], file: path), error)) }
            do { _ = try SourceText.readBytes(path, maxBytes: options.maxBytes) } catch { errors.append((Case(name: path, bytes: [], file: path), error)) }
        }
        // XML mapping files.
        let mapping = dir.appendingPathComponent("映射.json")
        for json in ["{", "{\"headings\": 3}", "[]"] {
            try Data(json.utf8).write(to: mapping)
            do { _ = try XMLMapping.load(path: mapping.path) } catch { errors.append((Case(name: json, bytes: [], file: mapping.path), error)) }
        }
        do { _ = try XMLMapping.load(path: dir.appendingPathComponent("无.json").path) } catch { errors.append((Case(name: "no mapping", bytes: [], file: "无.json"), error)) }

        #expect(errors.count >= 45, "\(errors.count) errors")
        #expect(Set(errors.map(\.1.message)).count >= 40)
        for (c, e) in errors {
            let zh = e.message(in: .zh), en = e.message(in: .en)
            #expect(en == e.message, "\(c)")
            #expect(!zh.isEmpty && zh != en, "\(c): \(en)")
            #expect(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(c): \(zh)")
            let rest = Self.unquoted(zh.replacingOccurrences(of: e.file, with: " "))
            #expect(rest.range(of: "(?<![A-Za-z])[a-z]{3,}", options: .regularExpression) == nil, "\(c): untranslated: \(zh)")
            #expect(!rest.contains(": ") || zh.contains("\n"), "\(c): a half-width colon in \(zh)")
            // The place is the same in both languages, and only the message after it differs.
            let place = e.description.dropLast(e.message.count)
            #expect(e.description(in: .zh) == place + zh, "\(c)")
        }
    }

    @Test func theEnglishMessageIsUnchanged() throws {
        #expect {
            _ = try PlanReader.read(bytes: [0xFF, 0xFE, 0x41], file: "a.txt")
        } throws: { e in
            (e as? ReadError)?.description == "a.txt: UTF-16 text ends with half a character (odd byte count; last byte at offset 2)"
                && (e as? ReadError)?.description(in: .zh) == "a.txt: UTF-16 文本以半个字符结尾（字节数为奇数；最后一个字节位于偏移 2）"
        }
        #expect {
            _ = try PlanReader.read(bytes: Array("<?xml version=\"1.0\"?>\n<plan>\n  <p>未闭合\n</plan>\n".utf8), file: "计划.xml")
        } throws: { e in
            guard let r = e as? ReadError else { return false }
            return r.description.hasPrefix("计划.xml:4:8: XML error: Opening and ending tag mismatch")
                && r.description(in: .zh).hasPrefix("计划.xml:4:8: XML 错误：“Opening and ending tag mismatch")
        }
    }
}

extension ReadErrorLanguageTests.Case {
    func with(bytes: [UInt8], name: String) -> Self {
        var c = self
        c.bytes = bytes
        c.name = name
        return c
    }
}
