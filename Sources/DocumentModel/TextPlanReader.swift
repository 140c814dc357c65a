import Quantities

/// Reads a plan in plain text into a `PlanDocument`: decoding, normalization, structure, sentences, noise.
public enum TextPlanReader {
    /// Reads and parses the file at `path`.
    public static func read(path: String) throws(ReadError) -> PlanDocument {
        read(try SourceText(contentsOf: path))
    }

    /// Parses text already decoded.
    public static func read(_ source: SourceText) -> PlanDocument {
        // Each line is a paragraph: lines are never joined, so every sentence slices its own line.
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(source.lineCount)
        for i in 1...max(source.lineCount, 1) where i <= source.lineCount {
            paragraphs.append(Paragraph(text: Normalizer.normalize(source.line(i)), line: i, source: .line))
        }
        var builder = PlanBuilder(BuildInput(source: source, paragraphs: paragraphs))
        return builder.build()
    }
}
