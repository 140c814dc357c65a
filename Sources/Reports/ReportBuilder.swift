import Alignment
import Foundation
import RuleLanguage

/// Builds a `CheckReport` one plan at a time. Each plan's findings get their fingerprints, waivers and
/// baseline marks as soon as the plan is checked, and the summaries, the goals × plans matrix and the
/// terminal listing are summed as they come, so a caller can write the findings out (`StreamedJSONReport`)
/// and let them go: memory then holds one plan's findings, not the whole run's.
public struct ReportBuilder {
    let rulesPath: String
    let ruleSet: RuleSet
    let baseline: (path: String, report: CheckReport)?
    /// Whether the report keeps every finding (HTML, SARIF, JUnit and Markdown lay them all out), or none.
    let keepFindings: Bool
    /// Gaps the terminal summary lists per plan (0: all).
    let limit: Int
    private var plans: [CheckReport.PlanInfo] = []
    private var findings: [Finding] = []
    private var tally: WaiverTally?
    private let before: Set<String>
    private var now = Set<String>()
    private var newGaps = 0
    private var unchangedGaps = 0
    private var overall = Summary.Accumulator()
    private var perPlan: [String: Summary.Accumulator] = [:]
    private var matrix = MatrixBuilder()
    /// What the terminal summary shows of each plan file.
    public private(set) var listings: [String: TextReport.Listing] = [:]
    /// The severity of the worst open gap that is new (every open gap, without a baseline): what `--fail-on`
    /// compares with.
    public private(set) var worstNewGap: Severity?

    /// `keepFindings`: whether `finish()` returns a report with every finding, or one with none (its
    /// findings streamed elsewhere); `limit`: gaps listed per plan in the terminal summary (0: all).
    public init(rulesPath: String, ruleSet: RuleSet, waivers: [Waiver]? = nil, today: String = "",
                baseline: (path: String, report: CheckReport)? = nil, keepFindings: Bool = true, limit: Int = 0) {
        self.rulesPath = rulesPath
        self.ruleSet = ruleSet
        tally = waivers.map { WaiverTally($0, today: today) }
        self.baseline = baseline
        self.keepFindings = keepFindings
        self.limit = limit
        before = Set(baseline?.report.findings.map { $0.fingerprint ?? CheckReport.fingerprint($0) } ?? [])
    }

    /// Records a plan checked.
    public mutating func add(plan: CheckReport.PlanInfo) {
        plans.append(plan)
        matrix.add(plan: plan.file)
    }

    /// Adds one plan's findings and returns them as the report has them: fingerprinted, waived where a
    /// waiver accepts them, marked new or unchanged against the baseline.
    public mutating func add(_ result: consuming PlanResult) -> [Finding] {
        // Moved out of the result: fingerprinting a shared array would first copy every finding in it.
        var fs: [Finding] = []
        swap(&fs, &result.findings)
        fs.withUnsafeMutableBufferPointer { b in
            var name = (path: "", name: "")
            for i in b.indices {
                if b[i].plan != name.path { name = (b[i].plan, (b[i].plan as NSString).lastPathComponent) }
                b[i].fingerprint = CheckReport.fingerprint(b[i], planName: name.name)
            }
        }
        tally?.apply(to: &fs)
        if baseline != nil {
            for i in fs.indices {
                let fp = fs[i].fingerprint!
                now.insert(fp)
                let seen = before.contains(fp)
                fs[i].baseline = seen ? "unchanged" : "new"
                if fs[i].isGap { if seen { unchangedGaps += 1 } else { newGaps += 1 } }
            }
        }
        // One copy of each finding, lent to every call: `fs[i]` would copy it (retaining every string and
        // array in it) at each use.
        var previous: String?
        for f in fs {
            overall.add(f)
            if f.plan != previous {
                perPlan[f.plan, default: Summary.Accumulator()].add(f)
                previous = f.plan
            } else {
                // A plan's findings come together: the accumulator of the one before is this one's.
                perPlan[f.plan]!.add(f)
            }
            matrix.add(f)
            if f.isOpenGap, (f.baseline ?? "new") == "new", worstNewGap.map({ f.severity > $0 }) ?? true {
                worstNewGap = f.severity
            }
        }
        // Findings of a plan named twice are listed together, as a report filtered by file lists them.
        if let plan = fs.first?.plan, fs.allSatisfy({ $0.plan == plan }) {
            listings[plan] = TextReport.Listing(findings: fs, limit: limit, merging: listings[plan])
        } else {
            for (file, group) in Dictionary(grouping: fs, by: \.plan) {
                listings[file] = TextReport.Listing(findings: group, limit: limit, merging: listings[file])
            }
        }
        if keepFindings { findings += fs }
        return fs
    }

