import Foundation
import Testing
@testable import DocumentModel

/// The 荷塘区 plan as text, as plan XML, as a web page and as a Word file reads the same.
@Suite struct FormatEquivalenceTests {
    let text: PlanDocument
    let sampleText: String

    init() throws {
        text = try readSample(Sample.hetang)
        sampleText = try String(contentsOfFile: samplePath(Sample.hetang), encoding: .utf8)
    }

    func expectSame(_ other: PlanDocument, _ what: String) {
        #expect(sectionSignature(other) == sectionSignature(text), "\(what): sections")
        #expect(sentenceSignature(other) == sentenceSignature(text), "\(what): sentences")
        #expect(other.title == text.title, "\(what): title")
        #expect(other.count(.part) == 4 && other.count(.chapter) == 16 && other.count(.section) == 49 && other.count(.box) == 6)
        #expect(other.bodySentenceCount == 657)
    }

    @Test func committedPlanXMLReadsLikeTheText() throws {
        let xml = try PlanReader.read(path: samplePath("hetang-14th-five-year-plan.xml"))
        #expect(xml.format == .planXML)
        expectSame(xml, "plan XML")
        #expect(xml.noise.isEmpty)
    }

    @Test func htmlReadsLikeTheText() throws {
        let html = try readPlan(makeHTML(sampleText), file: "hetang.html")
        #expect(html.format == .html)
        expectSame(html, "HTML")
        // The page's furniture is noise with its reason; the text's own web header and footer still are.
        let reasons = html.noise.map { "\($0.reason.rawValue): \($0.detail)" }
        #expect(reasons.contains("page furniture: nav"))
        #expect(reasons.contains("page furniture: class=breadcrumb"))
        #expect(reasons.contains("page furniture: footer"))
        #expect(reasons.contains("page furniture: script"))
        #expect(html.noise.contains { $0.reason == .webHeader && $0.text.contains("发表于") })
        #expect(html.noise.contains { $0.reason == .webFooter && $0.text.contains("温馨提示") })
        #expect(!html.sentenceRecords.contains { $0.text.contains("首页") || $0.text.contains("版权所有") || $0.text.contains("分享到") })
    }

    @Test func docxReadsLikeTheText() throws {
        let docx = try readPlan(makeDocx(documentXML: makeDocumentXML(sampleText)), file: "hetang.docx")
        #expect(docx.format == .docx)
        #expect(docx.entry == "word/document.xml")
        expectSame(docx, "docx")
    }

    @Test func docxWithoutStylesStillFindsHeadingsByText() throws {
        let docx = try readPlan(makeDocx(documentXML: makeDocumentXML(sampleText), styles: nil), file: "hetang.docx")
        expectSame(docx, "docx without styles.xml")
    }

    @Test func committedPlanXMLIsWhatTheWriterMakes() throws {
        // The sample is generated: `plancheck outline --format plan-xml Samples/hetang-14th-five-year-plan.txt`.
        let committed = try String(contentsOfFile: samplePath("hetang-14th-five-year-plan.xml"), encoding: .utf8)
        #expect(PlanXMLWriter.write(text) == committed)
    }

    @Test func writerRoundTripsStructuredInputs() throws {
        // Plan XML written from the HTML reading reads back the same again.
        let html = try readPlan(makeHTML(sampleText), file: "hetang.html")
        let again = try readPlan(PlanXMLWriter.write(html), file: "again.xml")
        #expect(sectionSignature(again) == sectionSignature(text))
        #expect(sentenceSignature(again) == sentenceSignature(text))
    }
}

