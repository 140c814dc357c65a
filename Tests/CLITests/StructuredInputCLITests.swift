import Foundation
import Testing
import ZIPFoundation
import TestSupport

/// `plancheck outline` on XML, HTML and .docx, and on hostile files.
@Suite struct StructuredInputCLITests {
    let hetangXML = "Samples/hetang-14th-five-year-plan.xml"

    @Test func planXMLOutlineMatchesTheText() throws {
        let xml = try runPlancheck(["outline", hetangXML])
        #expect(xml.status == 0)
        #expect(xml.stdout.contains("plan-xml · utf-8 · "))
        #expect(xml.stdout.contains("4 篇 · 16 章 · 49 节 · 6 专栏 · 1 名词解释 · 20 词条 · 1 附件 · 657 sentences"))
        let text = try runPlancheck(["outline", "Samples/hetang-14th-five-year-plan.txt"])
        #expect(text.stdout.contains("657 sentences"))
        let json = try runPlancheck(["outline", "--format", "json", hetangXML])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(root["format"] as? String == "plan-xml")
        let sentences = try #require(root["sentences"] as? [[String: Any]])
        #expect((sentences.first?["xpath"] as? String)?.hasPrefix("/plan/p[") == true)
    }

    @Test func planXMLFormatRegeneratesTheSample() throws {
        let r = try runPlancheck(["outline", "--format", "plan-xml", "Samples/hetang-14th-five-year-plan.txt"])
        #expect(r.status == 0)
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent(hetangXML), encoding: .utf8)
        #expect(r.stdout == committed)
        let two = try runPlancheck(["outline", "--format", "plan-xml", hetangXML, "Samples/hetang-14th-five-year-plan.txt"])
        #expect(two.status == 2)
    }

    @Test func malformedXMLExitsTwoWithLineAndColumn() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.xml")
        try Data("<?xml version=\"1.0\"?>\n<plan>\n  <p>未闭合\n</plan>\n".utf8).write(to: bad)
        let r = try runPlancheck(["outline", bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.xml:4:8: XML error: Opening and ending tag mismatch: p line 3 and plan"))
        #expect(r.stdout.isEmpty)
    }

    @Test func schemaErrorsExitTwoWithLines() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("invalid.xml")
        try Data("<?xml version=\"1.0\"?>\n<plan>\n  <chapter number=\"一\">\n    <p>没有标题。</p>\n  </chapter>\n</plan>\n".utf8).write(to: file)
        let r = try runPlancheck(["outline", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("invalid.xml:3: does not follow the plan XML schema"))
        #expect(r.stderr.contains("number=\"一\" is not a whole number"))
        #expect(r.stderr.contains("<chapter> must begin with <heading>"))
    }

    @Test func externalEntityIsNeverRead() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        let secretFile = dir.appendingPathComponent("secret.txt")
        try Data(secret.utf8).write(to: secretFile)
        let xxe = dir.appendingPathComponent("xxe.xml")
        try Data("""
        <?xml version="1.0"?>
        <!DOCTYPE doc [ <!ENTITY xxe SYSTEM "\(secretFile.absoluteString)"> ]>
        <doc><para>第一章 总则</para><para>见&xxe;内容。</para></doc>
        """.utf8).write(to: xxe)
        for format in ["text", "json"] {
            let r = try runPlancheck(["outline", "--sentences", "--format", format, xxe.path])
            #expect(r.status == 0)
            #expect(!r.stdout.contains(secret) && !r.stderr.contains(secret))
        }
    }

    @Test func billionLaughsExitsTwoQuickly() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var decl = "<!ENTITY a0 \"ha\">\n"
        for i in 1...12 { decl += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">\n" }
        let file = dir.appendingPathComponent("lol.xml")
        try Data("<?xml version=\"1.0\"?>\n<!DOCTYPE plan [\n\(decl)]>\n<plan><p>&a12;</p></plan>\n".utf8).write(to: file)
        let start = Date()
        let r = try runPlancheck(["outline", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("entity reference loop") || r.stderr.contains("entity"))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func maxBytesRefusesLargeInput() throws {
        let r = try runPlancheck(["outline", "--max-bytes", "1000", "Samples/hetang-14th-five-year-plan.txt"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("over the size limit of 1000 bytes"))
        #expect(r.stderr.contains("--max-bytes"))
        let ok = try runPlancheck(["outline", "--max-bytes", "10000000", "Samples/hetang-14th-five-year-plan.txt"])
        #expect(ok.status == 0)
        let bad = try runPlancheck(["outline", "--max-bytes", "0", "Samples/hetang-14th-five-year-plan.txt"])
        #expect(bad.status == 2)
    }

    @Test func docxAndZipBomb() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        func zip(_ entries: [(String, [UInt8])], to url: URL) throws {
            let archive = try Archive(url: url, accessMode: .create)
            for (path, bytes) in entries {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                    data.subdata(in: Int(pos)..<(Int(pos) + size))
                }
            }
        }
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let body = ["第一章 总则", "到2025年，地区生产总值达到350亿元。", "第二章 任务", "建设现代产业体系。"]
            .map { "<w:p><w:r><w:t>\($0)</w:t></w:r></w:p>" }.joined()
        let good = dir.appendingPathComponent("plan.docx")
        try zip([("word/document.xml", Array("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(w)\"><w:body>\(body)</w:body></w:document>".utf8))], to: good)
        let r = try runPlancheck(["outline", "--sentences", good.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("docx (word/document.xml) · utf-8"))
        #expect(r.stdout.contains("2 章 · 2 sentences"))
        let bomb = dir.appendingPathComponent("bomb.docx")
        try zip([("word/document.xml", [UInt8](repeating: 0x20, count: 48 << 20))], to: bomb)
        let b = try runPlancheck(["outline", bomb.path])
        #expect(b.status == 2)
        #expect(b.stderr.contains("bomb.docx: refused: word/document.xml"))
    }

    @Test func damagedDocxExitsTwoNamingTheFile() throws {
        // Hostile containers of issue #12: ZIPFoundation trapped (exit 132) on the first and spun forever on the second.
        for name in ["offset-past-end.docx", "inflate-loop.docx"] {
            let path = "Tests/Fixtures/reliability/" + name
            let r = try runPlancheck(["outline", path])
            #expect(r.status == 2, "\(name): \(r.status)")
            #expect(r.stderr.contains("\(path): not a readable .docx"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        // A deflated entry whose CRC does not match its data.
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("crc.docx")
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let archive = try Archive(url: url, accessMode: .create)
        let xml = Data("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(w)\"><w:body><w:p><w:r><w:t>第一章 总则</w:t></w:r></w:p></w:body></w:document>".utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count), compressionMethod: .deflate) { pos, size in
            xml.subdata(in: Int(pos)..<(Int(pos) + size))
        }
        var bytes = [UInt8](try Data(contentsOf: url))
        // The CRC sits at offset 14 of the local header and 16 of the central directory's.
        for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 14), ([0x50, 0x4B, 0x01, 0x02], 16)] {
            let at = try #require((0..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == signature })
            bytes[at + offset] ^= 0x55
        }
        try Data(bytes).write(to: url)
        let r = try runPlancheck(["outline", url.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("crc.docx: not a readable .docx: word/document.xml could not be unpacked (ZIP bad CRC"), "\(r.stderr)")
    }

    @Test func otherXMLThroughXPathOptionsAndMapFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("other.xml")
        try Data("""
        <?xml version="1.0"?>
        <d:doc xmlns:d="urn:example:doc"><d:h>第一章 总则</d:h><d:t>正文一。</d:t><d:h>保障</d:h><d:t>正文二。</d:t><d:x>不读</d:x></d:doc>
        """.utf8).write(to: file)
        let r = try runPlancheck(["outline", "--sentences", "--xml-namespace", "d=urn:example:doc",
                                  "--xpath-headings", "//d:h", "--xpath-paragraphs", "//d:t", file.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("xml · utf-8"))
        #expect(r.stdout.contains("2 章 · 2 sentences"))
        #expect(!r.stdout.contains("不读"))
        let map = dir.appendingPathComponent("map.json")
        try Data(#"{"headings": ["//d:h"], "paragraphs": ["//d:t"], "namespaces": {"d": "urn:example:doc"}}"#.utf8).write(to: map)
        let m = try runPlancheck(["outline", "--xml-map", map.path, file.path])
        #expect(m.status == 0 && m.stdout.contains("2 章 · 2 sentences"))
        let badXPath = try runPlancheck(["outline", "--xpath-headings", "//[", file.path])
        #expect(badXPath.status == 2 && badXPath.stderr.contains("XPath"))
        let badMap = try runPlancheck(["outline", "--xml-map", dir.appendingPathComponent("none.json").path, file.path])
        #expect(badMap.status == 2)
        let badNS = try runPlancheck(["outline", "--xml-namespace", "nope", file.path])
        #expect(badNS.status == 2)
    }

    @Test func htmlPageOutline() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plan.html")
        try Data("""
        <html><body><nav>首页 &gt; 规划</nav><h2>第一章 总则</h2><p>正文。</p>
        <table><tr><th>指标</th><th>单位</th><th>2025年</th><th>属性</th></tr><tr><td>耕地保有量（示例）</td><td>万亩</td><td>1.2</td><td>约束性</td></tr></table>
        </body></html>
        """.utf8).write(to: file)
        let r = try runPlancheck(["outline", file.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("html · utf-8"))
        #expect(r.stdout.contains("1 indicators (1 约束性)"))
        #expect(r.stdout.contains("耕地保有量（示例） (万亩): 2025年 1.2 · 约束性"))
        #expect(r.stdout.contains("page furniture (nav)"))
        let forced = try runPlancheck(["outline", "--input-format", "text", file.path])
        #expect(forced.status == 0 && forced.stdout.contains("utf-8 · 3 lines"))
    }

    @Test func checkSeesTheBindingIndicatorsOfATextTable() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A table as a PDF's text gives it, cells cut by ideographic spaces. Illustrative figures (示例).
        let plan = dir.appendingPathComponent("plan.txt")
        try Data("""
        示例区规划纲要
        第四章 发展目标
        到2030年，建设更有实力的先进制造业高地。
        表1 主要指标（示例）
        指标\u{3000}\u{3000}单位\u{3000}\u{3000}2025年\u{3000}\u{3000}2030年\u{3000}\u{3000}属性
        空气质量优良天数比率\u{3000}\u{3000}%\u{3000}\u{3000}86.3\u{3000}\u{3000}≥90\u{3000}\u{3000}约束性
        研发经费投入强度\u{3000}\u{3000}%\u{3000}\u{3000}2.9\u{3000}\u{3000}3.0\u{3000}\u{3000}预期性
        第六章 产业
        大力发展陶瓷产业。
        """.utf8).write(to: plan)
        let rules = dir.appendingPathComponent("t.rules")
        try Data("""
        ruleset "测试" {
          period 2026..2030
        }
        term 空气优良率 = "空气质量优良天数比率" unit %
        term 能耗降低 = "单位地区生产总值能耗降低" unit %
        term 研发强度 = "研发经费投入强度" unit %
        goal A "空气" {
          tags 约束性
          require target 空气优良率 >= 88% by 2030
        }
        goal B "研发" {
          require target 研发强度 >= 3.2% by 2030
        }
        goal E "能耗" {
          tags 约束性
          require target 能耗降低 >= 13.5%
        }
        """.utf8).write(to: rules)
        let r = try runPlancheck(["check", plan.path, "--rules", rules.path, "--format", "json"])
        #expect(r.status == 1, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(root["findings"] as? [[String: Any]])
        func finding(_ goal: String) throws -> ([String: Any], [String: Any]?) {
            let f = try #require(findings.first { $0["goal"] as? String == goal }, "\(goal)")
            return (f, (f["evidence"] as? [[String: Any]])?.first)
        }
        // The binding row meets the city's target, from the table: line 6, in 第四章.
        let (a, aEvidence) = try finding("A")
        #expect(a["status"] as? String == "covered")
        #expect((a["message"] as? String)?.contains("indicator table") == true)
        #expect(aEvidence?["line"] as? Int == 6 && aEvidence?["column"] as? Int == 1)
        #expect(aEvidence?["commitment"] as? String == "indicator table (约束性)")
        #expect(aEvidence?["path"] as? [String] == ["第四章"])
        let (b, _) = try finding("B")
        #expect(b["status"] as? String == "conflicting")
        // The binding indicator the table lacks is a finding of its own, pointing at the table.
        let (e, eEvidence) = try finding("E#能耗降低")
        #expect(e["status"] as? String == "missing")
        #expect((e["message"] as? String)?.contains("not in the plan's indicator table “表1主要指标（示例）”") == true)
        #expect(eEvidence?["line"] as? Int == 6)
    }
}

