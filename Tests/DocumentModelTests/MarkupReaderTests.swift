import Foundation
import Quantities
import Testing
@testable import DocumentModel
import TestSupport

/// XML that is not plan XML, read through an XPath mapping or by default.
@Suite struct MappedXMLTests {
    let xml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <doc xmlns:m="urn:example:meta">
      <m:info><m:title>示例区发展规划</m:title><m:editor>责任编辑：某某</m:editor></m:info>
      <part><title>第一篇 总体要求</title>
        <chap><title>发展目标</title>
          <para>到2025年，地区生产总值达到350亿元。研发投入强度达到3.3%。</para>
          <para>城镇化率<em>达到</em>98%。</para>
          <grid>
            <tr><td>指标</td><td>单位</td><td>2020年</td><td>2025年</td><td>属性</td></tr>
            <tr><td>城镇化率</td><td>%</td><td>97.45</td><td>98</td><td>预期性</td></tr>
          </grid>
        </chap>
      </part>
    </doc>
    """

    @Test func mappingGivesHeadingsParagraphsAndTables() throws {
        let mapping = XMLMapping(headings: ["/doc/part/title", "//chap/title"], paragraphs: ["//para"], tables: ["//grid"],
                                 title: "//m:title", noise: ["//m:editor"], namespaces: ["m": "urn:example:meta"])
        let doc = try readPlan(xml, file: "other.xml", options: ReadOptions(xmlMapping: mapping))
        #expect(doc.format == .xml)
        #expect(doc.title == "示例区发展规划")
        #expect(doc.allSections.map(\.kind) == [.part, .chapter])   // level 2, unnumbered: one step below 篇
        #expect(doc.allSections.map(\.title) == ["总体要求", "发展目标"])
        #expect(doc.allSections[0].xpath == "/doc/part[1]/title[1]")
        let r = doc.sentenceRecords
        #expect(r.map(\.text) == ["到2025年，地区生产总值达到350亿元。", "研发投入强度达到3.3%。", "城镇化率达到98%。"])
        #expect(r[0].xpath == "/doc/part[1]/chap[1]/para[1]")
        #expect(r[0].path == ["第一篇", "发展目标"])
        #expect(r[0].line == 6 && r[2].line == 7)
        #expect(doc.noise.map(\.detail) == ["noise in the XML mapping"])
        #expect(doc.indicators.map(\.name) == ["城镇化率"])
        #expect(doc.indicators.first?.target?.quantity?.value == 98)
        #expect(doc.indicators.first?.xpath == "/doc/part[1]/chap[1]/grid[1]/tr[2]")
    }

    @Test func withoutMappingEveryElementWithTextIsAParagraph() throws {
        let doc = try readPlan(xml, file: "other.xml")
        #expect(doc.format == .xml)
        // Headings are found by their text, as in a text file.
        #expect(doc.allSections.map(\.label) == ["第一篇"])
        #expect(doc.sentenceRecords.map(\.text).contains("城镇化率达到98%。"))
    }

    @Test func badExpressionsAndMappingFilesAreErrors() throws {
        #expect { _ = try readPlan(xml, file: "o.xml", options: ReadOptions(xmlMapping: XMLMapping(headings: ["//[bad"]))) } throws: { e in
            (e as? ReadError)?.message.contains("XPath for headings //[bad") == true
        }
        #expect(throws: ReadError.self) { try readPlan(xml, file: "o.xml", options: ReadOptions(xmlMapping: XMLMapping(paragraphs: ["//x:y"]))) }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("map.json")
        try Data(#"{"headings": ["//title"], "paragraphs": ["//para"], "namespaces": {"m": "urn:example:meta"}}"#.utf8).write(to: good)
        let m = try XMLMapping.load(path: good.path)
        #expect(m.headings == ["//title"] && m.paragraphs == ["//para"] && m.tables.isEmpty && m.namespaces["m"] == "urn:example:meta")
        let typo = dir.appendingPathComponent("typo.json")
        try Data(#"{"heading": ["//title"]}"#.utf8).write(to: typo)
        #expect { _ = try XMLMapping.load(path: typo.path) } throws: { e in
            (e as? ReadError)?.message.contains("unknown key \"heading\"") == true
        }
    }

    @Test func planRootWithAMappingIsReadAsOtherXML() throws {
        let xml = "<?xml version=\"1.0\"?>\n<plan><chapter><title>第一章 总则</title><para>正文。</para></chapter></plan>\n"
        #expect(throws: ReadError.self) { try readPlan(xml, file: "p.xml") }   // not valid plan XML
        let doc = try readPlan(xml, file: "p.xml", options: ReadOptions(xmlMapping: XMLMapping(headings: ["//title"], paragraphs: ["//para"])))
        #expect(doc.allSections.first?.kind == .chapter)
        #expect(doc.sentenceRecords.map(\.text) == ["正文。"])
    }
}

@Suite struct HTMLReaderTests {
    /// A page that names no charset is read in the encoding its bytes are in, as a text plan is; libxml2 left
    /// to itself read a GBK page, or the rest of a UTF-8 page after one stray byte, as Latin-1.
    @Test func aPageWithoutACharsetIsReadInItsOwnEncoding() throws {
        let page = "<html><body><p>第一章 总则</p><p>到2030年，企业研发投入强度达到3.5%。</p></body></html>"
        let gbk = try readPlan(Array(page.data(using: String.Encoding(rawValue: 0x8000_0632))!), file: "gbk.html")
        let utf8 = try readPlan(Array(page.utf8), file: "utf8.html")
        #expect(gbk.source.encoding == .gb18030)
        #expect(gbk.sentenceRecords.map(\.original) == ["到2030年，企业研发投入强度达到3.5%。"])
        #expect(gbk.sentenceRecords.map(\.original) == utf8.sentenceRecords.map(\.original))
        #expect(gbk.sections.map(\.title) == utf8.sections.map(\.title))
        // One stray byte in an undeclared UTF-8 page: refused at that byte, with its line.
        var damaged = Array("<html><body>\n<p>第一章 总则</p>\n<p>企业".utf8) + [0xAD] + Array("发展。</p></body></html>".utf8)
        var error = #expect(throws: ReadError.self) { _ = try readPlan(damaged, file: "damaged.html") }
        #expect(error?.line == 3)
        #expect(error?.description.contains("0xAD") == true)
        // The same page saying it is UTF-8: refused at the line libxml2 found the byte on.
        damaged = Array("<html><head><meta charset=\"utf-8\"></head><body>\n<p>第一章 总则</p>\n<p>企业".utf8) + [0xAD] + Array("发展。</p></body></html>".utf8)
        error = #expect(throws: ReadError.self) { _ = try readPlan(damaged, file: "declared.html") }
        #expect(error?.line == 3)
        #expect(error?.message.contains("said to be UTF-8") == true)
        // A page that declares GBK is read as GBK, by libxml2.
        let declared = page.replacingOccurrences(of: "<html>", with: "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\"></head>")
        let fromMeta = try readPlan(Array(declared.data(using: String.Encoding(rawValue: 0x8000_0632))!), file: "meta.html")
        #expect(fromMeta.sentenceRecords.map(\.original) == utf8.sentenceRecords.map(\.original))
    }

    @Test func indicatorTableWithMergedCells() throws {
        // Illustrative figures (示例), not from any plan.
        let html = """
        <html><head><title>示例_网站</title></head><body>
        <h1>示例区“十四五”规划纲要</h1>
        <p><strong>第四章 发展目标</strong></p>
        <table border="1">
          <caption>示例：主要指标（虚构数据）</caption>
          <thead><tr><th rowspan="2">类别</th><th rowspan="2">指标</th><th rowspan="2">单位</th><th colspan="2">规划值</th><th rowspan="2">属性</th></tr>
          <tr><th>2020年</th><th>2025年</th></tr></thead>
          <tbody>
          <tr><td rowspan="2">经济发展</td><td>1.地区生产总值</td><td>亿元</td><td>244.2</td><td>350</td><td>预期性</td></tr>
          <tr><td>2.研发经费投入强度</td><td>%</td><td>2.1</td><td>3.3以上</td><td>预期性</td></tr>
          <tr><td>绿色生态</td><td>3.耕地保有量</td><td>万亩</td><td>1.2</td><td>≥1.2</td><td>约束性</td></tr>
          </tbody>
        </table>
        <p>保障措施。</p>
        </body></html>
        """
        let doc = try readPlan(html, file: "i.html")
        #expect(doc.title == "示例区“十四五”规划纲要")
        #expect(doc.allSections.map(\.label) == ["第四章"])
        let rows = doc.indicators
        #expect(rows.map(\.name) == ["地区生产总值", "研发经费投入强度", "耕地保有量"])
        #expect(rows.map(\.category) == ["经济发展", "经济发展", "绿色生态"])
        #expect(rows.map(\.line) == [9, 10, 11])
        #expect(rows[0].base?.year == 2020 && rows[0].target?.year == 2025)
        #expect(rows[1].target?.quantity?.comparator == .atLeast)
        #expect(rows[2].isBinding && rows[2].unit?.symbol == "万亩" && rows[2].target?.quantity?.value == 1.2)
        #expect(rows.allSatisfy { $0.section == doc.allSections[0].id })
        #expect(rows[0].xpath == "/html/body[1]/table[1]/tbody[1]/tr[1]")
        #expect(rows[0].table?.contains("主要指标") == true)
        // The table's cells are indicators, not sentences.
        #expect(doc.sentenceRecords.map(\.text) == ["保障措施。"])
    }

    @Test func layoutTablesAndFramesAreReadAsText() throws {
        let html = """
        <html><body><table><tr><td><p>第一章 总则</p><p>正文一。</p></td><td><div class="sidebar">相关链接</div></td></tr></table>
        <table><tr><td>专栏1 重点工程</td></tr><tr><td>1.建设一批项目。</td></tr></table>
        </body></html>
        """
        let doc = try readPlan(html, file: "l.html")
        #expect(doc.allSections.map(\.label) == ["第一章", "专栏1"])
        #expect(doc.sentenceRecords.map(\.text) == ["正文一。", "1.建设一批项目。"])
        #expect(doc.noise.map(\.detail) == ["class=sidebar"])
    }

    @Test func furnitureByClassIdAndRole() throws {
        let html = """
        <html><body>
        <div id="mainNav">网站首页 新闻中心</div><div role="navigation">导航</div><ul class="menu-list"><li>菜单</li></ul>
        <article><header><h1>规划全文</h1></header><p>第一章 总则</p><p>正文。</p><footer>本文完</footer></article>
        <div class="copyright">版权所有</div>
        </body></html>
        """
        let doc = try readPlan(html, file: "f.html")
        #expect(doc.noise.map(\.detail) == ["id=mainNav", "role=navigation", "class=menu-list", "class=copyright"])
        #expect(doc.title == "规划全文")
        #expect(doc.sentenceRecords.map(\.text) == ["正文。", "本文完"])
    }

    @Test func headingLevelsWithoutNumbersTakeTheirLevelsKind() throws {
        let html = "<html><body><h2>第一章 总则</h2><h3>目标</h3><p>文字。</p><h2>第二章 任务</h2><h2>保障</h2><p>措施。</p></body></html>"
        let doc = try readPlan(html, file: "h.html")
        #expect(doc.allSections.map(\.kind) == [.chapter, .section, .chapter, .chapter])
        #expect(doc.allSections.map(\.title) == ["总则", "目标", "任务", "保障"])
        #expect(doc.sentenceRecords.map(\.path) == [["第一章", "目标"], ["保障"]])
    }

    @Test func preformattedPlanKeepsItsLines() throws {
        let html = "<html><body><pre>第一章 总则\n到2025年，地区生产总值达到350亿元。\n第二章 任务\n建设现代产业体系。</pre></body></html>"
        let doc = try readPlan(html, file: "pre.html")
        #expect(doc.allSections.map(\.label) == ["第一章", "第二章"])
        #expect(doc.sentenceRecords.map(\.line) == [2, 4])   // the line breaks are the file's own
        #expect(doc.sentenceRecords.map(\.column) == [1, 1])
    }

    @Test func gbkPageIsDecoded() throws {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head><body><p>第一章 总则</p><p>荷塘区正文。</p></body></html>"
        let bytes = [UInt8](try #require(html.data(using: String.Encoding(rawValue: 0x8000_0632))))
        let doc = try readPlan(bytes, file: "gbk.htm")
        #expect(doc.encoding == .gb18030)
        let s = try #require(doc.sentenceRecords.first)
        #expect(s.text == "荷塘区正文。")
        #expect(String(data: Data(bytes[s.span.byteStart..<s.span.byteEnd]), encoding: String.Encoding(rawValue: 0x8000_0632)) == "荷塘区正文。")
    }
}

@Suite struct DocxReaderTests {
    func docx(_ body: String, styles: String? = docxStyles) throws -> PlanDocument {
        try readPlan(makeDocx(documentXML: "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(wordNS)\"><w:body>\(body)</w:body></w:document>", styles: styles),
                     file: "t.docx")
    }

    func p(_ text: String, style: String? = nil, outline: Int? = nil) -> String {
        var ppr = ""
        if let style { ppr += "<w:pStyle w:val=\"\(style)\"/>" }
        if let outline { ppr += "<w:outlineLvl w:val=\"\(outline)\"/>" }
        return "<w:p>" + (ppr.isEmpty ? "" : "<w:pPr>\(ppr)</w:pPr>") + "<w:r><w:t>\(xmlEscape(text))</w:t></w:r></w:p>"
    }

    @Test func stylesTitleOutlineLevelsAndRuns() throws {
        let body = p("示例区规划纲要", style: "a3") + p("总则", style: "1") + p("目标", style: "2")
            + "<w:p><w:r><w:t>第一句。</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">第二</w:t></w:r>"
            + "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>句。</w:t></w:r></w:ins>"
            + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
            + p("第二章 任务", outline: 0)
        let doc = try docx(body)
        #expect(doc.title == "示例区规划纲要")
        #expect(doc.allSections.map(\.title) == ["总则", "目标", "任务"])
        #expect(doc.allSections.map(\.kind) == [.chapter, .section, .chapter])   // heading 1 takes 第二章's kind
        #expect(doc.sentenceRecords.map(\.text) == ["第一句。", "第二句。"])
        #expect(doc.sentenceRecords.map(\.xpath) == ["/w:document/w:body[1]/w:p[4]", "/w:document/w:body[1]/w:p[4]"])
    }

    @Test func indicatorTableWithGridSpanAndVerticalMerge() throws {
        func tc(_ t: String, span: Int? = nil, vmerge: String? = nil) -> String {
            var pr = ""
            if let span { pr += "<w:gridSpan w:val=\"\(span)\"/>" }
            if let vmerge { pr += vmerge == "continue" ? "<w:vMerge/>" : "<w:vMerge w:val=\"\(vmerge)\"/>" }
            return "<w:tc>" + (pr.isEmpty ? "" : "<w:tcPr>\(pr)</w:tcPr>") + p(t) + "</w:tc>"
        }
        func tr(_ cells: String) -> String { "<w:tr>\(cells)</w:tr>" }
        // Illustrative figures (示例), not from any plan.
        let table = "<w:tbl>"
            + tr(tc("类别") + tc("指标") + tc("单位") + tc("2020年") + tc("2025年") + tc("年均增长") + tc("属性"))
            + tr(tc("经济发展", vmerge: "restart") + tc("地区生产总值") + tc("亿元") + tc("244.2") + tc("350") + tc("7.5") + tc("预期性"))
            + tr(tc("", vmerge: "continue") + tc("研发经费投入强度") + tc("%") + tc("2.1") + tc("3.3") + tc("[1.2]") + tc("预期性"))
            + tr(tc("绿色生态", span: 7))
            + tr(tc("绿色生态") + tc("单位地区生产总值能耗降低") + tc("%") + tc("—") + tc("完成市下达任务") + tc("[14]") + tc("约束性"))
            + "</w:tbl>"
        let doc = try docx(p("第四章 发展目标") + table + p("第五章 保障"))
        #expect(doc.indicators.map(\.name) == ["地区生产总值", "研发经费投入强度", "单位地区生产总值能耗降低"])
        #expect(doc.indicators.map(\.category) == ["经济发展", "经济发展", "绿色生态"])
        #expect(doc.indicators[1].growth?.cumulative == true && doc.indicators[1].growth?.quantity?.unit?.symbol == "个百分点")
        #expect(doc.indicators[0].growth?.quantity?.unit?.symbol == "%" && doc.indicators[0].growth?.quantity?.annual == true)
        #expect(doc.indicators.filter(\.isBinding).map(\.name) == ["单位地区生产总值能耗降低"])
        #expect(doc.indicators.allSatisfy { $0.section == 0 })
        #expect(doc.indicators[0].xpath == "/w:document/w:body[1]/w:tbl[1]/w:tr[2]")
        #expect(doc.allSections.map(\.label) == ["第四章", "第五章"])
    }

    @Test func boxAsOneColumnTableAndTextBoxes() throws {
        let box = "<w:tbl><w:tr><w:tc>" + p("专栏1 重点工程") + p("1.建设一批项目。") + "</w:tc></w:tr></w:tbl>"
        let textBox = "<w:p><w:r><w:t>正文。</w:t></w:r><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
            + "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>" + p("框内文字。") + "</w:txbxContent></w:drawing></mc:Choice>"
            + "<mc:Fallback><w:pict><w:txbxContent>" + p("框内文字。") + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        let doc = try docx(p("第一章 总则") + box + textBox)
        #expect(doc.allSections.map(\.label) == ["第一章", "专栏1"])
        // The text box's text is read once (its fallback copy is skipped).
        #expect(doc.sentenceRecords.map(\.text) == ["1.建设一批项目。", "正文。", "框内文字。"])
    }

    @Test func brokenStylesCostOnlyTheNames() throws {
        let doc = try docx(p("文字在前。") + p("总则", style: "1") + p("第一章 任务") + p("文字。"), styles: "<w:styles>not xml")
        #expect(doc.allSections.map(\.label) == ["第一章"])
        #expect(doc.sentenceRecords.map(\.text) == ["文字在前。", "总则", "文字。"])
    }

    @Test func malformedDocumentXMLNamesTheEntry() throws {
        let bytes = try makeDocx(documentXML: "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(wordNS)\"><w:body><w:p></w:body>")
        #expect { _ = try readPlan(bytes, file: "bad.docx") } throws: { e in
            guard let r = e as? ReadError else { return false }
            return r.line == 2 && r.column != nil && r.message.hasPrefix("in word/document.xml: XML error:")
        }
    }
}

@Suite struct FormatDispatchTests {
    @Test func byExtensionThenByContent() {
        #expect(PlanReader.format(of: "a.txt", bytes: Array("<html>".utf8)) == .text)
        #expect(PlanReader.format(of: "a.XML", bytes: []) == .planXML)
        #expect(PlanReader.format(of: "a.xml", bytes: [], options: ReadOptions(xmlMapping: XMLMapping())) == .xml)
        #expect(PlanReader.format(of: "a.htm", bytes: []) == .html)
        #expect(PlanReader.format(of: "a.docx", bytes: []) == .docx)
        #expect(PlanReader.format(of: "plan", bytes: [0x50, 0x4B, 0x03, 0x04]) == .docx)
        #expect(PlanReader.format(of: "plan", bytes: Array("\u{FEFF}  <!DOCTYPE html><html>".utf8)) == .html)
        #expect(PlanReader.format(of: "plan", bytes: Array("<?xml version=\"1.0\"?><plan/>".utf8)) == .planXML)
        #expect(PlanReader.format(of: "plan.dat", bytes: Array("第一章 总则".utf8)) == .text)
        #expect(PlanReader.format(of: "a.txt", bytes: [], options: ReadOptions(format: .html)) == .html)
    }

    @Test func textThroughTheEntryPointIsTheTextReader() throws {
        let a = try PlanReader.read(path: samplePath(Sample.proposal))
        let b = try readSample(Sample.proposal)
        #expect(sectionSignature(a) == sectionSignature(b))
        #expect(a.sentenceRecords == b.sentenceRecords)
        #expect(a.format == .text && a.sentenceRecords.allSatisfy { $0.xpath == nil })
    }
}