    /// The report, with every finding or with none (see `init`).
    public func finish() -> CheckReport {
        var hashInput: [UInt8] = []
        for f in ruleSet.files {
            hashInput += Array(f.path.utf8) + [0] + Array(f.source.utf8) + [0]
        }
        let rules = CheckReport.RulesInfo(path: rulesPath, title: ruleSet.title, hash: Digest.sha256Hex(hashInput),
                                          period: ruleSet.period.map { "\($0.start)..\($0.end)" })
        var baselineSummary: CheckReport.BaselineSummary?
        if let (path, old) = baseline {
            let fixed = old.findings.filter { $0.isGap && !now.contains($0.fingerprint ?? CheckReport.fingerprint($0)) }
                .map { CheckReport.BaselineSummary.FixedGap(goal: $0.goal, title: $0.title, plan: $0.plan, status: $0.status.rawValue, message: $0.message) }
            baselineSummary = CheckReport.BaselineSummary(path: path, new: newGaps, unchanged: unchangedGaps, fixed: fixed)
        }
        var per: [String: Summary] = [:]
        for p in plans { per[p.file] = (perPlan[p.file] ?? Summary.Accumulator()).summary }
        return CheckReport(rules: rules, plans: plans, findings: findings, summary: overall.summary, planSummaries: per,
                           matrix: matrix.matrix, waivers: tally?.summary, baseline: baselineSummary)
    }
}

/// The goals × plans grid, filled finding by finding.
struct MatrixBuilder {
    private var plans: [String] = []
    /// The first column of each plan file (a file named twice fills its first column).
    private var column: [String: Int] = [:]
    private var rows: [CheckReport.Matrix.Row] = []
    private var rowOf: [String: Int] = [:]
    /// Per row, the status set in each column so far (nil where none is, or past the row's end).
    private var statuses: [[String?]] = []
    /// The plan of the last finding added and its column: a plan's findings come together.
    private var last: (plan: String, column: Int?)?

    mutating func add(plan file: String) {
        if column[file] == nil { column[file] = plans.count }
        plans.append(file)
        last = nil   // a plan whose findings came before it was added has a column now
    }

    mutating func add(_ f: borrowing Finding) {
        guard f.kind == .goal else { return }
        let r: Int
        if let known = rowOf[f.goal] {
            r = known
        } else {
            r = rows.count
            rowOf[f.goal] = r
            rows.append(CheckReport.Matrix.Row(goal: f.goal, title: f.title, area: f.area, statuses: [], coverage: 0))
            statuses.append([])
        }
        if last?.plan != f.plan { last = (f.plan, column[f.plan]) }
        guard let c = last?.column else { return }
        if statuses[r].count <= c { statuses[r] += [String?](repeating: nil, count: c + 1 - statuses[r].count) }
        statuses[r][c] = f.waiver != nil ? CheckReport.Matrix.waived : f.status.rawValue
    }

    var matrix: CheckReport.Matrix {
        var out = rows
        for r in out.indices {
            out[r].statuses = (0..<plans.count).map { $0 < statuses[r].count ? statuses[r][$0] ?? "" : "" }
            // The share of the plans the goal applies to that carry it (all of none, when it applies to none).
            let covered = out[r].statuses.filter { $0 == Status.covered.rawValue }.count
            let applying = out[r].statuses.filter { $0 != Status.notApplicable.rawValue }.count
            out[r].coverage = plans.isEmpty ? 0 : applying == 0 ? 1 : (Double(covered) / Double(applying) * 10_000).rounded() / 10_000
        }
        return CheckReport.Matrix(plans: plans, rows: out)
    }
}
