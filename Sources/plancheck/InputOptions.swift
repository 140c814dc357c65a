import ArgumentParser
import DocumentModel

/// How plan files are read: the options every command that reads plans shares.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse plan files larger than this many bytes.", valueName: "bytes"))
    var maxBytes: Int = ReadOptions().maxBytes

    @Option(help: ArgumentHelp("Read every file as this format instead of guessing from its extension: text, plan-xml, xml, html, docx.",
                               valueName: "format"))
    var inputFormat: InputFormat?

    @Option(help: ArgumentHelp("For XML that is not plan XML: a JSON file mapping headings, paragraphs and tables to XPath expressions (docs/plan-xml.md).",
                               valueName: "file"))
    var xmlMap: String?

    @Option(help: ArgumentHelp("For other XML: an XPath selecting headings; repeat it for each level, outermost first.", valueName: "xpath"))
    var xpathHeadings: [String] = []

    @Option(help: ArgumentHelp("For other XML: an XPath selecting paragraphs of body text (repeatable).", valueName: "xpath"))
    var xpathParagraphs: [String] = []

    @Option(help: ArgumentHelp("For other XML: an XPath selecting tables; their element children are rows, and theirs cells (repeatable).",
                               valueName: "xpath"))
    var xpathTables: [String] = []

    @Option(help: ArgumentHelp("For other XML: an XPath selecting the document's title.", valueName: "xpath"))
    var xpathTitle: String?

    @Option(help: ArgumentHelp("A namespace prefix the XPath options use, as prefix=uri (repeatable).", valueName: "prefix=uri"))
    var xmlNamespace: [String] = []

    func check() throws {
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be a positive number of bytes") }
        // Offsets, sentence numbers and counts in a plan are kept in 32 bits (the reader's maps, the engine's tables).
        if maxBytes > Int(Int32.max) { throw ValidationError("--max-bytes can be at most \(Int32.max) bytes (2 GiB)") }
        for ns in xmlNamespace where !ns.contains("=") || ns.hasPrefix("=") {
            throw ValidationError("--xml-namespace takes prefix=uri, e.g. d=urn:example:doc (got \(ns))")
        }
    }

    /// The reader's options; a mapping file is read here, and the command-line expressions added to it.
    func readOptions() throws -> ReadOptions {
        var options = ReadOptions(maxBytes: maxBytes, format: inputFormat)
        var mapping: XMLMapping?
        if let xmlMap {
            do { mapping = try XMLMapping.load(path: xmlMap) } catch { throw InputError(error.description) }
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
