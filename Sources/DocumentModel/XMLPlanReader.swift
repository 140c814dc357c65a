import CLibXML2
import Localization
import Quantities

/// Reads XML: the project's plan XML (root `<plan>`, validated against `docs/plan-xml.rng`), or any other
/// XML through an `XMLMapping` of XPath expressions.
enum XMLPlanReader {
    static func read(bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> PlanDocument {
        // The tree and the node positions are freed before the plan is built: with the exact-size arrays, the peak
        // for 12 MB of plan XML went from 316 to 278 MB.
        var builder = PlanBuilder(try input(bytes: bytes, file: file, options: options))
        return builder.build()
    }

    static func input(bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> BuildInput {
        let tree = try LibXML.parseXML(bytes, file: file)
        guard let root = tree.root else { throw ReadError(file: file, message: LocalizedText(en: "XML error: no root element", zh: "XML 错误：没有根元素")) }
        let isPlan: Bool
        switch options.format {
        case .planXML?: isPlan = true
        case .xml?: isPlan = false
        default: isPlan = options.xmlMapping == nil && root.name == "plan" && root.namespaceURI == nil
        }
        if isPlan { return try planInput(tree, bytes: bytes, file: file, options: options) }
        return try mappedInput(tree, bytes: bytes, file: file, options: options)
    }

    // MARK: Plan XML

    static let divisions: [String: SectionKind] = [
        "part": .part, "chapter": .chapter, "section": .section, "numbered-part": .numberedPart,
        "parenthesized": .parenthesized, "item": .item, "subitem": .subitem, "dash-item": .dashItem,
        "box": .box, "attachment": .attachment, "glossary": .glossary, "entry": .glossaryEntry,
    ]

    static func planInput(_ tree: XMLTree, bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> BuildInput {
        // The structural check names every problem at its own line; RELAX NG then has the last word.
        let problems = PlanXMLCheck.check(tree)
        if !problems.isEmpty { throw schemaError(problems, file: file) }
        let issues = LibXML.validate(tree, relaxNG: PlanXMLSchema.relaxNG)
        if !issues.isEmpty { throw schemaError(issues, file: file) }
        let doc = MarkupDocument(tree: tree, bytes: bytes, file: file, html: false)
        var reader = PlanXMLWalker(doc: doc)
        reader.walk(tree.root!, path: "/plan")
        var input = BuildInput(source: doc.source, paragraphs: reader.paragraphs, format: .planXML)
        input.title = reader.title
        input.titleFromText = false
        input.detectNoise = false   // the structure is declared; only <noise> is noise
        input.xpathScopes = try XPathScopes.resolve(options.xpathScopes, in: tree, namespaces: [:], file: file)
        return input
    }

    /// Every schema problem with its line: the first in the error's place, all of them in its message.
    static func schemaError(_ issues: [LibXMLIssue], file: String) -> ReadError {
        let first = issues[0]
        var msg = LocalizedText(en: "does not follow the plan XML schema (docs/plan-xml.md): ", zh: "不符合规划 XML 模式（docs/plan-xml.md）：")
            + first.text
        // After the first problem libxml2 reports each enclosing element as failing too; those say nothing new.
        let cascade = ["failed to validate content", "has extra content", "Invalid sequence in interleave"]
        let rest = issues.dropFirst().filter { i in !cascade.contains { i.message.contains($0) } }
        for i in rest.prefix(19) {
            msg = msg + LocalizedText("\n  \(file)\(i.line.map { ":\($0)" } ?? ""): ") + i.text
        }
        if rest.count > 19 { msg = msg + LocalizedText(en: "\n  … and \(rest.count - 19) more", zh: "\n  ……另有 \(rest.count - 19) 处") }
        return ReadError(file: file, line: first.line, message: msg)
    }

    /// Walks plan XML in document order, turning it into paragraphs for the builder.
    struct PlanXMLWalker {
        let doc: MarkupDocument
        var paragraphs: [Paragraph] = []
        var title: String?
        var pendingCloses = 0

        init(doc: MarkupDocument) { self.doc = doc }

        mutating func add(_ p: Paragraph) {
            var p = p
            p.closesBefore += pendingCloses
            pendingCloses = 0
            paragraphs.append(p)
        }

        mutating func walk(_ node: xmlNodePtr, path: String, depth: Int = 0) {
            guard depth < MarkupDocument.maxDepth else { return }
            var counter = PathCounter()
            for c in node.children where c.isElement {
                let name = c.name
                let p = counter.path(path, name)
                switch name {
                case "title":
                    let t = doc.text(of: c).normalizedText
                    if !t.isEmpty { title = t }
                case "p":
                    if var para = doc.paragraph(doc.text(of: c), line: c.line, xpath: p) {
                        para.headingText = false
                        add(para)
                    }
                case "noise":
                    if var para = doc.paragraph(doc.text(of: c), line: c.line, xpath: p) {
                        let reason = c.attribute("reason").flatMap(NoiseReason.init(rawValue:)) ?? .pageFurniture
                        para.noise = NoiseMark(reason: reason, detail: "marked in the XML", partial: nil, chineseDetail: "XML 中已标明")
                        add(para)
                    }
                case "indicators":
                    add(Paragraph.indicators(indicators(c, path: p), line: c.line, xpath: p))
                case "table":
                    for para in table(c, path: p).paragraphs(doc) { add(para) }
                case "heading", "caption":
                    break   // read with their division or table
                default:
                    guard let kind = XMLPlanReader.divisions[name] else { continue }
                    var opened = false
                    if let h = c.child("heading") {
                        let hp = p + "/heading[1]"
                        if var para = doc.paragraph(doc.text(of: h), line: h.line, xpath: hp) {
                            para.heading = MarkupHeading(kind: kind, closedByMarkup: true,
                                                         number: c.attribute("number").flatMap { Int($0) }, sectionXPath: p)
                            add(para)
                            opened = true
                        }
                    }
                    walk(c, path: p, depth: depth + 1)
                    if opened { pendingCloses += 1 }
                }
            }
        }

        func indicators(_ node: xmlNodePtr, path: String) -> [Indicator] {
            let baseYear = node.attribute("base-year").flatMap { Int($0) }
            let targetYear = node.attribute("target-year").flatMap { Int($0) }
            let caption = node.child("caption").map { doc.text(of: $0).normalizedText }
            var out: [Indicator] = []
            var counter = PathCounter()
            for row in node.children where row.isElement {
                let p = counter.path(path, row.name)
                guard row.name == "indicator" else { continue }
                func field(_ name: String) -> (String, xmlNodePtr)? {
                    guard let e = row.child(name) else { return nil }
                    return (doc.text(of: e).normalizedText, e)
                }
                guard let (name, nameNode) = field("name"), !name.isEmpty else { continue }
                let unitText = field("unit").map(\.0).flatMap { $0.isEmpty ? nil : $0 }
                let unit = unitText.flatMap { Unit.named($0.trimmingBrackets) }
                func value(_ f: String, year: Int?, role: IndicatorValueRole) -> IndicatorValue? {
                    guard let (t, e) = field(f), !t.isEmpty else { return nil }
                    let y = e.attribute("year").flatMap { Int($0) } ?? year
                    guard var v = IndicatorValue.read(t, unit: unit, unitText: unitText?.trimmingBrackets, year: y, role: role) else { return nil }
                    if e.attribute("cumulative") == "true" {
                        v.cumulative = true
                        v.quantity?.annual = false
                    }
                    return v
                }
                let nameRun = doc.text(of: nameNode)
                out.append(Indicator(
                    name: name, category: row.attribute("category"), unitText: unitText, unit: unit,
                    base: value("base", year: baseYear, role: .level), target: value("target", year: targetYear, role: .level),
                    growth: value("growth", year: nil, role: .growth),
                    attribute: row.attribute("attribute").flatMap(IndicatorAttribute.init(rawValue:)),
                    line: row.line, column: nameRun.column(in: doc.source), xpath: p, table: caption))
            }
            return out
        }

        func table(_ node: xmlNodePtr, path: String) -> RawTable {
            var t = RawTable(line: node.line, xpath: path)
            var counter = PathCounter()
            for row in node.children where row.isElement {
                let rp = counter.path(path, row.name)
                if row.name == "caption" { t.caption = doc.text(of: row); continue }
                guard row.name == "row" else { continue }
                var cells: [RawTable.Cell] = []
                var cc = PathCounter()
                for cell in row.children where cell.isElement {
                    let cp = cc.path(rp, cell.name)
                    cells.append(RawTable.Cell(run: doc.text(of: cell), line: cell.line, xpath: cp,
                                               colspan: cell.attribute("colspan").flatMap { Int($0) } ?? 1,
                                               rowspan: cell.attribute("rowspan").flatMap { Int($0) } ?? 1))
                }
                t.rows.append(cells)
                t.rowXPaths.append(rp)
            }
            return t
        }
    }

    // MARK: Any other XML

    static func mappedInput(_ tree: XMLTree, bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> BuildInput {
        let m = options.xmlMapping ?? XMLMapping()
        func select(_ e: String, what: LocalizedText) throws(ReadError) -> [xmlNodePtr] {
            do { return try LibXML.select(e, in: tree, namespaces: m.namespaces) } catch {
                throw ReadError(file: file, message: LocalizedText(en: "XPath for \(what.en) \(error.expression): \(error.message)",
                                                                  zh: "\(what.zh)的 XPath \(error.expression) 有误：“\(error.message)”"))
            }
        }
        var headingLevel: [UnsafeMutableRawPointer: Int] = [:]
        for (k, e) in m.headings.enumerated() {
            for n in try select(e, what: LocalizedText(en: "headings", zh: "标题")) where headingLevel[UnsafeMutableRawPointer(n)] == nil {
                headingLevel[UnsafeMutableRawPointer(n)] = k + 1
            }
        }
        var paragraphNodes = Set<UnsafeMutableRawPointer>()
        for e in m.paragraphs { for n in try select(e, what: LocalizedText(en: "paragraphs", zh: "段落")) { paragraphNodes.insert(UnsafeMutableRawPointer(n)) } }
        var tableNodes = Set<UnsafeMutableRawPointer>()
        for e in m.tables { for n in try select(e, what: LocalizedText(en: "tables", zh: "表格")) { tableNodes.insert(UnsafeMutableRawPointer(n)) } }
        var noiseNodes = Set<UnsafeMutableRawPointer>()
        for e in m.noise { for n in try select(e, what: LocalizedText(en: "noise", zh: "干扰内容")) { noiseNodes.insert(UnsafeMutableRawPointer(n)) } }
        let titleNode = try m.title.map { e throws(ReadError) in try select(e, what: LocalizedText(en: "title", zh: "文件标题")).first }.flatMap { $0 }

        // Relative row and cell expressions are checked once, up front, so a typo fails clearly.
        for (e, what) in [(m.rows, LocalizedText(en: "rows", zh: "表格行")), (m.cells, LocalizedText(en: "cells", zh: "单元格"))] {
            if let e { _ = try select("(" + e + ")[false()]", what: what) }
        }

        let doc = MarkupDocument(tree: tree, bytes: bytes, file: file, html: false)
        var paragraphs: [Paragraph] = []
        var title: String?
        let leafMode = m.paragraphs.isEmpty

        func rows(of table: xmlNodePtr) -> [xmlNodePtr] {
            if let e = m.rows { return (try? LibXML.select(e, in: tree, from: table, namespaces: m.namespaces)) ?? [] }
            return table.elementChildren
        }
        func cells(of row: xmlNodePtr) -> [xmlNodePtr] {
            if let e = m.cells { return (try? LibXML.select(e, in: tree, from: row, namespaces: m.namespaces)) ?? [] }
            return row.elementChildren
        }
        var namer = XPathNamer()
        func hasOwnText(_ n: xmlNodePtr) -> Bool {
            n.children.contains { $0.isText && !doc.run(of: $0).isBlank }
        }
        func visit(_ n: xmlNodePtr, _ path: String, depth: Int) {
            guard depth < MarkupDocument.maxDepth else { return }
            let key = UnsafeMutableRawPointer(n)
            if let t = titleNode, t == n {
                let text = doc.text(of: n).normalizedText
                if !text.isEmpty { title = text }
                return
            }
            if noiseNodes.contains(key) {
                if var p = doc.paragraph(doc.text(of: n), line: n.line, xpath: path) {
                    p.noise = NoiseMark(reason: .pageFurniture, detail: "noise in the XML mapping", partial: nil,
                                        chineseDetail: "XML 映射指定为干扰内容")
                    paragraphs.append(p)
                }
                return
            }
            if let level = headingLevel[key] {
                if var p = doc.paragraph(doc.text(of: n), line: n.line, xpath: path) {
                    p.heading = MarkupHeading(kind: nil, level: level)
                    paragraphs.append(p)
                }
                return
            }
            if tableNodes.contains(key) {
                var t = RawTable(line: n.line, xpath: path)
                for row in rows(of: n) {
                    let rp = namer.path(of: row)
                    var cs: [RawTable.Cell] = []
                    for cell in cells(of: row) {
                        cs.append(RawTable.Cell(run: doc.text(of: cell), line: cell.line, xpath: namer.path(of: cell),
                                                colspan: cell.attribute("colspan").flatMap { Int($0) } ?? 1,
                                                rowspan: cell.attribute("rowspan").flatMap { Int($0) } ?? 1))
                    }
                    t.rows.append(cs)
                    t.rowXPaths.append(rp)
                }
                paragraphs.append(contentsOf: t.paragraphs(doc))
                return
            }
            if paragraphNodes.contains(key) || (leafMode && hasOwnText(n)) {
                if let p = doc.paragraph(doc.text(of: n), line: n.line, xpath: path) { paragraphs.append(p) }
                return
            }
            var counter = PathCounter()
            for c in n.children where c.isElement { visit(c, counter.path(path, c.qualifiedName), depth: depth + 1) }
        }
        let root = tree.root!
        visit(root, "/" + root.qualifiedName, depth: 0)

        var input = BuildInput(source: doc.source, paragraphs: paragraphs, format: .xml)
        input.title = title
        input.xpathScopes = try XPathScopes.resolve(options.xpathScopes, in: tree, namespaces: m.namespaces, file: file)
        return input
    }
}
