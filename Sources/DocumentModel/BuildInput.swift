// What readers hand `PlanBuilder`: paragraphs (a text file's lines, or the paragraphs, headings and table
// cells of markup) with where their characters came from, and the document's facts besides them.

/// Where a paragraph's original characters are.
enum ParagraphSource {
    /// Line `Paragraph.line` of the source, character for character (text files).
    case line
    /// Characters gathered from markup (entities resolved, line breaks as spaces), with each one's scalar
    /// index in `SourceText.scalars`, or -1 where it could not be found.
    case markup(original: [Unicode.Scalar], positions: SourcePositions)
}

/// A heading the markup declares: `<chapter>`, `h2`, Word's `Heading 2`.
struct MarkupHeading {
    /// The kind the markup states, or nil when only a level is known.
    var kind: SectionKind?
    /// The markup's level, 1 for the outermost (`h1`, `Heading 1`); 0 when `kind` is given.
    var level: Int = 0
    /// Whether the markup's nesting closes the section (plan XML), rather than the next heading's rank.
    var closedByMarkup = false
    /// The number the markup gives (`number="3"`), over the one read from the text.
    var number: Int?
    /// The XPath of the element the section is (`/plan/part[1]`), when not the heading's own.
    var sectionXPath: String?
}

/// One block of text a reader hands the builder.
struct Paragraph {
    var text: NormalizedLine
    /// 1-based line in the source where it stands (the element's line for markup).
    var line: Int
    var source: ParagraphSource
    var xpath: String?
    var heading: MarkupHeading?
    /// Markup that says it is not plan text (`nav`, `footer`…): noise with this reason whatever it says.
    var noise: NoiseMark?
    /// Whether its text may be taken for a heading (`第一章 …` in a `<p>`); not in table cells or plan XML.
    var headingText = true
    /// Whether heuristic noise detection looks at it (not table cells).
    var noiseCheck = true
    /// How many markup sections end just before this paragraph.
    var closesBefore = 0
    /// Indicator rows of a table standing here (the paragraph itself is then empty).
    var indicators: [Indicator] = []

    init(text: NormalizedLine, line: Int, source: ParagraphSource, xpath: String? = nil) {
        self.text = text
        self.line = line
        self.source = source
        self.xpath = xpath
    }

    /// A paragraph of markup text: normalized with line breaks and tabs as spaces.
    init(markup original: [Unicode.Scalar], positions: SourcePositions, line: Int, xpath: String?) {
        let flat = original.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " as Unicode.Scalar : $0 }
        self.init(text: Normalizer.normalize(flat), line: line, source: .markup(original: flat, positions: positions), xpath: xpath)
    }

    /// An empty paragraph carrying a table's indicators.
    static func indicators(_ rows: [Indicator], line: Int, xpath: String?) -> Paragraph {
        var p = Paragraph(text: NormalizedLine(scalars: [], origin: []), line: line, source: .markup(original: [], positions: SourcePositions()), xpath: xpath)
        p.indicators = rows
        p.noiseCheck = false
        p.headingText = false
        return p
    }
}

/// What a reader gives the builder besides the paragraphs.
struct BuildInput {
    /// The file as read, which spans point into.
    var source: SourceText
    var paragraphs: [Paragraph]
    /// The paragraphs' normalized text, when the reader made it in one piece (text files); else it is
    /// gathered from each paragraph's `text`.
    var normalized: NormalizedText?
    var format: InputFormat = .text
    /// The title the markup states (`<title>`, Word's Title style); else it is looked for in the text.
    var title: String?
    /// Whether to look for the title in the first short lines (text, HTML, .docx).
    var titleFromText = true
    /// The title when neither the markup nor the text states one (an HTML page's `<title>`).
    var fallbackTitle: String?
    /// Whether to run the heuristic noise detector (not for plan XML, whose structure is declared).
    var detectNoise = true
    /// For a .docx, the zip entry the lines and XPaths refer to (`word/document.xml`).
    var entry: String?
    /// For each XPath scope asked for, the XPaths of the elements it selects.
    var xpathScopes: [String: [String]] = [:]
}
