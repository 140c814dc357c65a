import CLibXML2
import Foundation
import Localization

/// Reads a Word document: `word/document.xml` from the zip, with heading styles resolved through
/// `word/styles.xml` when present.
///
/// Paragraphs with a heading style (`Heading 1`…, `标题 1`…, or an outline level) are headings; the others
/// may still be headings by their text (`第一章 …`), as in a text file. Tables become cells or indicators; a
/// one-column table (a 专栏 box drawn as a table) is read as ordinary paragraphs. Only the entries needed are
/// unpacked, by `ZipContainer`, within the limits of `ReadOptions`.
enum DocxPlanReader {
    static let documentEntry = "word/document.xml"
    static let stylesEntry = "word/styles.xml"
    static let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func read(bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> PlanDocument {
        // The unpacked entries, the tree and the node positions are freed before the plan is built.
        var builder = PlanBuilder(try input(bytes: bytes, file: file, options: options))
        return builder.build()
    }

    static func input(bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> BuildInput {
        let parts = try ZipContainer.unpack(bytes, wanted: [documentEntry, stylesEntry], file: file, options: options)
        guard let documentBytes = parts[documentEntry] else {
            throw ReadError(file: file, message: LocalizedText(en: "not a Word document: the zip has no \(documentEntry)",
                                                              zh: "不是 Word 文档：压缩包中没有 \(documentEntry)"))
        }
        var styles = StyleTable()
        // Styles only name headings; a broken styles.xml costs the names, not the document.
        if let styleBytes = parts[stylesEntry], let tree = try? LibXML.parseXML(styleBytes, file: file) { styles = StyleTable(tree) }
        let tree: XMLTree
        do { tree = try LibXML.parseXML(documentBytes, file: file) } catch {
            throw ReadError(file: file, line: error.line, column: error.column,
                            message: LocalizedText(en: "in \(documentEntry): ", zh: "\(documentEntry) 中：") + error.text)
        }
        let doc = MarkupDocument(tree: tree, bytes: documentBytes, file: file, html: false)
        var walker = DocxWalker(doc: doc, styles: styles)
        let root = tree.root!
        let rootPath = "/" + root.qualifiedName
        var counter = PathCounter()
        for c in root.children where c.isElement {
            let p = counter.path(rootPath, c.qualifiedName)
            if c.name == "body" { walker.container(c, path: p, depth: 1) }
        }
        var input = BuildInput(source: doc.source, paragraphs: walker.paragraphs, format: .docx)
        input.title = walker.title
        input.entry = documentEntry
        input.xpathScopes = try XPathScopes.resolve(options.xpathScopes, in: tree, namespaces: ["w": wordNS], file: file)
        return input
    }
}

/// Paragraph styles: which make headings (and of what level) and which the title.
struct StyleTable {
    struct Style { var name: String?; var outlineLevel: Int?; var basedOn: String? }
    var styles: [String: Style] = [:]

    init() {}

    init(_ tree: XMLTree) {
        guard let root = tree.root else { return }
        for s in root.children where s.isElement && s.name == "style" {
            guard let id = s.anyAttribute("styleId") else { continue }
            var st = Style()
            st.name = s.child("name")?.anyAttribute("val")
            st.basedOn = s.child("basedOn")?.anyAttribute("val")
            st.outlineLevel = s.child("pPr")?.child("outlineLvl")?.anyAttribute("val").flatMap { Int($0) }
            styles[id] = st
        }
    }

    enum Role: Equatable { case heading(Int), title, body }

    /// What a paragraph style makes of a paragraph, following `basedOn` a few steps.
    func role(of id: String?, outline: Int?) -> Role {
        if let o = outline, (0...8).contains(o) { return .heading(o + 1) }
        var cur = id
        for _ in 0..<10 {
            guard let c = cur else { break }
            let st = styles[c]
            for n in [st?.name, c].compactMap({ $0 }) {
                if let r = StyleTable.roleByName(n) { return r }
            }
            if let o = st?.outlineLevel, (0...8).contains(o) { return .heading(o + 1) }
            cur = st?.basedOn
        }
        return .body
    }

    /// `heading 2`, `Heading2`, `标题 2` → heading 2; `Title`, `标题` → the title.
    static func roleByName(_ name: String) -> Role? {
        let n = name.lowercased().filter { !$0.isWhitespace }
        for prefix in ["heading", "标题"] where n.hasPrefix(prefix) {
            let rest = n.dropFirst(prefix.count)
            if rest.isEmpty { return prefix == "标题" ? .title : nil }
            if let d = Int(rest), (1...9).contains(d) { return .heading(d) }
        }
        if n == "title" { return .title }
        return nil
    }
}

/// Walks `w:body`, turning Word paragraphs and tables into the builder's paragraphs.
struct DocxWalker {
    let doc: MarkupDocument
    let styles: StyleTable
    var paragraphs: [Paragraph] = []
    var title: String?

    init(doc: MarkupDocument, styles: StyleTable) {
        self.doc = doc
        self.styles = styles
    }

    /// The body, a content control or a one-column table cell: paragraphs and tables in order.
    mutating func container(_ n: xmlNodePtr, path: String, depth: Int) {
        guard depth < MarkupDocument.maxDepth else { return }
        var counter = PathCounter()
        for c in n.children where c.isElement {
            let p = counter.path(path, c.qualifiedName)
            switch c.name {
            case "p": paragraph(c, path: p, depth: depth + 1)
            case "tbl": table(c, path: p, depth: depth + 1)
            case "sdt": if let content = c.child("sdtContent") { container(content, path: p + "/" + content.qualifiedName + "[1]", depth: depth + 2) }
            case "customXml", "sdtContent": container(c, path: p, depth: depth + 1)
            default: break
            }
        }
    }

    mutating func paragraph(_ n: xmlNodePtr, path: String, depth: Int) {
        let pPr = n.child("pPr")
        let style = pPr?.child("pStyle")?.anyAttribute("val")
        let outline = pPr?.child("outlineLvl")?.anyAttribute("val").flatMap { Int($0) }
        let role = styles.role(of: style, outline: outline)
        var pieces: [TextRun] = [TextRun()]
        var boxes: [(xmlNodePtr, String)] = []
        collect(n, path: path, depth: depth, into: &pieces, boxes: &boxes)
        for (k, run) in pieces.enumerated() {
            guard var p = doc.paragraph(run, line: n.line, xpath: path) else { continue }
            switch role {
            case .heading(let level) where k == 0:
                p.heading = MarkupHeading(kind: nil, level: level)
            case .title where k == 0 && title == nil && !paragraphs.contains(where: { $0.noise == nil }):
                title = p.text.text
                continue
            default: break
            }
            paragraphs.append(p)
        }
        // Text boxes anchored in the paragraph follow it.
        for (box, bp) in boxes { container(box, path: bp, depth: depth + 1) }
    }

    /// A paragraph's text: runs in order, `w:br` starting a new piece; deleted text and field codes skipped.
    func collect(_ n: xmlNodePtr, path: String, depth: Int, into pieces: inout [TextRun], boxes: inout [(xmlNodePtr, String)]) {
        guard depth < MarkupDocument.maxDepth else { return }
        var counter = PathCounter()
        for c in n.children where c.isElement {
            let p = counter.path(path, c.qualifiedName)
            switch c.name {
            case "t":
                for t in c.children where t.isText { pieces[pieces.count - 1].append(doc.run(of: t)) }
            case "tab", "ptab": pieces[pieces.count - 1].append("\t")
            case "noBreakHyphen": pieces[pieces.count - 1].append("-")
            case "br", "cr": pieces.append(TextRun())
            case "txbxContent": boxes.append((c, p))
            case "pPr", "rPr", "del", "delText", "instrText", "moveFrom", "fldChar", "Fallback", "commentReference",
                 "footnoteReference", "endnoteReference", "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak":
                break
            default:
                // Runs, hyperlinks, insertions, smart tags, fields, content controls, drawings: their text counts.
                collect(c, path: p, depth: depth + 1, into: &pieces, boxes: &boxes)
            }
        }
    }

    mutating func table(_ t: xmlNodePtr, path: String, depth: Int) {
        guard depth < MarkupDocument.maxDepth else { return }
        var rows: [(xmlNodePtr, String)] = []
        var counter = PathCounter()
        for c in t.children where c.isElement {
            let p = counter.path(path, c.qualifiedName)
            if c.name == "tr" { rows.append((c, p)) }
        }
        func cells(_ tr: xmlNodePtr, _ rp: String) -> [(xmlNodePtr, String)] {
            var cc = PathCounter()
            var out: [(xmlNodePtr, String)] = []
            for c in tr.children where c.isElement {
                let p = cc.path(rp, c.qualifiedName)
                if c.name == "tc" { out.append((c, p)) }
                else if c.name == "sdt", let content = c.child("sdtContent") {
                    var sc = PathCounter()
                    for x in content.children where x.isElement && x.name == "tc" {
                        out.append((x, sc.path(p + "/" + content.qualifiedName + "[1]", x.qualifiedName)))
                    }
                }
            }
            return out
        }
        // A one-column table is a frame (a 专栏 box): its paragraphs are read as the body's.
        if rows.allSatisfy({ cells($0.0, $0.1).count <= 1 }) {
            for (tr, rp) in rows { for (tc, cp) in cells(tr, rp) { container(tc, path: cp, depth: depth + 2) } }
            return
        }
        var raw = RawTable(line: t.line, xpath: path)
        for (tr, rp) in rows {
            var out: [RawTable.Cell] = []
            for (tc, cp) in cells(tr, rp) {
                let tcPr = tc.child("tcPr")
                let span = tcPr?.child("gridSpan")?.anyAttribute("val").flatMap { Int($0) } ?? 1
                let vMerge = tcPr?.child("vMerge")
                let continues = vMerge != nil && (vMerge?.anyAttribute("val") ?? "continue") != "restart"
                var run = TextRun()
                cellText(tc, path: cp, depth: depth + 3, into: &run)
                out.append(RawTable.Cell(run: run, line: tc.line, xpath: cp, colspan: span, continuesAbove: continues))
            }
            raw.rows.append(out)
            raw.rowXPaths.append(rp)
        }
        paragraphs.append(contentsOf: raw.paragraphs(doc))
    }

    /// All text of a cell, its paragraphs separated by a line break (a space once normalized).
    func cellText(_ n: xmlNodePtr, path: String, depth: Int, into run: inout TextRun) {
        guard depth < MarkupDocument.maxDepth else { return }
        for c in n.children where c.isElement {
            if c.name == "p" {
                var pieces = [TextRun()]
                var boxes: [(xmlNodePtr, String)] = []
                collect(c, path: path, depth: depth + 1, into: &pieces, boxes: &boxes)
                if !run.scalars.isEmpty { run.append("\n") }
                for (k, piece) in pieces.enumerated() {
                    if k > 0 { run.append(" ") }
                    run.append(piece)
                }
            } else if c.name == "tbl" || c.name == "tr" || c.name == "tc" || c.name == "sdt" || c.name == "sdtContent" {
                cellText(c, path: path, depth: depth + 1, into: &run)
            }
        }
    }
}
