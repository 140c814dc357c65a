import CLibXML2
import Localization

/// A parsed markup document with its decoded source and where each text node stands in it.
final class MarkupDocument {
    let tree: XMLTree
    let source: SourceText
    let positions: NodePositions
    let file: String

    /// Deeper than this, element structure is not followed (libxml2 refuses XML deeper than 256 levels).
    static let maxDepth = 400

    convenience init(tree: XMLTree, bytes: [UInt8], file: String, html: Bool) {
        self.init(tree: tree, source: MarkupDocument.decode(bytes, file: file), file: file, html: html)
    }

    /// With the source already decoded (an HTML page is decoded first, to choose its encoding).
    init(tree: XMLTree, source: SourceText, file: String, html: Bool) {
        self.tree = tree
        self.file = file
        self.source = source
        positions = NodePositions.align(tree, source: source, html: html)
    }

    /// The source as text for locations. libxml2 has already read it; if this decoder cannot (a legacy
    /// encoding it does not know), the text is decoded leniently and locations past a bad byte may drift.
    static func decode(_ bytes: [UInt8], file: String) -> SourceText {
        if let s = try? SourceText(bytes: bytes, file: file) { return s }
        var clean = String(decoding: bytes, as: UTF8.self).unicodeScalars.map { c -> Unicode.Scalar in
            c.value < 0x20 && c != "\n" && c != "\r" && c != "\t" ? "\u{FFFD}" : c
        }
        if clean.isEmpty { clean = [] }
        var u = String.UnicodeScalarView()
        u.append(contentsOf: clean)
        return (try? SourceText(bytes: Array(String(u).utf8), file: file)) ?? (try! SourceText(bytes: [], file: file))
    }

    /// The text of a text or CDATA node with the source position of each scalar.
    func run(of node: xmlNodePtr) -> TextRun {
        let content = node.contentScalars
        return TextRun(scalars: content, positions: positions.positions(of: node, count: content.count))
    }

    /// All text under `node` in document order (entity references, comments and instructions skipped).
    func text(of node: xmlNodePtr, depth: Int = 0) -> TextRun {
        var out = TextRun()
        appendText(of: node, to: &out, depth: depth)
        return out
    }

    private func appendText(of node: xmlNodePtr, to out: inout TextRun, depth: Int) {
        if node.isText { out.append(run(of: node)); return }
        if node.type == XML_ENTITY_REF_NODE { out.append(entityText(node)); return }
        guard node.isElement, depth < MarkupDocument.maxDepth else { return }
        for c in node.children { appendText(of: c, to: &out, depth: depth + 1) }
    }

    /// The text of a reference to an entity declared in the document's own DTD, when it is plain text
    /// (`<!ENTITY org "荷塘区人民政府">`). External entities are never read, and entities holding markup or
    /// other references are left out rather than expanded (libxml2 has already refused loops).
    func entityText(_ ref: xmlNodePtr) -> TextRun {
        guard let name = ref.pointee.name, let ent = xmlGetDocEntity(tree.doc, name),
              ent.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let c = ent.pointee.content else { return TextRun() }
        let text = Array(String(cString: c).unicodeScalars)
        guard text.count <= 4096, !text.contains("&"), !text.contains("<") else { return TextRun() }
        return TextRun(scalars: text, positions: SourcePositions(unknown: text.count))
    }

    /// A paragraph from a run of text, or nil when it holds only spaces.
    func paragraph(_ run: TextRun, line: Int, xpath: String?) -> Paragraph? {
        guard !run.isBlank else { return nil }
        let line = run.positions.firstKnown.map { source.lineAndColumn(ofScalar: $0).line } ?? line
        return Paragraph(markup: run.scalars, positions: run.positions, line: line, xpath: xpath)
    }
}

/// Characters gathered from markup with their source positions (-1 when unknown).
struct TextRun {
    var scalars: [Unicode.Scalar] = []
    var positions = SourcePositions()

