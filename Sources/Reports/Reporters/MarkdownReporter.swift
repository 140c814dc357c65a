import Alignment
import Foundation

/// A compact summary for a pull-request comment: coverage per plan, then the open gaps.
public struct MarkdownReporter: Reporter {
    public static let format = ReportFormat.markdown
    public static let fileExtension = "md"
    /// The gaps listed, most severe first, before saying how many more there are.
    public var limit = 20

    public init(_ options: ReportOptions = ReportOptions()) {}

    public func render(_ report: CheckReport) -> Data { Data(text(report).utf8) }

    /// The comment's Markdown.
    func text(_ report: CheckReport) -> String {
        let md = Self.md, code = Self.code
        var out = "### plancheck: \(md(report.rules.title ?? report.rules.path))\n\n"
        out += "| plan | coverage | covered | weak | missing | conflicting | outdated | waived |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for p in report.plans {
            guard let s = report.planSummaries[p.file] else { continue }
            let c = { (k: Status) in String(s.counts[k.rawValue] ?? 0) }
            out += "| `\(code(p.file))` | \(Int((s.coverage * 100).rounded()))% | \(c(.covered)) | \(c(.weak)) | \(c(.missing)) | \(c(.conflicting)) | \(c(.outdated)) | \(s.waived) |\n"
        }
        if let b = report.baseline {
            out += "\nSince `\(code(b.path))`: \(b.new) new, \(b.fixed.count) fixed, \(b.unchanged) unchanged.\n"
        }
        let gaps = report.findings.filter { $0.isOpenGap && ($0.baseline ?? "new") == "new" }.sorted(by: TextReport.rank)
        if gaps.isEmpty {
            out += "\nNo open gaps. ✔\n"
            return out
        }
        out += "\n**Gaps** (most severe first)\n\n"
        for f in gaps.prefix(limit) {
            let mark = f.severity == .error ? "✖" : f.severity == .warning ? "⚠" : "ℹ"
            let id = f.kind == .goal ? "**\(md(f.goal))** \(md(f.title))" : "**\(md(f.title))**"
            var line = "- \(mark) \(id) — \(f.status.rawValue): \(md(f.message))"
            if let e = f.evidence.first { line += " (`\(code((e.file as NSString).lastPathComponent)):\(e.line)`)" }
            out += line + "\n"
        }
        if gaps.count > limit { out += "- … and \(gaps.count - limit) more (see the HTML or JSON report)\n" }
        if let b = report.baseline, !b.fixed.isEmpty {
            out += "\n**Fixed since the baseline**\n\n"
            for x in b.fixed.prefix(limit) { out += "- \(md(x.goal)) \(md(x.title)) (was \(x.status))\n" }
        }
        return out
    }

    /// Escapes Markdown's special characters in running text.
    static func md(_ s: String) -> String {
        var out = ""
        for c in s.replacingOccurrences(of: "\n", with: " ") {
            // Only what can change the meaning inside a line; `.` or `(` in running text are safe.
            if "\\`*_[]<>|~".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Text for an inline code span (backticks cannot be escaped inside one, so they are replaced).
    static func code(_ s: String) -> String { s.replacingOccurrences(of: "`", with: "'") }
}
