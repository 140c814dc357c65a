import Alignment
import DocumentModel
import Foundation
import Localization
import RuleLanguage

/// Everything a check produced, in the shape of the JSON report (`version` 1, see docs/report.schema.json).
public struct CheckReport: Sendable, Codable {
    /// The report format's version; bumped when fields change meaning.
    public var version: Int
    public var rules: RulesInfo
    public var plans: [PlanInfo]
    public var summary: Summary
    /// Per plan summaries, by plan file.
    public var planSummaries: [String: Summary]
    /// Goals × plans: the status of every goal in every plan, for a reviewer checking many districts.
    public var matrix: Matrix
    public var findings: [Finding]
    /// What waivers did, when a waiver file was given.
    public var waivers: WaiverSummary?
    /// What changed since a previous report, when one was given.
    public var baseline: BaselineSummary?

    /// The status of each goal in each plan.
    public struct Matrix: Sendable, Codable, Hashable {
        /// Plan files, in the order of the columns.
        public var plans: [String]
        public var rows: [Row]
        /// A cell's word for a gap a waiver accepts, in place of its status.
        public static let waived = "waived"

        public struct Row: Sendable, Codable, Hashable {
            public var goal: String
            public var title: String
            public var area: String?
            /// One status per plan, in the order of `plans` (`waived` where a waiver accepts the gap).
            public var statuses: [String]
            /// Share of the plans the goal applies to that cover it, 0…1 (1 when it applies to none).
            public var coverage: Double
        }
    }

    /// Findings compared with a previous report: which are new, which were fixed.
    public struct BaselineSummary: Sendable, Codable, Hashable {
        public var path: String
        public var new: Int
        public var unchanged: Int
        /// Gaps of the previous report that are gone.
        public var fixed: [FixedGap]

        public struct FixedGap: Sendable, Codable, Hashable {
            public var goal: String
            public var title: String
            public var plan: String
            public var status: String
            public var message: String
        }
    }

    /// The rule set a report was made with.
    public struct RulesInfo: Sendable, Codable, Hashable {
        public var path: String
        public var title: String?
        /// SHA-256 over the rule files' names and contents, in load order.
        public var hash: String
        public var period: String?
    }

    /// One plan checked.
    public struct PlanInfo: Sendable, Codable, Hashable {
        public var file: String
        public var title: String?
        /// The district it was checked as (`--district`, else the one its title names), if known.
        public var district: String?
        public var encoding: String
        /// SHA-256 of the file's bytes.
        public var hash: String
        public var sentences: Int

        /// What the report says of a plan; made as soon as the plan is checked, so the plan itself can go.
        public init(_ doc: PlanDocument, bytes: [UInt8], district: String? = nil) {
            file = doc.file
            title = doc.title
            self.district = district
            encoding = doc.encoding.rawValue
            hash = Digest.sha256Hex(bytes)
            sentences = doc.bodySentenceCount
        }
    }

    public init(rulesPath: String, ruleSet: RuleSet, plans: [PlanInfo], results: [PlanResult],
                waivers: [Waiver]? = nil, today: String = "", baseline: (path: String, report: CheckReport)? = nil) {
        var builder = ReportBuilder(rulesPath: rulesPath, ruleSet: ruleSet, waivers: waivers, today: today, baseline: baseline)
        for p in plans { builder.add(plan: p) }
        for r in results { _ = builder.add(r) }
        self = builder.finish()
    }

    /// A report from parts already made (`ReportBuilder.finish`).
    init(rules: RulesInfo, plans: [PlanInfo], findings: [Finding], summary: Summary, planSummaries: [String: Summary],
         matrix: Matrix, waivers: WaiverSummary?, baseline: BaselineSummary?) {
        version = 1
        self.rules = rules
        self.plans = plans
        self.findings = findings
        self.summary = summary
        self.planSummaries = planSummaries
        self.matrix = matrix
        self.waivers = waivers
        self.baseline = baseline
    }

    /// A finding's identity across drafts: goal, plan file name, status and message; never a line number.
    public static func fingerprint(_ f: Finding) -> String {
        fingerprint(f, planName: (f.plan as NSString).lastPathComponent)
    }

    /// The fingerprint, with the plan's file name already taken from its path (the same for all its findings).
    static func fingerprint(_ f: Finding, planName: String) -> String {
        Digest.sha256Hex(joining: [f.goal, planName, f.status.rawValue, f.message], bytes: 8)
    }

    /// The largest baseline read, as for plans by default: a report of 98 plans with ten times the rules
    /// is 135 MB, and decoding takes about fourteen times the file in memory.
    public static let maxBaselineBytes = 256 << 20

    /// Reads a report written by an earlier run (for `--baseline`), refusing one over `maxBaselineBytes` unread.
    public static func read(path: String) throws(ReportReadError) -> CheckReport {
        let data: Data
        do { data = try BoundedRead.read(path, limit: maxBaselineBytes) } catch {
            switch error {
            case .unreadable:
                throw ReportReadError(file: path, text: LocalizedText(en: "\(path): cannot read the baseline report", zh: "\(path): 无法读取基线报告"))
            case .tooLarge(let size):
                let why = BoundedRead.describe(size, limit: maxBaselineBytes, what: LocalizedText(en: "a baseline", zh: "基线"))
                throw ReportReadError(file: path, text: LocalizedText(en: "\(path): the baseline report \(why.en)", zh: "\(path): 基线报告\(why.zh)"))
            }
        }
        do {
            let r = try JSONDecoder().decode(CheckReport.self, from: data)
            guard r.version == 1 else {
                throw ReportReadError(file: path, text: LocalizedText(en: "\(path): report version \(r.version) is not supported (expected 1)",
                                                                      zh: "\(path): 不支持第 \(r.version) 版报告（应为第 1 版）"))
            }
            return r
        } catch let e as ReportReadError {
            throw e
        } catch {
            throw ReportReadError(file: path, text: LocalizedText(en: "\(path): not a plancheck JSON report (\(error))",
                                                                  zh: "\(path): 不是本工具生成的 JSON 报告（“\(error)”）"))
        }
    }

    /// The report as JSON: sorted keys and fixed formatting, so the same input gives the same bytes.
    /// The report as JSON, its messages in `language`.
    public func json(language: Language = .en) throws -> Data { ReportJSON.encode(self, language: language) }

    /// The same bytes through `JSONEncoder`: the reference `ReportJSON` is tested against.
    func jsonThroughEncoder() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}

/// A previous report that could not be read.
public struct ReportReadError: Error, Sendable, CustomStringConvertible {
    /// The report file.
    public let file: String
    /// The whole message, naming the file, in every language.
    public let text: LocalizedText

    /// The message in English.
    public var description: String { text.en }

    /// The message in `language`.
    public func description(in language: Language) -> String { text.text(language) }
}