    mutating func append(_ other: TextRun) {
        // Most runs are one text node: taking its arrays shares them rather than copying into a grown buffer.
        if scalars.isEmpty && positions.isEmpty { self = other; return }
        scalars.append(contentsOf: other.scalars)
        positions.append(contentsOf: other.positions)
    }

    mutating func append(_ c: Unicode.Scalar) {
        scalars.append(c)
        positions.append(-1)
    }

    var isBlank: Bool { scalars.allSatisfy { Normalizer.isSpace($0) || $0 == "\n" || $0 == "\r" || Normalizer.isZeroWidthOrControl($0) } }

    /// The 1-based column of the first located character, given the source.
    func column(in source: SourceText) -> Int? {
        positions.firstKnown.map { source.lineAndColumn(ofScalar: $0).column }
    }

    /// The normalized text, for table cells and titles.
    var normalizedText: String {
        Normalizer.normalize(scalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }).text
    }
}

extension Normalizer {
    static func isZeroWidthOrControl(_ s: Unicode.Scalar) -> Bool { isZeroWidth(s) || s.value < 0x20 }
}

/// Builds XPaths on the way down: `/plan/part[1]/chapter[2]`.
struct PathCounter {
    private var counts: [String: Int] = [:]

    /// The XPath step for the next child called `name` under `parent`.
    mutating func path(_ parent: String, _ name: String) -> String {
        let k = (counts[name] ?? 0) + 1
        counts[name] = k
        return parent + "/" + name + "[\(k)]"
    }
}

/// The XPaths of every element the expressions select, for `PlanDocument.xpathScopes`.
enum XPathScopes {
    static func resolve(_ expressions: [String], in tree: XMLTree, namespaces: [String: String],
                        file: String, lowercaseNames: Bool = false) throws(ReadError) -> [String: [String]] {
        guard !expressions.isEmpty else { return [:] }
        var wanted: [String: Set<UnsafeMutableRawPointer>] = [:]
        for e in expressions {
            do {
                wanted[e] = Set(try LibXML.select(e, in: tree, namespaces: namespaces).map { UnsafeMutableRawPointer($0) })
            } catch {
                throw ReadError(file: file, message: LocalizedText(en: "XPath scope \(error.expression): \(error.message)",
                                                                  zh: "XPath 范围 \(error.expression) 有误：“\(error.message)”"))
            }
        }
        let all = wanted.values.reduce(into: Set<UnsafeMutableRawPointer>()) { $0.formUnion($1) }
        // Walked in document order, so each element's sequence number orders the results.
        var found: [UnsafeMutableRawPointer: (Int, String)] = [:]
        func walk(_ node: xmlNodePtr, _ path: String, depth: Int) {
            guard depth < MarkupDocument.maxDepth else { return }
            var counter = PathCounter()
            for c in node.children where c.isElement {
                let p = counter.path(path, lowercaseNames ? c.lowerName : c.qualifiedName)
                if all.contains(UnsafeMutableRawPointer(c)) { found[UnsafeMutableRawPointer(c)] = (found.count, p) }
                walk(c, p, depth: depth + 1)
            }
        }
        if let root = tree.root {
            let rp = "/" + (lowercaseNames ? root.lowerName : root.qualifiedName)
            if all.contains(UnsafeMutableRawPointer(root)) { found[UnsafeMutableRawPointer(root)] = (found.count, rp) }
            walk(root, rp, depth: 0)
        }
        var out: [String: [String]] = [:]
        for (e, nodes) in wanted { out[e] = nodes.compactMap { found[$0] }.sorted { $0.0 < $1.0 }.map(\.1) }
        return out
    }
}

/// A table as markup gives it, before merged cells are spread out.
struct RawTable {
    struct Cell {
        var run: TextRun
        var line: Int
        var xpath: String
        var colspan = 1
        var rowspan = 1
        /// A cell that only continues the one above (Word's `vMerge` without `restart`).
        var continuesAbove = false
    }
    var rows: [[Cell]] = []
    var rowXPaths: [String] = []
    var caption: TextRun?
    var line: Int
    var xpath: String

