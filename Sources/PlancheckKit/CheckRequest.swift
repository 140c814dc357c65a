import DocumentModel
import Foundation
import Localization
import Reports
import RuleLanguage

/// One check, as a value: what to check against what, and where the reports go. The command line, a
/// project's config file, a server and a language server each build one and hand it to `CheckRunner`.
public struct CheckRequest: Sendable {
    /// The rule set: a bundled one, or a file or folder of `.rules` files.
    public var rules: RuleSource
    /// Only the goals of this profile of the rule set (`draft`), or all.
    public var profile: String?
    /// The plan files, checked one at a time in this order.
    public var plans: [String]
    /// How the plans are read (size limit, format, XML mappings).
    public var readOptions: ReadOptions
    /// The district every plan is for, when its title does not say.
    public var district: String?
    /// A waiver file: gaps accepted on purpose.
    public var waivers: String?
    /// A JSON report of an earlier run: report what is new since, and what was fixed.
    public var baseline: String?
    /// The date waivers are checked against, `YYYY-MM-DD`; nil: today.
    public var today: String?
    /// The reports to write, each in a format to a file or to standard output.
    public var reports: [ReportRequest]
    /// What the formats need besides the findings (JUnit's fail level, the HTML page's date); their language
    /// is the run's (`language`).
    public var reportOptions: ReportOptions
    /// The terminal summary, unless a report goes to standard output; nil: none.
    public var summary: SummaryRequest?
    /// The severity at or above which a new gap fails the check; nil: none fails.
    public var failOn: Severity?
    /// A goal whose decision to trace in each plan (`--explain`).
    public var explain: String?
    /// The language the summary and the reports speak; nil: `PLANCHECK_LANG`, else the rule set's `language`,
    /// else the locale's (`Language.resolve`).
    public var language: Language?

    public init(rules: RuleSource = .bundled(BundledRules.defaultName), profile: String? = nil, plans: [String],
                readOptions: ReadOptions = ReadOptions(), district: String? = nil, waivers: String? = nil,
                baseline: String? = nil, today: String? = nil, reports: [ReportRequest] = [],
                reportOptions: ReportOptions = ReportOptions(), summary: SummaryRequest? = SummaryRequest(),
                failOn: Severity? = .error, explain: String? = nil, language: Language? = nil) {
        self.rules = rules
        self.profile = profile
        self.plans = plans
        self.readOptions = readOptions
        self.district = district
        self.waivers = waivers
        self.baseline = baseline
        self.today = today
        self.reports = reports
        self.reportOptions = reportOptions
        self.summary = summary
        self.failOn = failOn
        self.explain = explain
        self.language = language
    }
}

/// Where a check's rules come from.
public enum RuleSource: Sendable, Hashable {
    /// A rule set shipped with plancheck, by its path under `Rules/` (`zhuzhou/15th`).
    case bundled(String)
    /// A `.rules` file or a folder of them.
    case path(String)

    /// How reports name the rule set: the path as given, or `bundled zhuzhou/15th`.
    public var shownName: String {
        switch self {
        case .bundled(let name): "bundled \(name)"
        case .path(let path): path
        }
    }
}

/// One report of a check: its format and where it goes.
public struct ReportRequest: Sendable, Hashable {
    public var format: ReportFormat
    public var destination: ReportDestination

    public init(_ format: ReportFormat, to destination: ReportDestination) {
        self.format = format
        self.destination = destination
    }
}

/// Where a report is written.
public enum ReportDestination: Sendable, Hashable {
    /// A file, replaced atomically when the run succeeds.
    case file(String)
    /// The runner's standard output.
    case standardOutput
}

/// The summary a person reads in the terminal (`TextReport`).
public struct SummaryRequest: Sendable, Hashable {
    /// Whether to color it for a terminal.
    public var color: Bool
    /// Gaps listed per plan (0: all).
    public var limit: Int

    public init(color: Bool = false, limit: Int = 15) {
        self.color = color
        self.limit = limit
    }
}
