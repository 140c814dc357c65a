import Alignment
import Foundation
import Localization

/// What the page is made of, worked out once: findings with their anchors, plans' labels, goal rows.
struct Page {
    /// One finding with the anchor of its details.
    struct Entry {
        var finding: Finding
        var id: String
        /// 1-based, in the order of the report's plans (0 for a plan the report does not list).
        var planNumber: Int
        /// The plan's short name, as the column heads show it.
        var planLabel: String
    }

    /// One row of the goals × plans matrix.
    struct GoalRow {
        var kind: Finding.Kind
        var goal: String
        var title: LocalizedText
        var area: String?
    }

    static let noArea = "(none)"

    let report: CheckReport
    let entries: [Entry]
    let planLabels: [String]
    let goalRows: [GoalRow]
    /// Areas in the order the rules first use them; `(none)` last.
    let areas: [String]
    /// Statuses that occur, in rank order.
    let statuses: [Status]
    let goalCount: Int
    private let index: [String: Int]

    init(report: CheckReport) {
        self.report = report
        var planNumber: [String: Int] = [:]
        for (i, p) in report.plans.enumerated() where planNumber[p.file] == nil { planNumber[p.file] = i + 1 }
        // Several districts' drafts are often all called draft.docx: then only the full path tells them apart.
        let names = report.plans.map { $0.file.split(separator: "/").last.map(String.init) ?? $0.file }
        planLabels = zip(names, report.plans).map { name, p in names.filter { $0 == name }.count > 1 ? p.file : name }

        var used = Set<String>()
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var rows: [GoalRow] = []
        var seenRow = Set<String>()
        var areas: [String] = []
        var noArea = false
        for f in report.findings {
            let n = planNumber[f.plan] ?? 0
            var id = "p\(n)-" + Page.slug(f.goal)
            if used.contains(id) {
                var k = 2
                while used.contains(id + "-\(k)") { k += 1 }
                id += "-\(k)"
            }
            used.insert(id)
            let key = Page.key(f.goal, f.kind, f.plan)
            if index[key] == nil { index[key] = entries.count }
            let label = n > 0 ? planLabels[n - 1] : f.plan
            entries.append(Entry(finding: f, id: id, planNumber: n, planLabel: label))
            let rowKey = "\(f.kind.rawValue)\u{0}\(f.goal)"
            if seenRow.insert(rowKey).inserted {
                rows.append(GoalRow(kind: f.kind, goal: f.goal, title: HTMLReport.title(f), area: f.area))
            }
            if let a = f.area { if !areas.contains(a) { areas.append(a) } } else { noArea = true }
        }
        if noArea { areas.append(Page.noArea) }
        // Goals first, in rule order; retired terms after them.
        self.goalRows = rows.filter { $0.kind == .goal } + rows.filter { $0.kind != .goal }
        self.entries = entries
        self.index = index
        self.areas = areas
        self.goalCount = rows.filter { $0.kind == .goal }.count
        let present = Set(report.findings.map(\.status))
        self.statuses = Page.statusesBySeriousness.filter(present.contains)
    }

    func entry(goal: String, kind: Finding.Kind, plan: String) -> Entry? {
        index[Page.key(goal, kind, plan)].map { entries[$0] }
    }

    func summary(of plan: String) -> Summary {
        report.planSummaries[plan] ?? Summary(findings: report.findings.filter { $0.plan == plan })
    }

    /// Every status, most serious first.
    static let statusesBySeriousness = Status.allCases.sorted { $0.seriousness < $1.seriousness }

    static func key(_ goal: String, _ kind: Finding.Kind, _ plan: String) -> String {
        "\(kind.rawValue)\u{0}\(goal)\u{0}\(plan)"
    }

    /// An anchor from a goal id: ASCII letters, digits, `.`, `-` and `_` as they are, anything else as
    /// `_` and its hex code, so ids stay readable (`p1-5.1`) and never carry markup.
    static func slug(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "." || u == "-" {
                out.unicodeScalars.append(u)
            } else {
                out += "_" + String(u.value, radix: 16)
            }
        }
        return out.isEmpty ? "_" : out
    }
}
