import CLibXML2
import Foundation
import Testing
@testable import DocumentModel

/// Hostile markup is read in time linear in the file, and the source positions the aligner finds stay right.
/// Speed itself is measured by Benchmarks/markup_scale.sh; the bounds here only catch a hang.
@Suite struct MarkupScaleTests {
    /// A shared hostile file: the committed copy, else `../shared/reliability` beside the repository.
    @Test(.timeLimit(.minutes(1))) func htmlWithOneStrayByteIsRefusedAtItsByte() throws {
        // `<p>` + 40,000 × `a` + 0xAD, no charset: once 12 s in the aligner (libxml2 read the page as Latin-1,
        // this decoder as UTF-8). The page is in no encoding: refused at the byte, as a text plan would be.
        let bytes = try reliabilityFile("html-invalid-byte-40k.html")
        #expect(bytes.count > 40_000)
        let error = #expect(throws: ReadError.self) { _ = try readPlan(bytes, file: "html-invalid-byte-40k.html") }
        #expect(error?.line == 1)
        #expect(error?.byteOffset == 40_003)
    }

    // MARK: The aligner

    /// Each text node's content with the source position of each character.
    func alignedNodes(_ markup: String, html: Bool = false) throws -> (SourceText, [([Unicode.Scalar], [Int])]) {
        try alignedNodes(Array(markup.utf8), html: html)
    }

    func alignedNodes(_ bytes: [UInt8], html: Bool, encoding: String? = nil) throws -> (SourceText, [([Unicode.Scalar], [Int])]) {
        let tree = html ? try LibXML.parseHTML(bytes, file: "t", encoding: encoding) : try LibXML.parseXML(bytes, file: "t")
        let doc = MarkupDocument(tree: tree, bytes: bytes, file: "t", html: html)
        var out: [([Unicode.Scalar], [Int])] = []
        tree.forEachNode { n in
            guard n.isText else { return }
            let run = doc.run(of: n)
            out.append((run.scalars, Array(run.positions)))
        }
        return (doc.source, out)
    }

    /// Every located character stands in the source as itself, as a reference (`&…;`) or, for a line feed, as
    /// a carriage return; positions only go forwards. Returns how many characters were located.
    @discardableResult
    func expectTruePositions(_ source: SourceText, _ nodes: [([Unicode.Scalar], [Int])]) -> Int {
        var last = -1
        var located = 0
        for (content, positions) in nodes {
            #expect(content.count == positions.count)
            for (c, p) in zip(content, positions) where p >= 0 {
                let s = source.scalars[p]
                let ok = s == c || s == "&" || (c == "\n" && s == "\r")
                #expect(ok, "\(c) placed at \(p), where the source has \(s)")
                #expect(p > last, "position \(p) after \(last)")
                last = p
                located += 1
            }
        }
        return located
    }

    @Test func referencesCDATAAndCommentsAreLocatedExactly() throws {
        let xml = "<?xml version=\"1.0\"?>\r\n<!DOCTYPE doc [<!ENTITY org \"荷塘区人民政府\"> <!-- ]> -->]>\r\n"
            + "<doc><p>到2025年&amp;全区&#x8377;塘&#33655;<!-- 注 -->区&org;地区生产总值<![CDATA[ <增长> & ]]>达到\r\n1000亿元。</p></doc>\r\n"
        let (source, nodes) = try alignedNodes(xml)
        let all = nodes.flatMap(\.0).count
        #expect(expectTruePositions(source, nodes) == all)
        // The reference `&#x8377;` stands for 荷 at the `&`; the CDATA's `<` at itself.
        let text = source.scalars
        let flat = zip(nodes.flatMap(\.0), nodes.flatMap(\.1))
        let he = flat.first { $0.0 == "荷" }!
        #expect(String(String.UnicodeScalarView(text[he.1..<(he.1 + 8)])) == "&#x8377;")
        let lt = flat.first { $0.0 == "<" }!
        #expect(String(String.UnicodeScalarView(text[lt.1..<(lt.1 + 4)])) == "<增长>")
    }

    @Test(.timeLimit(.minutes(1))) func longRunsWithAStrayCharacterKeepTheRestRight() throws {
        // An entity the DTD declares under an HTML name: the lexer reads `&mdash;` as a character, libxml2 keeps a
        // reference node, so the text node after each one starts lost and must be searched for.
        let run = String(repeating: "a", count: 20_000)
        var body = ""
        for k in 0..<20 { body += "<p>\(run)&mdash;\(run)b\(k)</p>\n" }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY mdash \"—\">]>\n<doc>\n\(body)</doc>\n"
        let start = Date()
        let (source, nodes) = try alignedNodes(xml)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(nodes.count >= 40)
        let located = expectTruePositions(source, nodes)
        // The runs before each reference are found; whatever is found after one is where it should be.
        #expect(located >= 20 * 20_000)
    }

