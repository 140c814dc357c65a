import Foundation

/// The JSON report tools read (`ReportJSON` lays it out); the one format written plan by plan as the
/// check goes (`StreamedJSONReport`), so a run over many plans keeps only what the terminal lists.
public struct JSONReporter: StreamingReporter {
    public static let format = ReportFormat.json
    public static let fileExtension = "json"

    public init(_ options: ReportOptions = ReportOptions()) {}

    public func render(_ report: CheckReport) throws -> Data {
        try report.json() + Data("\n".utf8)
    }

    public func stream(to destination: String?, withBaseline: Bool) throws(AtomicWriteError) -> any ReportStream {
        try StreamedJSONReport(destination: destination, withBaseline: withBaseline)
    }
}
