import CLibXML2
import Localization

// The only code that touches libxml2. Every pointer it gets is freed on every path: documents by
// `XMLTree.deinit`, parser, XPath and RELAX NG contexts by `defer` right where they are made. Nodes are
// borrowed from their tree and never outlive it (a `XMLTree` is kept alive by whoever walks it).
//
// Parsing is safe by construction: only NONET | NOERROR | NOWARNING | BIG_LINES (never NOENT, DTDLOAD,
// DTDATTR, XINCLUDE or HUGE), and an external-entity loader that refuses everything, so an entity that
// names a file or URL is never read even if an option slipped. With these options libxml2 does not
// expand entities into the tree and refuses entity loops and amplification (billion laughs) at once.

/// One problem libxml2 reported: where, and its own words.
struct LibXMLIssue: Sendable, Equatable {
    var line: Int?
    var column: Int?
    var message: String
    /// libxml2's error code (e.g. 89: entity reference loop).
    var code: Int
    /// Whether libxml2 gave up on the document there (a fatal error).
    var fatal = false
    /// The message in Chinese, for plancheck's own (nil for libxml2's, which stays its English, quoted).
    var chinese: String? = nil

    /// The message in every language: libxml2's own English quoted after a Chinese lead-in.
    var text: LocalizedText { LocalizedText(en: message, zh: chinese ?? "“\(message)”") }
}

/// A parsed XML or HTML document; owns the libxml2 tree and frees it.
final class XMLTree {
    let doc: xmlDocPtr

    fileprivate init(_ doc: xmlDocPtr) { self.doc = doc }

    deinit { xmlFreeDoc(doc) }

    var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// Every node in document order, without recursion (a deep tree cannot overflow the stack); never into
    /// entity references, whose children belong to the DTD.
    func forEachNode(_ body: (xmlNodePtr) -> Void) {
        var node: xmlNodePtr? = doc.pointee.children
        let top = UnsafeMutableRawPointer(doc)
        while let n = node {
            body(n)
            if n.isElement, let c = n.pointee.children {
                node = c
                continue
            }
            var cur: xmlNodePtr? = n
            node = nil
            while let c = cur {
                if let next = c.pointee.next { node = next; break }
                guard let p = c.pointee.parent, UnsafeMutableRawPointer(p) != top else { break }
                cur = p
            }
        }
    }
}

/// libxml2 with the project's safe settings.
enum LibXML {
    /// Once per process: initialise the library and install the loader that refuses every external entity.
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// The only options plancheck parses XML with (see the file's header).
    static let xmlOptions: Int32 = {
        let o = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue
        return Int32(bitPattern: o)
    }()

    /// The HTML parser's options: no network, no error printing (it recovers from broken markup anyway).
    static let htmlOptions: Int32 = {
        let o = HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        return Int32(bitPattern: o)
    }()

    /// Collects libxml2's structured errors while a parse or validation runs (state through `Unmanaged`).
    final class IssueCollector {
        var issues: [LibXMLIssue] = []
        /// Past this many, further issues are counted but not kept (a broken file can report thousands).
        let keep = 50
        var dropped = 0

        func add(_ e: xmlErrorPtr?) {
            guard let e else { return }
            // Warnings are not failures; only errors and fatal errors are kept.
            guard e.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            if issues.count >= keep { dropped += 1; return }
            var msg = e.pointee.message.map { String(cString: $0) } ?? "unknown error"
            while msg.last == "\n" || msg.last == " " { msg.removeLast() }
            let line = e.pointee.line > 0 ? Int(e.pointee.line) : nil
            // int2 is the column for parser errors; 0 when unknown.
            let column = e.pointee.domain == Int32(XML_FROM_PARSER.rawValue) || e.pointee.domain == Int32(XML_FROM_HTML.rawValue)
                ? (e.pointee.int2 > 0 ? Int(e.pointee.int2) : nil) : nil
            issues.append(LibXMLIssue(line: line, column: column, message: msg, code: Int(e.pointee.code),
                                      fatal: e.pointee.level == XML_ERR_FATAL))
        }
    }

