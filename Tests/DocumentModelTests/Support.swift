import Foundation
@testable import DocumentModel
import ZIPFoundation
import TestSupport

/// Path of a bundled sample.
func samplePath(_ name: String) -> String { repositoryRoot.appendingPathComponent("Samples/\(name)").path }

enum Sample {
    static let hetang = "hetang-14th-five-year-plan.txt"
    static let proposal = "zhuzhou-15th-plan-proposal-2025.txt"
    static let communique = "zhuzhou-14th-plenum-communique-2020.txt"
    static let workReport = "zhuzhou-government-work-report-2023.txt"
    static let congress = "zhuzhou-13th-party-congress-2021.txt"
}

/// Reads a bundled sample into a document; a failure here fails the test that asked.
func readSample(_ name: String) throws -> PlanDocument { try TextPlanReader.read(path: samplePath(name)) }

/// Parses text given in a test as if it were a UTF-8 file.
func readText(_ text: String, file: String = "test.txt") throws -> PlanDocument {
    TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: file))
}

func sampleBytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: samplePath(name)))) }

// MARK: Structured inputs built from the text sample

/// Escapes text for XML and HTML content.
func xmlEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}

/// The heading level a test gives a line when it marks headings up: 篇 1, 章 2, 节 3.
func markupLevel(_ line: String) -> Int? {
    let s = Array(line.trimmingCharacters(in: .whitespaces))
    guard s.first == "第", let k = s.prefix(6).firstIndex(where: { "篇章节".contains($0) }) else { return nil }
    guard s[1..<k].allSatisfy({ "一二三四五六七八九十".contains($0) }) else { return nil }
    return ["篇": 1, "章": 2, "节": 3][s[k]]
}

/// A web page holding the text: one `<p>` per non-blank line, 篇/章/节 lines as h1/h2/h3, inside page
/// furniture (navigation, breadcrumb, footer, a script) that must come out as noise.
func makeHTML(_ text: String) -> String {
    var out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>荷塘区规划_门户网站</title>",
               "<script>var x = 1 < 2 && true;</script><style>p { margin: 0 }</style></head><body>",
               "<nav class=\"top-nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a></nav>",
               "<div class=\"breadcrumb\">当前位置：首页 &gt; 规划计划</div>",
               "<div id=\"content\">"]
    for line in text.components(separatedBy: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
        if let l = markupLevel(line) { out.append("<h\(l)>\(xmlEscape(line))</h\(l)>") } else { out.append("<p>\(xmlEscape(line))</p>") }
    }
    out += ["</div>", "<footer><p>版权所有：株洲市荷塘区人民政府 &copy; 2022</p></footer>",
            "<script>document.write('分享到微信');</script>", "</body></html>"]
    return out.joined(separator: "\n") + "\n"
}

let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/// `word/document.xml` for the text: one `w:p` per non-blank line, each split over two runs; 篇 lines in
/// style `1` (named `heading 1`), 章 lines in style `2` (named `标题 2`), 节 lines in `Heading3`.
func makeDocumentXML(_ text: String) -> String {
    var ps: [String] = []
    for line in text.components(separatedBy: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
        var style = ""
        switch markupLevel(line) {
        case 1?: style = "<w:pPr><w:pStyle w:val=\"1\"/></w:pPr>"
        case 2?: style = "<w:pPr><w:pStyle w:val=\"2\"/></w:pPr>"
        case 3?: style = "<w:pPr><w:pStyle w:val=\"Heading3\"/></w:pPr>"
        default: break
        }
        let chars = Array(line)
        let half = chars.count / 2
        let a = xmlEscape(String(chars[..<half])), b = xmlEscape(String(chars[half...]))
        ps.append("<w:p>\(style)<w:r><w:t xml:space=\"preserve\">\(a)</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\(b)</w:t></w:r></w:p>")
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"\(wordNS)\"><w:body>"
        + ps.joined() + "<w:sectPr/></w:body></w:document>"
}

let docxStyles = """
<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="\(wordNS)">\
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>\
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>\
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>\
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>\
</w:styles>
"""

/// A zip archive of the given entries, deflated, built in memory.
func makeZip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, bytes) in entries {
        let data = Data(bytes)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
            data.subdata(in: Int(pos)..<(Int(pos) + size))
        }
    }
    return [UInt8](archive.data ?? Data())
}

/// A minimal .docx: content types, the document and its styles.
func makeDocx(documentXML: String, styles: String? = docxStyles) throws -> [UInt8] {
    var entries: [(String, [UInt8])] = [
        ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
        ("word/document.xml", Array(documentXML.utf8)),
    ]
    if let styles { entries.append(("word/styles.xml", Array(styles.utf8))) }
    return try makeZip(entries)
}

/// Reads bytes as the named file through the one entry point.
func readPlan(_ bytes: [UInt8], file: String, options: ReadOptions = ReadOptions()) throws -> PlanDocument {
    try PlanReader.read(bytes: bytes, file: file, options: options)
}

func readPlan(_ text: String, file: String, options: ReadOptions = ReadOptions()) throws -> PlanDocument {
    try PlanReader.read(bytes: Array(text.utf8), file: file, options: options)
}

/// What must agree across formats: each section's kind, number, label and title, in order.
func sectionSignature(_ doc: PlanDocument) -> [String] {
    doc.allSections.map { "\($0.kind.rawValue) \($0.number.map(String.init) ?? "-") \($0.label) \($0.title) ⟨\(doc.sectionPaths[$0.id].joined(separator: "›"))⟩" }
}

/// Each sentence's normalized text with its heading path; heading titles marked `#`.
func sentenceSignature(_ doc: PlanDocument) -> [String] {
    doc.sentences.map { ($0.isHeading ? "# " : "") + doc.text(of: $0) + " ⟨" + doc.path(of: $0).joined(separator: "›") + "⟩" }
}


/// A hostile input of issue #12: the copy in Tests/Fixtures/reliability, else the original in ../shared/reliability.
func reliabilityFile(_ name: String) throws -> [UInt8] {
    let copy = repositoryRoot.appendingPathComponent("Tests/Fixtures/reliability/\(name)")
    let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reliability/\(name)")
    let url = FileManager.default.fileExists(atPath: copy.path) ? copy : shared
    return [UInt8](try Data(contentsOf: url))
}
