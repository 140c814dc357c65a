import Foundation
import Localization

/// The self-contained page a reviewer sends around (`HTMLReport` builds it).
public struct HTMLReporter: Reporter {
    public static let format = ReportFormat.html
    public static let fileExtension = "html"
    /// When the report was made, shown in the page's header; nil leaves it out.
    public var generatedAt: Date?
    /// The language the page opens in (it carries both, with a switch).
    public var language: Language

    public init(_ options: ReportOptions = ReportOptions()) {
        generatedAt = options.generatedAt
        language = options.language
    }

    public func render(_ report: CheckReport) -> Data {
        Data(HTMLReport(report: report, generatedAt: generatedAt, language: language).render().utf8)
    }
}