    /// Runs `body` with a structured error handler installed for this thread, removed afterwards.
    static func collectingIssues<T>(_ body: (IssueCollector, UnsafeMutableRawPointer) throws -> T) rethrows -> (T, IssueCollector) {
        _ = setUp
        let collector = IssueCollector()
        let ctx = Unmanaged.passRetained(collector)
        defer { ctx.release() }
        let raw = ctx.toOpaque()
        xmlSetStructuredErrorFunc(raw) { user, error in
            guard let user else { return }
            Unmanaged<IssueCollector>.fromOpaque(user).takeUnretainedValue().add(error)
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let result = try body(collector, raw)
        return (result, collector)
    }

    /// Parses XML bytes; on failure, the first error libxml2 gave, with its line and column.
    static func parseXML(_ bytes: [UInt8], file: String) throws(ReadError) -> XMLTree {
        guard bytes.count < Int(Int32.max) else {
            throw ReadError(file: file, message: LocalizedText(en: "too large to parse as XML", zh: "文件过大，无法按 XML 解析"))
        }
        guard !bytes.isEmpty else {
            throw ReadError(file: file, message: LocalizedText(en: "XML error: empty file: no XML document", zh: "XML 错误：文件为空，没有 XML 文档"))
        }
        let (doc, issues) = collectingIssues { _, _ in
            bytes.withUnsafeBufferPointer { buf -> xmlDocPtr? in
                guard let base = buf.baseAddress, let ctxt = xmlNewParserCtxt() else { return nil }
                defer { xmlFreeParserCtxt(ctxt) }
                return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    xmlCtxtReadMemory(ctxt, p, Int32(buf.count), nil, nil, xmlOptions)
                }
            }
        }
        guard let doc else {
            throw error(issues.issues.first, file: file, fallback: LocalizedText(en: "not well-formed XML", zh: "不是格式良好的 XML"))
        }
        let tree = XMLTree(doc)
        // A document libxml2 could build but with errors (it does not recover here, so this is rare): refuse.
        if let first = issues.issues.first { throw error(first, file: file, fallback: LocalizedText("")) }
        guard tree.root != nil else { throw ReadError(file: file, message: LocalizedText(en: "XML error: no root element", zh: "XML 错误：没有根元素")) }
        try checkEntityExpansion(tree, fileBytes: bytes.count, file: file)
        return tree
    }

    /// The readers spell out references to internal entities (`MarkupDocument.entityText`), which libxml2
    /// leaves unexpanded: past the file's own size plus this many bytes, the document is refused.
    static let entityExpansionAllowance = 1 << 20

    /// Refuses a document whose entity references would expand far past its own size: 100,000 references
    /// to a 4 KB entity in 450 KB of XML made 400 million characters of text (118 s, gigabytes).
    static func checkEntityExpansion(_ tree: XMLTree, fileBytes: Int, file: String) throws(ReadError) {
        // Without a DTD there are no entities to refer to (an undeclared one is a well-formedness error).
        guard tree.doc.pointee.intSubset != nil || tree.doc.pointee.extSubset != nil else { return }
        let limit = fileBytes + entityExpansionAllowance
        var total = 0
        var refs = 0
        var first: xmlNodePtr?
        tree.forEachNode { n in
            guard first == nil, n.type == XML_ENTITY_REF_NODE, let name = n.pointee.name,
                  let ent = xmlGetDocEntity(tree.doc, name) else { return }
            refs += 1
            total += Int(ent.pointee.length)
            if total > limit { first = n }
        }
        guard let n = first else { return }
        let line = n.line > 0 ? n.line : n.parent.map(\.line)
        throw ReadError(file: file, line: line, message: LocalizedText(
            en: "XML error: entity references would spell out more than \(limit) "
                + "bytes of text (the file's \(fileBytes) plus \(entityExpansionAllowance)) by reference \(refs), &\(n.name);; "
                + "refused as an entity amplification (\"billion laughs\") file",
            zh: "XML 错误：到第 \(refs) 个实体引用 &\(n.name); 时，实体引用展开的文本将超过 \(limit) 字节"
                + "（文件本身的 \(fileBytes) 字节加 \(entityExpansionAllowance) 字节）；按实体膨胀（“billion laughs”）文件拒绝读取"))
    }

