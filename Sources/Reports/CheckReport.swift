import Alignment
import DocumentModel
import Foundation
import RuleLanguage

/// Everything a check produced, in the shape of the JSON report (`version` 1).
public struct CheckReport: Sendable, Codable {
    /// The report format's version; bumped when fields change meaning.
    public var version: Int
    public var rules: RulesInfo
    public var plans: [PlanInfo]
    public var summary: Summary
    /// Per plan summaries, in the order of `plans` (the goals × plans matrix reads from findings).
    public var planSummaries: [String: Summary]
    public var findings: [Finding]

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
        public var encoding: String
        /// SHA-256 of the file's bytes.
        public var hash: String
        public var sentences: Int

        /// What the report says of a plan; made as soon as the plan is checked, so the plan itself can go.
        public init(_ doc: PlanDocument, bytes: [UInt8]) {
            file = doc.file
            title = doc.title
            encoding = doc.encoding.rawValue
            hash = SHA256.hex(bytes)
            sentences = doc.bodySentenceCount
        }
    }

    public init(rulesPath: String, ruleSet: RuleSet, plans: [PlanInfo], results: [PlanResult]) {
        version = 1
        var hashInput: [UInt8] = []
        for f in ruleSet.files {
            hashInput += Array(f.path.utf8) + [0] + Array(f.source.utf8) + [0]
        }
        rules = RulesInfo(path: rulesPath, title: ruleSet.title, hash: SHA256.hex(hashInput),
                          period: ruleSet.period.map { "\($0.start)..\($0.end)" })
        self.plans = plans
        findings = results.flatMap(\.findings)
        summary = Summary(findings: findings)
        var per: [String: Summary] = [:]
        for r in results { per[r.plan] = Summary(findings: r.findings) }
        planSummaries = per
    }

    /// The report as JSON: sorted keys and fixed formatting, so the same input gives the same bytes.
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}
