import Foundation

/// The terminal summary as a file: every gap listed, no color (`TextReport` draws it).
public struct TextReporter: Reporter {
    public static let format = ReportFormat.text
    public static let fileExtension = "txt"

    public init(_ options: ReportOptions = ReportOptions()) {}

    public func render(_ report: CheckReport) -> Data {
        Data(TextReport(color: false, limit: 0).render(report).utf8)
    }
}
