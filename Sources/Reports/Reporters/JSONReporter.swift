import Foundation
import Localization

/// The JSON report tools read (`ReportJSON` lays it out); the one format written plan by plan as the
/// check goes (`StreamedJSONReport`), so a run over many plans keeps only what the terminal lists.
public struct JSONReporter: StreamingReporter {
    public static let format = ReportFormat.json
    public static let fileExtension = "json"

    /// The language of the findings' messages (keys and identifiers are the same in every language).
    public var language: Language

    public init(_ options: ReportOptions = ReportOptions()) { language = options.language }

    public func render(_ report: CheckReport) throws -> Data {
        try report.json(language: language) + Data("\n".utf8)
    }

    public func stream(to destination: String?, withBaseline: Bool) throws(AtomicWriteError) -> any ReportStream {
        try StreamedJSONReport(destination: destination, withBaseline: withBaseline, language: language)
    }
}