    /// Merged cells are repeated into each place they cover; spans are capped so a hostile `rowspan` cannot
    /// make the grid huge.
    func grid(source: SourceText) -> TableGrid {
        var grid: [[TableCell?]] = []
        var carried: [Int: (TableCell, Int)] = [:]   // column → (cell, rows still to cover)
        var total = 0
        for row in rows {
            var out: [TableCell?] = []
            var col = 0
            func fillCarried() {
                while let (cell, left) = carried[col] {
                    out.append(cell)
                    if left <= 1 { carried[col] = nil } else { carried[col] = (cell, left - 1) }
                    col += 1
                }
            }
            for cell in row {
                fillCarried()
                var tc = TableCell(text: cell.run.normalizedText, line: cell.line, column: cell.run.column(in: source), xpath: cell.xpath)
                if cell.continuesAbove, let above = grid.last?[safe: col] ?? nil { tc = above }
                let span = min(max(cell.colspan, 1), 64)
                let down = min(max(cell.rowspan, 1), 1000)
                for _ in 0..<span {
                    out.append(tc)
                    if down > 1 { carried[col] = (tc, down - 1) }
                    col += 1
                }
                total += span
                if total > 100_000 { break }
            }
            fillCarried()
            grid.append(out)
            if total > 100_000 { break }
        }
        let width = grid.map(\.count).max() ?? 0
        let filled = grid.map { r in (r + [TableCell?](repeating: nil, count: width - r.count)).map { $0 ?? TableCell(text: "", line: 0, column: nil, xpath: nil) } }
        return TableGrid(rows: filled, rowXPaths: rowXPaths.map { Optional($0) }, caption: caption.map(\.normalizedText).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The table's paragraphs: indicators when it is a 主要指标 table, else each cell's text.
    func paragraphs(_ doc: MarkupDocument) -> [Paragraph] {
        let g = grid(source: doc.source)
        if let rows = IndicatorTableReader.read(g) {
            return [Paragraph.indicators(rows, line: line, xpath: xpath)]
        }
        var out: [Paragraph] = []
        if let caption, var p = doc.paragraph(caption, line: line, xpath: xpath) {
            // The caption is the table's title, not a heading of the plan.
            p.headingText = false
            p.noiseCheck = false
            out.append(p)
        }
        for row in rows {
            for cell in row where !cell.continuesAbove {
                guard var p = doc.paragraph(cell.run, line: cell.line, xpath: cell.xpath) else { continue }
                p.headingText = false
                p.noiseCheck = false
                out.append(p)
            }
        }
        return out
    }
}

/// The XPaths of elements found by XPath, `/doc/table[1]/tr[2]`. Each parent's children are named in one
/// pass and remembered: walking up and counting the siblings before each row took 2.2 s for a table of
/// 10,000 rows (and again for each of its cells).
struct XPathNamer {
    private var known: [UnsafeMutableRawPointer: String] = [:]

    mutating func path(of node: xmlNodePtr) -> String {
        guard node.isElement else { return "/" }
        if let p = known[UnsafeMutableRawPointer(node)] { return p }
        guard let parent = node.parent, parent.isElement else {
            let p = "/" + node.qualifiedName
            known[UnsafeMutableRawPointer(node)] = p
            return p
        }
        // Recursion only as deep as the tree, which libxml2 keeps within 256 levels.
        let base = path(of: parent)
        var counter = PathCounter()
        for c in parent.children where c.isElement { known[UnsafeMutableRawPointer(c)] = counter.path(base, c.qualifiedName) }
        return known[UnsafeMutableRawPointer(node)] ?? "/"
    }
}

extension Array {
    /// The element at `i`, nil when `i` is out of bounds (a row shorter than the one above).
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