    @Test(.timeLimit(.minutes(1))) func aNodeThatDiffersAtItsEndIsGivenUpQuickly() throws {
        // The 40 KB fixture's shape at 100,000 letters, with a paragraph after it: what is located is right,
        // and the search gives up within its budget. The reader now refuses such a page; read as Latin-1 (as
        // libxml2 once did), its tree still differs from the source at the end of the long node.
        var bytes = Array("<p>".utf8) + [UInt8](repeating: 0x61, count: 100_000) + [0xAD]
        bytes += Array("</p>\n<p>第二段</p>\n".utf8)
        let start = Date()
        let (source, nodes) = try alignedNodes(bytes, html: true, encoding: "ISO-8859-1")
        #expect(Date().timeIntervalSince(start) < 20)
        expectTruePositions(source, nodes)
        #expect(nodes.first?.0.count ?? 0 >= 100_000)
    }

    // MARK: Internal entities

    func entityXML(entity: String, references: Int) -> String {
        var body = ""
        body.reserveCapacity(references * 6)
        for k in 0..<(references / 10) { body += "<p>第\(k)条" + String(repeating: "&e; ", count: 10) + "</p>\n" }
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY e \"\(entity)\">]>\n<doc>\n\(body)</doc>\n"
    }

    let xpathParagraphs = ReadOptions(xmlMapping: XMLMapping(paragraphs: ["//p"]))

    @Test(.timeLimit(.minutes(1))) func manyReferencesToAShortEntityAreSpelledOut() throws {
        // 100,000 references to a name, ten to a paragraph, read with --xpath-paragraphs //p: 900 KB spelled out
        // from 480 KB, within the file's size plus 1 MB.
        let xml = entityXML(entity: "荷塘区", references: 100_000)
        let start = Date()
        let doc = try readPlan(xml, file: "refs.xml", options: xpathParagraphs)
        #expect(Date().timeIntervalSince(start) < 20)
        // Paragraph k, on line 4 + k, holds 第k条 and the name ten times.
        let records = doc.sentenceRecords
        #expect(records.count == 10_000)
        let r = records.first { $0.original.hasPrefix("第5000条") }
        #expect(r?.original == "第5000条" + Array(repeating: "荷塘区", count: 10).joined(separator: " "))
        #expect(r?.line == 5004)
    }

    @Test(.timeLimit(.minutes(1))) func referencesThatWouldSpellOutFarMoreThanTheFileAreRefused() throws {
        // 450 KB referring 100,000 times to 4,000 characters: 400 million characters once spelled out (118 s).
        let xml = entityXML(entity: String(repeating: "荷塘区人民政府要求", count: 444), references: 100_000)
        #expect(xml.utf8.count < 600_000)
        let start = Date()
        #expect {
            _ = try readPlan(xml, file: "amplified.xml", options: xpathParagraphs)
        } throws: { e in
            guard let r = e as? ReadError else { return false }
            return r.file == "amplified.xml" && r.line != nil && r.message.contains("entity amplification")
        }
        #expect(Date().timeIntervalSince(start) < 20)
    }

    // MARK: Structure

    @Test(.timeLimit(.minutes(1))) func everyRowOfALongMappedTableHasItsOwnXPath() throws {
        var rows = ""
        for k in 1...10_000 { rows += "<tr><td>指标\(k)</td><td>\(k)</td></tr>\n" }
        let xml = "<doc><table>\n\(rows)</table></doc>\n"
        let start = Date()
        let doc = try readPlan(xml, file: "rows.xml", options: ReadOptions(xmlMapping: XMLMapping(tables: ["//table"])))
        #expect(Date().timeIntervalSince(start) < 20)
        let cell = doc.sentenceRecords.first { $0.original == "指标5000" }
        #expect(cell?.xpath == "/doc/table[1]/tr[5000]/td[1]")
        #expect(cell?.line == 5001)
    }

    @Test(.timeLimit(.minutes(1))) func numberedH1AfterMuchNavigationAreHeadingsNotTheTitle() throws {
        var page = "<html><body>\n"
        for k in 0..<30_000 { page += "<nav>导航\(k)</nav>\n" }
        for k in 1...3 { page += "<h1>第\(["一", "二", "三"][k - 1])章 任务\(k)</h1>\n<p>推进第\(k)项工作。</p>\n" }
        page += "</body></html>\n"
        let start = Date()
        let doc = try readPlan(page, file: "nav.html")
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(doc.title != "第一章 任务1")
        #expect(doc.allSections.map(\.label).contains("第一章"))
        #expect(doc.sentenceRecords.map(\.original) == ["推进第1项工作。", "推进第2项工作。", "推进第3项工作。"])
    }
}
