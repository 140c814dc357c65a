import Alignment
import DocumentModel
import Foundation
import Localization
import RuleLanguage

/// JUnit XML for CI systems: one test case per goal per plan; a gap at or above the fail level fails.
public struct JUnitReporter: Reporter {
    public static let format = ReportFormat.junit
    public static let fileExtension = "junit.xml"
    /// The severity at which a gap is a failing test case; nil: none fails.
    public var failOn: Severity?
    /// The language of the messages.
    public var language: Language

    public init(_ options: ReportOptions = ReportOptions()) {
        failOn = options.failOn
        language = options.language
    }


    public func render(_ report: CheckReport) -> Data { Data(text(report).utf8) }

    /// The report as XML text.
    func text(_ report: CheckReport) -> String {
        let failOn = self.failOn
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let failing = { (f: Finding) -> Bool in
            guard f.isOpenGap, let level = failOn else { return false }
            return f.severity >= level
        }
        // Waived gaps and goals for other places are skipped test cases.
        let skipped = { (f: Finding) -> Bool in f.waiver != nil || f.status == .notApplicable }
        let all = report.findings
        out += "<testsuites name=\"plancheck\" tests=\"\(all.count)\" failures=\"\(all.filter(failing).count)\" skipped=\"\(all.filter(skipped).count)\">\n"
        for plan in report.plans {
            let fs = all.filter { $0.plan == plan.file }
            out += "  <testsuite name=\"\(xml(plan.file))\" tests=\"\(fs.count)\" failures=\"\(fs.filter(failing).count)\" skipped=\"\(fs.filter(skipped).count)\">\n"
            out += "    <properties>\n"
            out += "      <property name=\"rules\" value=\"\(xml(report.rules.path))\"/>\n"
            out += "      <property name=\"rules.hash\" value=\"\(report.rules.hash)\"/>\n"
            out += "      <property name=\"plan.hash\" value=\"\(plan.hash)\"/>\n"
            out += "    </properties>\n"
            for f in fs {
                let name = f.kind == .goal ? "\(f.goal) \(f.title)" : f.title(in: language)
                out += "    <testcase classname=\"plancheck.\(xml(f.area ?? f.kind.rawValue))\" name=\"\(xml(name))\">\n"
                let message = f.message(in: language)
                let status = f.status.word.text(language), severity = f.severity.word.text(language)
                let details = ([message] + f.evidence.prefix(3).map { "\($0.file):\($0.line):\($0.column) \($0.path.joined(separator: " › ")) \($0.text)" })
                    .joined(separator: "\n")
                if let w = f.waiver {
                    out += "      <skipped message=\"\(xml(language.pick("waived: ", "已豁免：") + w.reason))\"/>\n"
                } else if f.status == .notApplicable {
                    out += "      <skipped message=\"\(xml(language.pick("not applicable: ", "不适用：") + message))\"/>\n"
                } else if failing(f) {
                    out += "      <failure type=\"\(f.status.rawValue)\" message=\"\(xml("\(severity) \(status)\(language.pick(": ", "："))\(message)"))\">\(xml(details))</failure>\n"
                } else if f.isGap {
                    out += "      <system-out>\(xml("\(severity) \(status)" + language.pick(" (below the fail level): ", "（未达失败级别）：") + details))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Text for XML content and attribute values, by the one policy every report's markup follows.
    func xml(_ s: String) -> String { MarkupEscape.escape(s) }
}