    /// Parses HTML bytes; libxml2's HTML parser recovers from broken markup, so only an empty page fails.
    /// `encoding`: the page's encoding as libxml2 names it, or nil to let the page's own declaration decide.
    static func parseHTML(_ bytes: [UInt8], file: String, encoding: String? = nil) throws(ReadError) -> XMLTree {
        guard bytes.count < Int(Int32.max) else {
            throw ReadError(file: file, message: LocalizedText(en: "too large to parse as HTML", zh: "文件过大，无法按 HTML 解析"))
        }
        let (doc, issues) = collectingIssues { _, _ in
            bytes.withUnsafeBufferPointer { buf -> htmlDocPtr? in
                guard let base = buf.baseAddress else { return nil }
                return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    htmlReadMemory(p, Int32(buf.count), nil, encoding, htmlOptions)
                }
            }
        }
        guard let doc else {
            throw ReadError(file: file, message: LocalizedText(en: "HTML error: no content (an empty page?)", zh: "HTML 错误：没有内容（是空页面吗？）"))
        }
        let tree = XMLTree(doc)
        // The HTML parser recovers from ordinary errors; a fatal one (nesting past 256 levels) means it
        // stopped reading there, and half a page must not pass for the whole.
        if let f = issues.issues.first(where: \.fatal) {
            throw ReadError(file: file, line: f.line, message: LocalizedText(en: "HTML error: \(f.message); the page was not read past this point",
                                                                          zh: "HTML 错误：\(f.text.zh)；页面在此处之后未被读取"))
        }
        guard tree.root != nil else { throw ReadError(file: file, message: LocalizedText(en: "HTML error: no root element", zh: "HTML 错误：没有根元素")) }
        // From a byte that is not UTF-8 in a page said to be UTF-8, libxml2 reads on as Latin-1: the rest of the
        // page would be mojibake, passed off as text.
        if let bad = issues.issues.first(where: { $0.code == Int(XML_ERR_INVALID_ENCODING.rawValue) }) {
            throw ReadError(file: file, line: bad.line, message: LocalizedText(
                en: "HTML error: the page is said to be UTF-8, but has a byte that is not "
                    + "UTF-8 here; save it as UTF-8, or declare the charset it is really in (<meta charset=\"gbk\">)",
                zh: "HTML 错误：页面声明为 UTF-8，但此处有一个不是 UTF-8 的字节；请另存为 UTF-8，"
                    + "或声明它实际使用的字符集（<meta charset=\"gbk\">）"))
        }
        return tree
    }

    static func error(_ issue: LibXMLIssue?, file: String, fallback: LocalizedText) -> ReadError {
        guard let issue else { return ReadError(file: file, message: LocalizedText(en: "XML error: ", zh: "XML 错误：") + fallback) }
        // Entity loops and amplification are reported at a place inside the entity's text, not the file's.
        if issue.code == Int(XML_ERR_ENTITY_LOOP.rawValue) {
            return ReadError(file: file, message: LocalizedText(
                en: "XML error: \(issue.message): refused an entity that expands into itself over and over (a \"billion laughs\" file)",
                zh: "XML 错误：\(issue.text.zh)：拒绝读取一个反复展开为自身的实体（“billion laughs”文件）"))
        }
        return ReadError(file: file, line: issue.line, column: issue.column,
                         message: LocalizedText(en: "XML error: ", zh: "XML 错误：") + issue.text)
    }

    // MARK: XPath

    /// The nodes an XPath expression selects, in document order; an error names the expression.
    static func select(_ expression: String, in tree: XMLTree, from node: xmlNodePtr? = nil,
                       namespaces: [String: String] = [:]) throws(XPathError) -> [xmlNodePtr] {
        let (result, issues) = collectingIssues { _, _ -> [xmlNodePtr]? in
            guard let ctx = xmlXPathNewContext(tree.doc) else { return nil }
            defer { xmlXPathFreeContext(ctx) }
            for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) { _ = xmlXPathRegisterNs(ctx, prefix, uri) }
            if let node { ctx.pointee.node = node }
            guard let obj = xmlXPathEvalExpression(expression, ctx) else { return nil }
            defer { xmlXPathFreeObject(obj) }
            guard obj.pointee.type == XPATH_NODESET else { return [] }
            guard let set = obj.pointee.nodesetval, set.pointee.nodeNr > 0, let tab = set.pointee.nodeTab else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { tab[$0] }
        }
        guard let result else {
            throw XPathError(expression: expression, message: issues.issues.first?.message ?? "invalid XPath expression")
        }
        return result
    }

    // MARK: RELAX NG

    /// Validates a document against a RELAX NG schema given as text; the problems found, each with its line.
    static func validate(_ tree: XMLTree, relaxNG schema: String) -> [LibXMLIssue] {
        let bytes = Array(schema.utf8)
        let (issues, collector) = collectingIssues { collector, raw -> [LibXMLIssue] in
            let handler: xmlStructuredErrorFunc = { user, error in
                guard let user else { return }
                Unmanaged<IssueCollector>.fromOpaque(user).takeUnretainedValue().add(error)
            }
            let parsed: xmlRelaxNGPtr? = bytes.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else { return nil }
                return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p -> xmlRelaxNGPtr? in
                    guard let pctxt = xmlRelaxNGNewMemParserCtxt(p, Int32(buf.count)) else { return nil }
                    defer { xmlRelaxNGFreeParserCtxt(pctxt) }
                    xmlRelaxNGSetParserStructuredErrors(pctxt, handler, raw)
                    return xmlRelaxNGParse(pctxt)
                }
            }
            guard let rng = parsed else {
                return [LibXMLIssue(line: nil, column: nil, message: "the bundled schema did not compile", code: -1, chinese: "内置的模式无法编译")]
            }
            defer { xmlRelaxNGFree(rng) }
            guard let vctxt = xmlRelaxNGNewValidCtxt(rng) else { return [] }
            defer { xmlRelaxNGFreeValidCtxt(vctxt) }
            xmlRelaxNGSetValidStructuredErrors(vctxt, handler, raw)
            let rc = xmlRelaxNGValidateDoc(vctxt, tree.doc)
            if rc != 0 && collector.issues.isEmpty {
                return [LibXMLIssue(line: nil, column: nil, message: "does not match the plan XML schema", code: Int(rc), chinese: "不符合规划 XML 模式")]
            }
            return []
        }
        return issues + collector.issues
    }
}

