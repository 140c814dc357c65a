import CLibXML2

/// Reads a plan published as a web page, with libxml2's HTML parser (no network, no error output).
///
/// Headings come from `h1`–`h6` and from heading-like text (`第一章 …` in a `<p>`); paragraphs from `p`,
/// `div`, `li` and the like, split at `<br>`; data tables become cells or indicators; navigation and page
/// furniture (`nav`, `header`, `footer`, `aside`, `script`, `style`, elements whose class or id says nav,
/// menu, footer, breadcrumb…) are kept as noise with the reason, and the text noise detector still finds
/// the boilerplate it knows (发布日期, 打印本页, 上一篇…).
enum HTMLPlanReader {
    static func read(bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> PlanDocument {
        // The tree and the node positions are freed before the plan is built: with the exact-size arrays, the peak
        // for 12 MB of plan XML went from 316 to 278 MB.
        var builder = PlanBuilder(try input(bytes: bytes, file: file, options: options))
        return builder.build()
    }

    static func input(bytes: [UInt8], file: String, options: ReadOptions) throws(ReadError) -> BuildInput {
        let tree: XMLTree
        let doc: MarkupDocument
        if declaresCharset(bytes) {
            tree = try LibXML.parseHTML(bytes, file: file)
            doc = MarkupDocument(tree: tree, bytes: bytes, file: file, html: true)
        } else {
            // A page that names no charset is read in the encoding its bytes are in, found as for a text plan,
            // and refused at the first bad byte when they are in none. Left to itself, libxml2 reads the rest of
            // the page as Latin-1 from the first byte that is not UTF-8: a GBK page, or a UTF-8 page with one
            // stray byte, came out as mojibake with no warning.
            let source = try SourceText(bytes: bytes, file: file)
            tree = try LibXML.parseHTML(bytes, file: file, encoding: source.encoding.libxmlName)
            doc = MarkupDocument(tree: tree, source: source, file: file, html: true)
        }
        var walker = HTMLWalker(doc: doc)
        let root = tree.root!
        walker.pageTitle(root)
        let body = root.children.first { $0.isElement && $0.lowerName == "body" } ?? root
        let bodyPath = body == root ? "/" + root.lowerName : "/" + root.lowerName + "/body[1]"
        walker.block(body, path: bodyPath, depth: 0)
        walker.flush()
        var input = BuildInput(source: doc.source, paragraphs: walker.paragraphs, format: .html)
        input.title = walker.markupTitle
        input.fallbackTitle = walker.htmlTitle
        input.xpathScopes = try XPathScopes.resolve(options.xpathScopes, in: tree, namespaces: [:], file: file, lowercaseNames: true)
        return input
    }
}

extension HTMLPlanReader {
    /// Whether the page says what it is encoded in: a byte-order mark, or `charset=` (in a `<meta charset>`
    /// or a `Content-Type` `<meta>`) or an XML declaration's `encoding=` within the first 1,024 bytes, where
    /// HTML says a browser looks for it.
    static func declaresCharset(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        let head = bytes.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for word in ["charset", "encoding"] {
            let w = Array(word.utf8)
            var i = head.startIndex
            while i + w.count <= head.endIndex {
                if head[i ..< i + w.count].elementsEqual(w) {
                    var j = i + w.count
                    while j < head.endIndex && (head[j] == 0x20 || head[j] == 0x09) { j += 1 }
                    if j < head.endIndex && head[j] == UInt8(ascii: "=") { return true }
                }
                i += 1
            }
        }
        return false
    }
}

extension TextEncoding {
    /// The name libxml2 knows the encoding by.
    var libxmlName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .gb18030: "GB18030"
        }
    }
}

