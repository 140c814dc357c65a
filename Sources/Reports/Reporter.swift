import Alignment
import Foundation
import Localization
import RuleLanguage

/// One format a check's report is written in. Adding a format is one file with a type conforming to this,
/// and one case of `ReportFormat` naming it.
public protocol Reporter: Sendable {
    /// The format's name, as `--format` and a `CheckRequest` give it.
    static var format: ReportFormat { get }
    /// How an output folder names the format's file: `plancheck.<fileExtension>`.
    static var fileExtension: String { get }
    init(_ options: ReportOptions)
    /// The whole report, from one that holds every finding.
    func render(_ report: CheckReport) throws -> Data
}

/// A reporter that writes findings plan by plan as the check goes, so a run over many plans need not keep
/// every finding in memory.
public protocol StreamingReporter: Reporter {
    /// Claims `destination` (nil: standard output) and opens the stream; `withBaseline`: the report will
    /// carry a baseline summary.
    func stream(to destination: String?, withBaseline: Bool) throws(AtomicWriteError) -> any ReportStream
}

/// A report being written plan by plan (see `StreamingReporter`).
public protocol ReportStream: AnyObject {
    /// The report's file, or nil for standard output.
    var destination: String? { get }
    /// Appends one plan's findings, as `ReportBuilder.add` returned them.
    func append(_ findings: [Finding]) throws(AtomicWriteError)
    /// Completes the report from the run's summaries and puts it in place (or copies it to standard output).
    func finish(_ report: CheckReport) throws(AtomicWriteError)
    /// Removes what a run that did not finish wrote; nothing once `finish` has succeeded.
    func discard()
}

/// What the formats need besides the report itself.
public struct ReportOptions: Sendable, Hashable {
    /// The severity at which a gap fails (JUnit's failures); nil: none fails.
    public var failOn: Severity?
    /// When the report was made, shown in the HTML page; nil leaves it out, so reruns give the same bytes.
    public var generatedAt: Date?
    /// The language people read in it (the HTML page opens in it and carries the other too).
    public var language: Language

    public init(failOn: Severity? = .error, generatedAt: Date? = nil, language: Language = .en) {
        self.failOn = failOn
        self.generatedAt = generatedAt
        self.language = language
    }
}

/// The forms a check's report can take.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, html, sarif, junit, markdown

    /// The type that writes the format.
    public var reporter: any Reporter.Type {
        switch self {
        case .text: TextReporter.self
        case .json: JSONReporter.self
        case .html: HTMLReporter.self
        case .sarif: SARIFReporter.self
        case .junit: JUnitReporter.self
        case .markdown: MarkdownReporter.self
        }
    }

    /// The ending of the format's file in an output folder.
    public var fileExtension: String { reporter.fileExtension }

    /// Whether the format is written plan by plan as the check goes.
    public var streams: Bool { reporter is any StreamingReporter.Type }

    /// The format's reporter, set up with `options`.
    public func makeReporter(_ options: ReportOptions) -> any Reporter { reporter.init(options) }
}