/// An XPath expression that libxml2 could not evaluate.
struct XPathError: Error, Sendable {
    var expression: String
    var message: String
}

// MARK: - Nodes

/// Read-only helpers over a borrowed libxml2 node.
extension UnsafeMutablePointer where Pointee == xmlNode {
    var type: xmlElementType { pointee.type }
    var isElement: Bool { pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointee.type == XML_TEXT_NODE || pointee.type == XML_CDATA_SECTION_NODE }

    /// The local name (without prefix).
    var name: String { pointee.name.map { String(cString: $0) } ?? "" }

    /// The local name in lower case (HTML tags).
    var lowerName: String { name.lowercased() }

    /// The namespace prefix as declared, if any.
    var prefix: String? { pointee.ns?.pointee.prefix.map { String(cString: $0) } }

    /// The namespace URI, if any.
    var namespaceURI: String? { pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// `prefix:name` or `name`: how the node appears in an XPath.
    var qualifiedName: String { prefix.map { $0 + ":" + name } ?? name }

    /// The 1-based line of the node's start tag (text nodes: where libxml2 saw them).
    var line: Int { Swift.max(Int(clibxml2_line(self)), 0) }

    var children: ChildSequence { ChildSequence(first: pointee.children) }

    var elementChildren: [xmlNodePtr] { children.filter(\.isElement) }

    var parent: xmlNodePtr? { pointee.parent }

    /// The raw content of a text or CDATA node.
    var textContent: String { pointee.content.map { String(cString: $0) } ?? "" }

    /// The same as scalars, decoded straight from libxml2's UTF-8: going through a String (a repairing decode,
    /// a count and a copy, for every text node, twice) was a tenth of reading plan XML.
    var contentScalars: [Unicode.Scalar] {
        guard let c = pointee.content else { return [] }
        let bytes = UnsafeBufferPointer(start: c, count: Int(xmlStrlen(c)))
        return UTF8Validation.decodeIfValid(bytes) ?? Array(textContent.unicodeScalars)
    }

    /// The attribute `name` (no namespace) or with namespace `uri`, if present.
    func attribute(_ name: String, namespace uri: String? = nil) -> String? {
        let v: UnsafeMutablePointer<xmlChar>?
        if let uri { v = xmlGetNsProp(self, name, uri) } else { v = xmlGetNoNsProp(self, name) }
        guard let v else { return nil }
        defer { clibxml2_free(v) }
        return String(cString: v)
    }

    /// Any attribute called `name` whatever its namespace (Word writes `w:val`).
    func anyAttribute(_ name: String) -> String? {
        var a = pointee.properties
        while let attr = a {
            if attr.pointee.name.map({ String(cString: $0) }) == name {
                let v = xmlNodeGetContent(UnsafeMutableRawPointer(attr).assumingMemoryBound(to: xmlNode.self))
                defer { if let v { clibxml2_free(v) } }
                return v.map { String(cString: $0) } ?? ""
            }
            a = attr.pointee.next
        }
        return nil
    }

    /// The first element child with local name `name`.
    func child(_ name: String) -> xmlNodePtr? { children.first { $0.isElement && $0.name == name } }
}

/// The children of a node, in order.
struct ChildSequence: Sequence {
    let first: xmlNodePtr?
    func makeIterator() -> AnyIterator<xmlNodePtr> {
        var next = first
        return AnyIterator {
            guard let n = next else { return nil }
            next = n.pointee.next
            return n
        }
    }
}