/// Sentences from markup carry the element's line, a column, a byte span and the element's XPath.
@Suite struct StructuredLocationTests {
    @Test func planXMLSentencesQuoteTheirBytes() throws {
        let path = samplePath("hetang-14th-five-year-plan.xml")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let doc = try PlanReader.read(path: path)
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        for s in doc.sentenceRecords {
            let xpath = try #require(s.xpath)
            #expect(xpath.hasPrefix("/plan/"))
            #expect(xpath.hasSuffix("]"))
            let quoted = String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self)
            // The quote is the bytes it points at, with the entities the writer escaped (`R&amp;D`) resolved.
            let unescaped = quoted.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            #expect(unescaped == s.original, "\(s.line):\(s.column)")
            let line = lines[s.line - 1]
            #expect(line.unicodeScalars.dropFirst(s.column - 1).first == s.original.unicodeScalars.first)
        }
        let s = try #require(doc.sentenceRecords.first { $0.text.hasPrefix("2020年全区地区生产总值达到244.2亿元") })
        #expect(s.xpath == "/plan/part[1]/chapter[1]/section[1]/p[1]")
        #expect(s.path == ["第一篇", "第一章", "第一节"])
        let section = try #require(doc.allSections.first { $0.kind == .section })
        #expect(section.xpath == "/plan/part[1]/chapter[1]/section[1]")
        #expect(lines[section.startLine - 1].contains("<heading>第一节发展成就</heading>"))
    }

    @Test func entitiesAreQuotedDecodedWithColumnsOfTheQuote() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan>
          <chapter number="1">
            <heading>第一章 R&amp;D投入</heading>
            <p>研发（R&amp;D）经费投入强度达到3.3%以上。&#x4E00;流企业&lt;100家。</p>
          </chapter>
        </plan>
        """
        let doc = try readPlan(xml, file: "e.xml")
        let r = doc.sentenceRecords
        #expect(r.map(\.text) == ["研发（R&D）经费投入强度达到3.3%以上。", "一流企业<100家。"])
        #expect(r[0].original == "研发（R&D）经费投入强度达到3.3%以上。")
        #expect(r[0].line == 5 && r[0].column == 8)
        #expect(r[1].column == 34)   // `&#x4E00;` begins the second sentence in the file
        #expect(r[0].xpath == "/plan/chapter[1]/p[1]")
        // Columns of a normalized range index the quote, entities counting as one character.
        let s = try #require(doc.sentences.first { !$0.isHeading })
        let cols = doc.originalColumns(of: s, 3..<6)   // `R&D` in the normalized text
        let quote = Array(r[0].original.unicodeScalars)
        #expect(String(String.UnicodeScalarView(quote[(cols.lowerBound - s.column)..<(cols.upperBound - s.column)])) == "R&D")
        #expect(doc.allSections[0].title == "R&D投入")
    }

    @Test func htmlSentencesPointIntoThePage() throws {
        let html = """
        <html><body>
        <h2>第一章 发展目标</h2>
        <p>到2025年，地区生产总值<b>年均增长</b>7.5%左右。<br>研发投入&nbsp;强度达到3.3%。</p>
        <div>城镇化率达到98%。<p>嵌套段落。</p>尾部文字。</div>
        </body></html>
        """
        let bytes = Array(html.utf8)
        let doc = try readPlan(bytes, file: "p.html")
        let r = doc.sentenceRecords
        #expect(r.map(\.text) == ["到2025年，地区生产总值年均增长7.5%左右。", "研发投入强度达到3.3%。", "城镇化率达到98%。", "嵌套段落。", "尾部文字。"])
        #expect(r.map(\.line) == [3, 3, 4, 4, 4])
        #expect(r[0].xpath == "/html/body[1]/p[1]")
        #expect(r[2].xpath == "/html/body[1]/div[1]")
        #expect(r[3].xpath == "/html/body[1]/div[1]/p[1]")
        #expect(r[0].column == 4)
        #expect(String(decoding: bytes[r[2].span.byteStart..<r[2].span.byteEnd], as: UTF8.self) == "城镇化率达到98%。")
        #expect(doc.allSections.first?.xpath == "/html/body[1]/h2[1]")
    }

    @Test func docxSentencesCarryTheirParagraphXPath() throws {
        let sample = try String(contentsOfFile: samplePath(Sample.hetang), encoding: .utf8)
        let documentXML = makeDocumentXML(sample)
        let doc = try readPlan(makeDocx(documentXML: documentXML), file: "hetang.docx")
        let s = try #require(doc.sentenceRecords.first { $0.text.hasPrefix("2020年全区地区生产总值达到244.2亿元") })
        #expect(s.xpath?.hasPrefix("/w:document/w:body[1]/w:p[") == true)
        #expect(s.line == 2)
        // Located in word/document.xml even across the two runs the paragraph is split into.
        let bytes = Array(documentXML.utf8)
        let quoted = String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self)
        #expect(quoted.hasPrefix("2020 年全区地区生产总值达到 244.2 亿元"))
    }

    @Test func gb18030XMLIsLocatedInItsOwnBytes() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<plan>\n  <p>荷塘区地区生产总值达到244.2亿元。</p>\n</plan>\n"
        let gb = try #require(xml.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let bytes = [UInt8](gb)
        let doc = try readPlan(bytes, file: "gb.xml")
        #expect(doc.encoding == .gb18030)
        let s = try #require(doc.sentenceRecords.first)
        #expect(s.text == "荷塘区地区生产总值达到244.2亿元。")
        let quoted = String(data: Data(bytes[s.span.byteStart..<s.span.byteEnd]), encoding: String.Encoding(rawValue: 0x8000_0632))
        #expect(quoted == s.original)
    }

    @Test func xpathScopesSelectSentences() throws {
        let options = ReadOptions(xpathScopes: ["//chapter[@number='4']", "//box", "//nothing"])
        let doc = try PlanReader.read(path: samplePath("hetang-14th-five-year-plan.xml"), options: options)
        let inChapter4 = doc.sentences(inXPath: "//chapter[@number='4']").filter { !$0.isHeading }
        #expect(!inChapter4.isEmpty)
        #expect(inChapter4.allSatisfy { doc.path(of: $0).contains("第四章") })
        #expect(inChapter4.count == doc.allSections.first { $0.kind == .chapter && $0.number == 4 }?.sentenceCount)
        #expect(doc.xpathScopes["//box"]?.count == 6)
        #expect(doc.xpathScopes["//nothing"] == [])
        #expect(doc.sentences(inXPath: "//nothing").isEmpty)
        #expect(throws: ReadError.self) { try PlanReader.read(path: samplePath("hetang-14th-five-year-plan.xml"), options: ReadOptions(xpathScopes: ["//[["])) }
    }
}
