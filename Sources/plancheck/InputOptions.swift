import ArgumentParser
import DocumentModel

/// How plan files are read: the options every command that reads plans shares.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(say("Refuse plan files larger than this many bytes.", "拒绝大于这么多字节的规划文件。"), valueName: "bytes"))
    var maxBytes: Int = ReadOptions().maxBytes

    @Option(help: ArgumentHelp(say("Read every file as this format instead of guessing from its extension: text, plan-xml, xml, html, docx.", "把每个文件都按这种格式读取，不按扩展名判断：text、plan-xml、xml、html、docx。"),
                               valueName: "format"))
    var inputFormat: InputFormat?

    @Option(help: ArgumentHelp(say("For XML that is not plan XML: a JSON file mapping headings, paragraphs and tables to XPath expressions (docs/plan-xml.md).", "用于不是 plan XML 的 XML：一个把标题、段落和表格对应到 XPath 表达式的 JSON 文件（docs/plan-xml.md）。"),
                               valueName: "file"))
    var xmlMap: String?

    @Option(help: ArgumentHelp(say("For other XML: an XPath selecting headings; repeat it for each level, outermost first.", "用于其他 XML：选取标题的 XPath；每一级重复一次，从最外层开始。"), valueName: "xpath"))
    var xpathHeadings: [String] = []

    @Option(help: ArgumentHelp(say("For other XML: an XPath selecting paragraphs of body text (repeatable).", "用于其他 XML：选取正文段落的 XPath（可重复）。"), valueName: "xpath"))
    var xpathParagraphs: [String] = []

    @Option(help: ArgumentHelp(say("For other XML: an XPath selecting tables; their element children are rows, and theirs cells (repeatable).", "用于其他 XML：选取表格的 XPath；表格的子元素是行，行的子元素是单元格（可重复）。"),
                               valueName: "xpath"))
    var xpathTables: [String] = []

    @Option(help: ArgumentHelp(say("For other XML: an XPath selecting the document's title.", "用于其他 XML：选取文件标题的 XPath。"), valueName: "xpath"))
    var xpathTitle: String?

    @Option(help: ArgumentHelp(say("A namespace prefix the XPath options use, as prefix=uri (repeatable).", "XPath 选项使用的命名空间前缀，写作 prefix=uri（可重复）。"), valueName: "prefix=uri"))
    var xmlNamespace: [String] = []

    func check() throws {
        if maxBytes <= 0 { throw ValidationError(say("--max-bytes must be a positive number of bytes", "--max-bytes 必须是正的字节数")) }
        // Offsets, sentence numbers and counts in a plan are kept in 32 bits (the reader's maps, the engine's tables).
        if maxBytes > Int(Int32.max) { throw ValidationError(say("--max-bytes can be at most \(Int32.max) bytes (2 GiB)", "--max-bytes 最多为 \(Int32.max) 字节（2 GiB）")) }
        for ns in xmlNamespace where !ns.contains("=") || ns.hasPrefix("=") {
            throw ValidationError(say("--xml-namespace takes prefix=uri, e.g. d=urn:example:doc (got \(ns))", "--xml-namespace 要写作 prefix=uri，如 d=urn:example:doc（实际为 \(ns)）"))
        }
    }

    /// The reader's options; a mapping file is read here, and the command-line expressions added to it.
    func readOptions() throws -> ReadOptions {
        var options = ReadOptions(maxBytes: maxBytes, format: inputFormat)
        var mapping: XMLMapping?
        if let xmlMap {
            do { mapping = try XMLMapping.load(path: xmlMap) } catch { throw InputError(error) }
        }
        let flags = !xpathHeadings.isEmpty || !xpathParagraphs.isEmpty || !xpathTables.isEmpty || xpathTitle != nil || !xmlNamespace.isEmpty
        if flags {
            var m = mapping ?? XMLMapping()
            if !xpathHeadings.isEmpty { m.headings = xpathHeadings }
            if !xpathParagraphs.isEmpty { m.paragraphs = xpathParagraphs }
            if !xpathTables.isEmpty { m.tables = xpathTables }
            if let xpathTitle { m.title = xpathTitle }
            for ns in xmlNamespace {
                let parts = ns.split(separator: "=", maxSplits: 1).map(String.init)
                m.namespaces[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            mapping = m
        }
        options.xmlMapping = mapping
        return options
    }
}

extension InputFormat: ExpressibleByArgument {}
