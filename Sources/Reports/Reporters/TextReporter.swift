import Foundation
import Localization

/// The terminal summary as a file: every gap listed, no color (`TextReport` draws it).
public struct TextReporter: Reporter {
    public static let format = ReportFormat.text
    public static let fileExtension = "txt"

    /// The language the summary speaks.
    public var language: Language

    public init(_ options: ReportOptions = ReportOptions()) { language = options.language }

    public func render(_ report: CheckReport) -> Data {
        var text = TextReport(color: false, limit: 0)
        text.language = language
        return Data(text.render(report).utf8)
    }
}
