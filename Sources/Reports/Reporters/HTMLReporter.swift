import Foundation

/// The self-contained page a reviewer sends around (`HTMLReport` builds it).
public struct HTMLReporter: Reporter {
    public static let format = ReportFormat.html
    public static let fileExtension = "html"
    /// When the report was made, shown in the page's header; nil leaves it out.
    public var generatedAt: Date?

    public init(_ options: ReportOptions = ReportOptions()) { generatedAt = options.generatedAt }

    public func render(_ report: CheckReport) -> Data {
        Data(HTMLReport(report: report, generatedAt: generatedAt).render().utf8)
    }
}
