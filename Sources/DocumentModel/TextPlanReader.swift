import Quantities

/// Reads a plan in plain text into a `PlanDocument`: decoding, normalization, structure, sentences, noise,
/// indicator tables written as text (`TextTableReader`).
public enum TextPlanReader {
    /// Reads and parses the file at `path`.
    public static func read(path: String) throws(ReadError) -> PlanDocument {
        read(try SourceText(contentsOf: path))
    }

    /// Parses text already decoded.
    public static func read(_ source: SourceText) -> PlanDocument {
        // Each line is a paragraph: lines are never joined, so every sentence slices its own line. Their
        // normalized text is made in one piece, not an array pair per line.
        let empty = NormalizedLine(scalars: [], origin: [])
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(source.lineCount)
        for i in 1...max(source.lineCount, 1) where i <= source.lineCount {
            paragraphs.append(Paragraph(text: empty, line: i, source: .line))
        }
        // An indicator table's lines are its rows, not sentences or headings: their text is left out, and the
        // header's paragraph carries the indicators, as a markup table's paragraph does.
        let tables = TextTableReader.tables(in: source)
        for t in tables {
            for l in t.lines {
                paragraphs[l - 1].headingText = false
                paragraphs[l - 1].noiseCheck = false
            }
            paragraphs[t.lines.lowerBound - 1].indicators = t.indicators
        }
        var input = BuildInput(source: source, paragraphs: paragraphs)
        input.normalized = NormalizedText(lines: source, blank: tables.map { ($0.lines.lowerBound - 1)...($0.lines.upperBound - 1) })
        var builder = PlanBuilder(input)
        return builder.build()
    }
}