/// Walks an HTML tree, gathering inline text into paragraphs.
struct HTMLWalker {
    let doc: MarkupDocument
    var paragraphs: [Paragraph] = []
    /// The page's `<title>`, used only when the page states no other.
    var htmlTitle: String?
    /// An `h1` before anything else that is not a numbered heading: the document's title.
    var markupTitle: String?
    /// Inline text not yet made a paragraph, with the block that holds it.
    var current = TextRun()
    var currentPath = ""
    var currentLine = 0
    var inTable = 0
    /// Inside `pre`, line breaks end paragraphs (a plan published as preformatted text).
    var inPre = 0

    init(doc: MarkupDocument) { self.doc = doc }

    /// How many paragraphs from the first are known to be noise. Asked afresh for each numbered h1, the
    /// question scanned them all: 30,000 navigation blocks then 30,000 h1 took 3.5 s.
    private var noiseBefore = 0

    /// Whether any paragraph so far is not noise (paragraphs are only added, never changed).
    mutating func hasText() -> Bool {
        while noiseBefore < paragraphs.count, paragraphs[noiseBefore].noise != nil { noiseBefore += 1 }
        return noiseBefore < paragraphs.count
    }

    static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section", "article", "main", "center",
        "address", "figure", "figcaption", "hr", "body", "html", "form", "fieldset", "details", "summary", "tr", "td", "th",
        "tbody", "thead", "tfoot", "caption", "table",
    ]
    static let headings: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]
    /// Elements that are never plan text.
    static let furniture: Set<String> = ["nav", "aside", "script", "style", "noscript", "template", "iframe", "select",
                                         "button", "menu", "object", "svg", "canvas", "head"]
    /// Words in a class or id that mark page furniture.
    static let furnitureWords: Set<String> = ["nav", "navbar", "navigation", "menu", "menubar", "footer", "header", "breadcrumb",
                                              "breadcrumbs", "crumb", "crumbs", "sidebar", "share", "copyright", "toolbar",
                                              "banner", "topbar", "skip", "sitemap", "bdsharebuttonbox"]

    mutating func pageTitle(_ root: xmlNodePtr) {
        guard let head = root.children.first(where: { $0.isElement && $0.lowerName == "head" }),
              let t = head.children.first(where: { $0.isElement && $0.lowerName == "title" }) else { return }
        let text = doc.text(of: t).normalizedText
        if !text.isEmpty { htmlTitle = text }
    }

    /// Why an element is page furniture, or nil when it may hold plan text.
    func furnitureReason(_ n: xmlNodePtr, inArticle: Bool) -> String? {
        let name = n.lowerName
        if HTMLWalker.furniture.contains(name) { return name }
        // An article's own header and footer hold its title and notes, not the site's.
        if (name == "header" || name == "footer") && !inArticle { return name }
        for attr in ["class", "id", "role"] {
            guard let v = n.attribute(attr) else { continue }
            for w in HTMLWalker.words(v) where HTMLWalker.furnitureWords.contains(w) || (attr == "role" && w == "navigation") {
                return "\(attr)=\(v)"
            }
        }
        return nil
    }

    /// `site-footer mainNav` → site, footer, main, nav.
    static func words(_ v: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var prevLower = false
        for c in v {
            if c.isLetter && c.isASCII {
                if c.isUppercase && prevLower && !cur.isEmpty { out.append(cur.lowercased()); cur = "" }
                cur.append(c)
                prevLower = c.isLowercase
            } else {
                if !cur.isEmpty { out.append(cur.lowercased()); cur = "" }
                prevLower = false
            }
        }
        if !cur.isEmpty { out.append(cur.lowercased()) }
        return out
    }

    mutating func flush() {
        defer { current = TextRun() }
        guard var p = doc.paragraph(current, line: currentLine, xpath: currentPath) else { return }
        if inTable > 0 { p.headingText = false; p.noiseCheck = false }
        paragraphs.append(p)
    }

    /// Walks a block element: its inline content becomes paragraphs, its block children are walked in turn.
    mutating func block(_ n: xmlNodePtr, path: String, depth: Int, inArticle: Bool = false) {
        guard depth < MarkupDocument.maxDepth else { return }
        flush()
        currentPath = path
        currentLine = n.line
        let article = inArticle || ["article", "main"].contains(n.lowerName)
        let pre = n.lowerName == "pre"
        if pre { inPre += 1 }
        defer { if pre { inPre -= 1 } }
        var counter = PathCounter()
        for c in n.children {
            if c.isText {
                text(c, blockPath: path)
                continue
            }
            guard c.isElement else { continue }
            let name = c.lowerName
            let p = counter.path(path, name)
            if let why = furnitureReason(c, inArticle: article) {
                flush()
                furniture(c, path: p, reason: why)
                continue
            }
            if let level = HTMLWalker.headings[name] {
                flush()
                heading(c, level: level, path: p, depth: depth + 1)
                continue
            }
            if name == "br" {
                flush()
                continue
            }
            if name == "table", isDataTable(c) {
                flush()
                table(c, path: p, depth: depth + 1)
                continue
            }
            if HTMLWalker.blocks.contains(name) {
                block(c, path: p, depth: depth + 1, inArticle: article)
                currentPath = path
                currentLine = c.line
                continue
            }
            inline(c, path: p, blockPath: path, depth: depth + 1, inArticle: article)
        }
        flush()
    }

    /// A text node joins the paragraph under way; in `pre`, each line break ends it.
    mutating func text(_ c: xmlNodePtr, blockPath: String) {
        if current.scalars.isEmpty { currentPath = blockPath; currentLine = c.line }
        let run = doc.run(of: c)
        guard inPre > 0, run.scalars.contains("\n") else { current.append(run); return }
        var start = 0
        for (i, ch) in run.scalars.enumerated() where ch == "\n" {
            current.append(TextRun(scalars: Array(run.scalars[start..<i]), positions: run.positions.slice(start..<i)))
            flush()
            currentPath = blockPath
            start = i + 1
        }
        current.append(TextRun(scalars: Array(run.scalars[start...]), positions: run.positions.slice(start..<run.positions.count)))
    }

    /// Inline markup (`span`, `a`, `strong`…) adds its text to the paragraph under way.
    mutating func inline(_ n: xmlNodePtr, path: String, blockPath: String, depth: Int, inArticle: Bool) {
        guard depth < MarkupDocument.maxDepth else { return }
        var counter = PathCounter()
        for c in n.children {
            if c.isText {
                text(c, blockPath: blockPath)
                continue
            }
            guard c.isElement else { continue }
            let name = c.lowerName
            let p = counter.path(path, name)
            if let why = furnitureReason(c, inArticle: inArticle) { flush(); furniture(c, path: p, reason: why); continue }
            if name == "br" { flush(); continue }
            if let level = HTMLWalker.headings[name] { flush(); heading(c, level: level, path: p, depth: depth + 1); continue }
            if HTMLWalker.blocks.contains(name) {
                // A block inside inline markup (broken HTML the parser kept): walk it as a block.
                if name == "table", isDataTable(c) { flush(); table(c, path: p, depth: depth + 1); continue }
                block(c, path: p, depth: depth + 1, inArticle: inArticle)
                currentPath = blockPath
                continue
            }
            inline(c, path: p, blockPath: blockPath, depth: depth + 1, inArticle: inArticle)
        }
    }

    mutating func heading(_ n: xmlNodePtr, level: Int, path: String, depth: Int) {
        let run = doc.text(of: n, depth: depth)
        guard var p = doc.paragraph(run, line: n.line, xpath: path) else { return }
        // The page's first h1, before any text, is the document's title unless it is numbered like a heading.
        if level == 1, markupTitle == nil, !hasText(),
           HeadingRecognizer.recognize(p.text) == nil {
            markupTitle = p.text.text
            return
        }
        p.heading = MarkupHeading(kind: nil, level: level)
        paragraphs.append(p)
    }

    mutating func furniture(_ n: xmlNodePtr, path: String, reason: String) {
        var run = doc.text(of: n)
        // Code is kept short: it is shown only to say what was set aside.
        if ["script", "style", "svg", "template"].contains(n.lowerName), run.scalars.count > 200 {
            run.scalars = Array(run.scalars.prefix(200))
            run.positions = run.positions.prefix(200)
        }
        guard var p = doc.paragraph(run, line: n.line, xpath: path) else { return }
        p.noise = NoiseMark(reason: .pageFurniture, detail: reason, partial: nil)
        p.headingText = false
        paragraphs.append(p)
    }

    /// A table of data rather than layout: no cell holds paragraphs, headings, lists or another table.
    func isDataTable(_ t: xmlNodePtr) -> Bool {
        var stack: [(xmlNodePtr, Int)] = [(t, 0)]
        var seen = 0
        while let (n, d) = stack.popLast() {
            seen += 1
            if seen > 20_000 || d > 64 { return false }
            for c in n.children where c.isElement {
                let name = c.lowerName
                if ["p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "article", "section"].contains(name) { return false }
                if name == "table" { return false }
                stack.append((c, d + 1))
            }
        }
        return true
    }

    mutating func table(_ t: xmlNodePtr, path: String, depth: Int) {
        var raw = RawTable(line: t.line, xpath: path)
        inTable += 1
        defer { inTable -= 1 }
        // Rows under the table or its row groups; never those of a nested table.
        func rows(_ n: xmlNodePtr, _ p: String, _ out: inout [(xmlNodePtr, String)]) {
            var counter = PathCounter()
            for c in n.children where c.isElement {
                let name = c.lowerName
                let cp = counter.path(p, name)
                if name == "tr" { out.append((c, cp)) } else if ["thead", "tbody", "tfoot"].contains(name) { rows(c, cp, &out) }
                else if name == "caption" { raw.caption = doc.text(of: c) }
            }
        }
        var found: [(xmlNodePtr, String)] = []
        rows(t, path, &found)
        func cellNodes(_ tr: xmlNodePtr) -> [xmlNodePtr] { tr.children.filter { $0.isElement && ["td", "th"].contains($0.lowerName) } }
        // A one-column table is a frame (a 专栏 box): its text is read as ordinary paragraphs.
        if found.allSatisfy({ cellNodes($0.0).count <= 1 }) {
            inTable -= 1
            defer { inTable += 1 }
            for (tr, rp) in found {
                var counter = PathCounter()
                for c in tr.children where c.isElement {
                    let cp = counter.path(rp, c.lowerName)
                    if ["td", "th"].contains(c.lowerName) { block(c, path: cp, depth: depth + 2) }
                }
            }
            return
        }
        for (tr, rp) in found {
            var cells: [RawTable.Cell] = []
            var counter = PathCounter()
            for c in tr.children where c.isElement {
                let name = c.lowerName
                let cp = counter.path(rp, name)
                guard name == "td" || name == "th" else { continue }
                var run = TextRun()
                cellText(c, depth: depth + 2, into: &run)
                cells.append(RawTable.Cell(run: run, line: c.line, xpath: cp,
                                           colspan: c.attribute("colspan").flatMap { Int($0.filter { !$0.isWhitespace }) } ?? 1,
                                           rowspan: c.attribute("rowspan").flatMap { Int($0.filter { !$0.isWhitespace }) } ?? 1))
            }
            raw.rows.append(cells)
            raw.rowXPaths.append(rp)
        }
        paragraphs.append(contentsOf: raw.paragraphs(doc))
    }

    /// A cell's text; `<br>` reads as a space.
    func cellText(_ n: xmlNodePtr, depth: Int, into run: inout TextRun) {
        guard depth < MarkupDocument.maxDepth else { return }
        for c in n.children {
            if c.isText { run.append(doc.run(of: c)) }
            else if c.isElement {
                if c.lowerName == "br" { run.append(" ") }
                else if !HTMLWalker.furniture.contains(c.lowerName) { cellText(c, depth: depth + 1, into: &run) }
            }
        }
    }
}
