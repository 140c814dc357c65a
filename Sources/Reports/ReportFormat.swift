/// The forms a check's report can take.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, html, sarif, junit, markdown
}