/// `plancheck check` gives the same findings for the 荷塘区 plan as text, plan XML, web page and .docx.
@Suite struct SameFindingsAcrossFormatsTests {
    /// Each finding's goal, status and severity, and each piece of evidence's heading path and text.
    func findings(_ file: String) throws -> [String] {
        let r = try runPlancheck(["check", "--format", "json", file])
        #expect(r.status == 0 || r.status == 1, "\(file): \(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let list = try #require(root["findings"] as? [[String: Any]])
        return list.map { f in
            let evidence = (f["evidence"] as? [[String: Any]] ?? []).map { e in
                ((e["path"] as? [String]) ?? []).joined(separator: "›") + " " + (e["text"] as? String ?? "") + " " + (e["commitment"] as? String ?? "")
            }
            return [f["goal"] as? String ?? f["kind"] as? String ?? "", f["status"] as? String ?? "", f["severity"] as? String ?? "",
                    f["message"] as? String ?? ""].joined(separator: " | ") + "\n  " + evidence.joined(separator: "\n  ")
        }
    }

    @Test func textXMLHTMLAndDocxGiveTheSameFindings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/hetang-14th-five-year-plan.txt"), encoding: .utf8)
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let lines = text.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let html = dir.appendingPathComponent("hetang.html")
        try Data(("<html><body><nav>首页</nav>\n" + lines.map { "<p>\(esc($0))</p>" }.joined(separator: "\n") + "\n</body></html>\n").utf8).write(to: html)
        let docx = dir.appendingPathComponent("hetang.docx")
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let body = lines.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(esc($0))</w:t></w:r></w:p>" }.joined()
        let documentXML = Data("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(w)\"><w:body>\(body)</w:body></w:document>".utf8)
        let archive = try Archive(url: docx, accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(documentXML.count), compressionMethod: .deflate) { pos, size in
            documentXML.subdata(in: Int(pos)..<(Int(pos) + size))
        }
        let expected = try findings("Samples/hetang-14th-five-year-plan.txt")
        #expect(expected.count >= 5)
        #expect(try findings("Samples/hetang-14th-five-year-plan.xml") == expected)
        #expect(try findings(html.path) == expected)
        #expect(try findings(docx.path) == expected)
    }
}
