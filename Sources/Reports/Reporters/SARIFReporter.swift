import Alignment
import Foundation
import Localization
import RuleLanguage

/// SARIF 2.1.0 for code-scanning services: one rule per goal or retired term, one result per gap.
public struct SARIFReporter: Reporter {
    public static let format = ReportFormat.sarif
    public static let fileExtension = "sarif"
    /// The tool's version as reported to code-scanning services.
    public static let toolVersion = ToolVersion.current

    /// The language of the results' messages (the rules' ids and the levels are SARIF's own words).
    public var language: Language

    public init(_ options: ReportOptions = ReportOptions()) { language = options.language }

    public func render(_ report: CheckReport) throws -> Data {
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        for f in report.findings where ruleIndex[f.goal] == nil {
            ruleIndex[f.goal] = rules.count
            var rule: [String: Any] = [
                "id": f.goal,
                "name": f.kind == .goal ? "goal" : "retiredTerm",
                "shortDescription": ["text": f.title],
                "defaultConfiguration": ["level": Self.level(f.severity)],
                "properties": Self.properties(f),
            ]
            if let c = f.citation {
                var text = c.document + (c.item.map { " " + $0 } ?? "")
                if let q = c.quote { text += ": " + q }
                rule["fullDescription"] = ["text": text]
            }
            rules.append(rule)
        }
        var artifacts: [[String: Any]] = []
        var artifactIndex: [String: Int] = [:]
        for p in report.plans {
            artifactIndex[p.file] = artifacts.count
            artifacts.append([
                "location": ["uri": Self.uri(p.file)],
                "hashes": ["sha-256": p.hash],
                "encoding": p.encoding,
            ])
        }
        var results: [[String: Any]] = []
        for f in report.findings where f.isGap {
            var result: [String: Any] = [
                "ruleId": f.goal,
                "ruleIndex": ruleIndex[f.goal] ?? 0,
                "level": Self.level(f.severity),
                "message": ["text": language == .zh ? "\(f.status.word.text(.zh))：\(f.message(in: .zh))" : "\(f.status.rawValue): \(f.message)"],
                "partialFingerprints": ["plancheck/v1": f.fingerprint ?? CheckReport.fingerprint(f)],
                "properties": ["status": f.status.rawValue] as [String: Any],
            ]
            // Code-scanning services need a place for every result; a missing goal points at the plan's top.
            let places = f.evidence.isEmpty ? [nil] : f.evidence.prefix(5).map { Optional($0) }
            result["locations"] = places.map { e -> [String: Any] in
                var region: [String: Any] = ["startLine": e?.line ?? 1]
                if let e {
                    region["startColumn"] = e.column
                    if let m = e.match { region["endColumn"] = e.column + m.count }
                    region["snippet"] = ["text": e.text]
                }
                var loc: [String: Any] = ["physicalLocation": [
                    "artifactLocation": ["uri": Self.uri(f.plan), "index": artifactIndex[f.plan] ?? 0],
                    "region": region,
                ] as [String: Any]]
                if let e, !e.path.isEmpty {
                    loc["logicalLocations"] = [["fullyQualifiedName": e.path.joined(separator: " › "), "kind": "section"]]
                }
                return loc
            }
            if let w = f.waiver {
                result["suppressions"] = [["kind": "external", "justification": w.reason, "status": "accepted"]]
            }
            if let b = f.baseline { result["baselineState"] = b == "new" ? "new" : "unchanged" }
            results.append(result)
        }
        let run: [String: Any] = [
            "tool": ["driver": [
                "name": "plancheck",
                "version": Self.toolVersion,
                "informationUri": "https://example.invalid/plancheck",
                "rules": rules,
            ] as [String: Any]],
            "artifacts": artifacts,
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": ["rules": report.rules.path, "rulesTitle": report.rules.title ?? "", "rulesHash": report.rules.hash],
        ]
        let doc: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        ]
        return try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            + Data("\n".utf8)
    }

    /// SARIF's level for a severity: its `note` is our `info`.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func properties(_ f: Finding) -> [String: Any] {
        var p: [String: Any] = ["kind": f.kind.rawValue, "weight": f.weight]
        if let a = f.area { p["area"] = a }
        if !f.tags.isEmpty { p["tags"] = f.tags }
        return p
    }

    /// A relative path as a URI reference (percent-encoding what a URI cannot hold).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
