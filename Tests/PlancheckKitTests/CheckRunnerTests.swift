import Foundation
import Localization
import PlancheckKit
import Reports
import RuleLanguage
import Testing
import TestSupport

/// The check run in process, as a server or language server would run it: the same reports as the
/// command line, typed errors with the file and line, and the last reports kept when a run fails.
@Suite struct CheckRunnerTests {
    static let hetang = repositoryRoot.appendingPathComponent("Samples/hetang-14th-five-year-plan.txt").path
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/Rules/zhuzhou/15th").path

    /// Runs `request` with standard output and error captured in files; returns what each received.
    func run(_ request: CheckRequest) throws(CheckError) -> (outcome: CheckOutcome, stdout: String, stderr: String) {
        let dir = (try? temporaryFolder()) ?? FileManager.default.temporaryDirectory
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path, err = dir.appendingPathComponent("err").path
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let o = FileHandle(forWritingAtPath: out)!, e = FileHandle(forWritingAtPath: err)!
        let outcome = try CheckRunner(request).run(standardOutput: o, standardError: e)
        try? o.close()
        try? e.close()
        let text = { (p: String) in String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self) }
        return (outcome, text(out), text(err))
    }

    @Test func aCheckInProcessWritesEveryFormatAndTheSummary() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reports = ReportFormat.allCases.map { ReportRequest($0, to: .file(dir.appendingPathComponent("r." + $0.fileExtension).path)) }
        let r = try run(CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], today: "2026-06-01", reports: reports))
        for format in ReportFormat.allCases {
            let data = try Data(contentsOf: dir.appendingPathComponent("r." + format.fileExtension))
            #expect(!data.isEmpty, "\(format) report written")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.json"))) as? [String: Any]
        #expect((json?["findings"] as? [Any])?.count == r.outcome.report.findings.count)
        // The fixture rules find an error-level gap in the plan (5.5 missing): the check fails at `error`.
        #expect(r.outcome.failed && r.outcome.exitCode == 1 && r.outcome.worstNewGap == .error)
        #expect(r.stdout.contains("5.5 建设更有效能的党建引领基层治理体系"), "the terminal summary lists the gap")
        #expect(r.stderr.isEmpty)
    }

    @Test func theRequestsLanguageIsTheSummarys() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("r.json").path
        let zh = try run(CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], reports: [ReportRequest(.json, to: .file(json))],
                                      language: .zh))
        #expect(zh.outcome.language == .zh)
        #expect(zh.stdout.contains("衔接率") && zh.stdout.contains("未提到“基层治理”"))
        let enJSON = dir.appendingPathComponent("en.json").path
        let en = try run(CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], reports: [ReportRequest(.json, to: .file(enJSON))],
                                      language: .en))
        #expect(en.stdout.contains("coverage") && !en.stdout.contains("衔接率"))
        // The JSON reports' messages are in their language; their fingerprints are not, so a baseline made
        // in one language matches a run in the other.
        let zhReport = try CheckReport.read(path: json), enReport = try CheckReport.read(path: enJSON)
        #expect(zhReport.findings.contains { $0.message == "未提到“基层治理”" })
        #expect(enReport.findings.contains { $0.message == "no mention of “基层治理”" })
        #expect(zhReport.findings.map(\.fingerprint) == enReport.findings.map(\.fingerprint))
    }

    @Test func theFailLevelDecidesTheOutcome() throws {
        let never = try run(CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], summary: nil, failOn: nil))
        #expect(!never.outcome.failed && never.outcome.exitCode == 0)
        #expect(never.stdout.isEmpty, "no summary asked for, none written")
    }

    @Test func theStreamedReportIsTheOneWrittenWhole() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let alone = dir.appendingPathComponent("alone.json").path, beside = dir.appendingPathComponent("beside.json").path
        let plans = [Self.hetang, repositoryRoot.appendingPathComponent("Samples/hetang-14th-five-year-plan.xml").path]
        _ = try run(CheckRequest(rules: .path(Self.fixtures), plans: plans, reports: [ReportRequest(.json, to: .file(alone))]))
        _ = try run(CheckRequest(rules: .path(Self.fixtures), plans: plans,
                                 reports: [ReportRequest(.json, to: .file(beside)), ReportRequest(.markdown, to: .file(beside + ".md"))]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: alone)) == Data(contentsOf: URL(fileURLWithPath: beside)))
    }

    @Test func aReportForStandardOutputGoesToTheHandleGivenAndReplacesTheSummary() throws {
        let r = try run(CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], reports: [ReportRequest(.sarif, to: .standardOutput)]))
        let sarif = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
        #expect(!r.stdout.contains("coverage"))
    }

    @Test func theBundledRulesAreFoundAndNamedAsBundled() throws {
        let r = try run(CheckRequest(plans: [Self.hetang], summary: nil))
        #expect(r.outcome.report.rules.path == "bundled zhuzhou/15th")
        #expect(r.outcome.report.summary.goals > 50)
    }

    @Test func anUnreadablePlanIsAnErrorNamingTheFile() {
        let missing = "/nonexistent/plan.txt"
        #expect { try run(CheckRequest(rules: .path(Self.fixtures), plans: [missing])) } throws: { error in
            guard let e = error as? CheckError else { return false }
            return e.file == missing && e.description.contains(missing)
        }
    }

    @Test func aBadWaiverIsAnErrorWithItsLineAndColumn() throws {
        let dir = try folder(of: ["w.txt": "waive 5.5 because \"ok\"\nwaive 6 until 2026-13-01 because \"x\"\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let waivers = dir.appendingPathComponent("w.txt").path
        #expect { try run(CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], waivers: waivers)) } throws: { error in
            guard let e = error as? CheckError else { return false }
            return e.file == waivers && e.line == 2 && e.column != nil && e.description.hasPrefix("\(waivers):2:")
        }
    }

    @Test func rulesWithErrorsNameTheFirstErrorAndCarryTheDiagnostics() throws {
        let dir = try folder(of: ["bad.rules": "goal 1 \"目标\" {\n  require mention\n}\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("bad.rules").path
        #expect { try run(CheckRequest(rules: .path(rules), plans: [Self.hetang])) } throws: { error in
            guard let e = error as? CheckError else { return false }
            return e.file == rules && e.line == 2 && (e.details ?? "").contains("^") && e.description.contains("plancheck rules lint")
        }
    }

    @Test func aFailedRunKeepsTheLastReports() throws {
        let dir = try folder(of: ["report.json": "the last good report\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report.json").path
        let plans = [Self.hetang, dir.appendingPathComponent("no-such-plan.txt").path]
        #expect(throws: CheckError.self) {
            try run(CheckRequest(rules: .path(Self.fixtures), plans: plans,
                                 reports: [ReportRequest(.json, to: .file(report)), ReportRequest(.html, to: .file(report + ".html"))]))
        }
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "the last good report\n")
        #expect(!FileManager.default.fileExists(atPath: report + ".html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.json"], "nothing staged is left behind")
    }

    /// Every error describes itself in both languages: English in `description`, the run's language once it
    /// is known (`language`, here the one asked for), and Chinese with the same file and place.
    @Test func errorsDescribeThemselvesInTheRunsLanguage() throws {
        let dir = try folder(of: ["w.txt": "waive 6 until 2026-13-01 because \"x\"\n", "base.json": "{", "计划.txt": "第一章\u{0}"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        let requests: [(CheckRequest, String, String)] = [
            (CheckRequest(rules: .path(Self.fixtures), plans: [p("无.txt")], language: .zh), "\(p("无.txt")): no such file", "\(p("无.txt")): 文件不存在"),
            (CheckRequest(rules: .path(Self.fixtures), plans: [p("计划.txt")], language: .zh),
             "\(p("计划.txt")):1: control character U+0000 at byte offset 9: this looks like a binary file, not plan text",
             "\(p("计划.txt")):1: 字节偏移 9 处有控制字符 U+0000：这像是二进制文件，而不是规划文本"),
            (CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], waivers: p("w.txt"), language: .zh),
             "\(p("w.txt")):1:15: error: expected a date such as 2026-06-30, found '2026-13-01'",
             "\(p("w.txt")):1:15: 错误：应为日期，如 2026-06-30，实际为“2026-13-01”"),
            (CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], baseline: p("base.json"), language: .zh),
             "\(p("base.json")): not a plancheck JSON report (", "\(p("base.json")): 不是本工具生成的 JSON 报告（"),
            (CheckRequest(rules: .path(Self.fixtures), profile: "nosuch", plans: [Self.hetang], language: .zh),
             "no profile named nosuch", "规则集中没有名为 nosuch 的 profile"),
            (CheckRequest(rules: .path(Self.fixtures), plans: [Self.hetang], reports: [ReportRequest(.json, to: .file(dir.path))], language: .zh),
             "cannot write \(dir.path): is a folder", "无法写入 \(dir.path)：是文件夹"),
        ]
        for (request, english, chinese) in requests {
            #expect { try run(request) } throws: { error in
                guard let e = error as? CheckError else { return false }
                return e.language == .zh && e.description.hasPrefix(english) && e.description(in: .en) == e.description
                    && e.description(in: .zh).hasPrefix(chinese)
            }
        }
    }

    @Test func anUnknownProfileIsAnErrorAboutTheRules() {
        #expect { try run(CheckRequest(rules: .path(Self.fixtures), profile: "nosuch", plans: [Self.hetang])) } throws: { error in
            guard let e = error as? CheckError else { return false }
            return e.file == Self.fixtures && e.description.contains("nosuch")
        }
    }
}
