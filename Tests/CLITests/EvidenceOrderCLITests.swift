import Foundation
import Testing
import TestSupport

/// Issue #14: the sentence a finding shows first is the same in the terminal, the JSON report, the HTML
/// page and `--explain`: the task chapter that commits, not the guiding ideas named on an earlier line.
@Suite struct EvidenceOrderCLITests {
    static let rules = """
        ruleset "审读" {
          source 建议 = "测试建议"
          period 2021..2025
        }
        term 幸福新城区 = "幸福新城区"
        goal G "建设幸福新城区" {
          cite 建议 item 3 "建设幸福新城区"
          require commitment 幸福新城区
          expect mention "共同富裕"
        }

        """
    /// Line 3 names the goal among the guiding ideas, line 6 commits to it in a task chapter, with the same
    /// class (a commitment verb); the goal is a gap (共同富裕 is missing), so the terminal lists it.
    static let plan = """
        某区国民经济和社会发展第十四个五年规划纲要
        第一章 指导思想
        坚持以人民为中心，加快建设幸福新城区。
        第二章 主要任务
        第一节 民生
        加快建设幸福新城区。

        """

    func folder() throws -> URL {
        let dir = try temporaryFolder()
        try Data(Self.rules.utf8).write(to: dir.appendingPathComponent("r.rules"))
        try Data(Self.plan.utf8).write(to: dir.appendingPathComponent("p.txt"))
        return dir
    }

    @Test func terminalJSONHTMLAndExplainShowTheTaskChapterFirst() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shown = "p.txt:6:5 第二章 › 第一节 «加快建设幸福新城区。»"

        let terminal = try runPlancheck(["check", "p.txt", "--rules", "r.rules"], cwd: dir)
        #expect(terminal.status == 0, "\(terminal.stderr)")   // a warning only
        #expect(terminal.stdout.contains("weak        G 建设幸福新城区\n      no mention of “共同富裕”\n      \(shown)\n"))
        #expect(!terminal.stdout.contains("p.txt:3:"))

        let json = try runPlancheck(["check", "p.txt", "--rules", "r.rules", "--format", "json"], cwd: dir)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let finding = try #require((root["findings"] as? [[String: Any]])?.first { $0["goal"] as? String == "G" })
        let first = try #require((finding["evidence"] as? [[String: Any]])?.first)
        #expect(first["line"] as? Int == 6)
        #expect(first["column"] as? Int == 5)
        #expect(first["path"] as? [String] == ["第二章", "第一节"])
        #expect(first["commitment"] as? String == "committed with a commitment verb")

        let page = dir.appendingPathComponent("r.html")
        #expect(try runPlancheck(["check", "p.txt", "--rules", "r.rules", "--format", "html", "--output", page.path], cwd: dir).status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("p.txt:6:5"))
        #expect(!html.contains("p.txt:3:"))

        let explain = try runPlancheck(["check", "p.txt", "--rules", "r.rules", "--explain", "G"], cwd: dir)
        #expect(explain.status == 0, "\(explain.stderr)")
        let lines = explain.stdout.split(separator: "\n").map(String.init)
        // The trace classes the task chapter's sentence as the evidence says.
        #expect(lines.contains { $0.contains("p.txt:6:5 第二章 › 第一节 «加快建设幸福新城区。» — committed with a commitment verb") })
        #expect(lines.contains { $0.hasPrefix("  ⇒ weak (warning): no mention of “共同富裕”") })
        // The verdict and the place shown first lead, before the trace of every hit in plan order.
        let named = lines.compactMap { line -> String? in
            guard let r = line.range(of: #"p\.txt:\d+:\d+"#, options: .regularExpression) else { return nil }
            return String(line[r])
        }
        #expect(named.first == "p.txt:6:5")
        #expect(lines.firstIndex { $0.hasPrefix("  ⇒ weak") } == 2)
        #expect(lines[3] == "  shown first: \(shown) — committed with a commitment verb")
        #expect(lines[4] == "  how it was found:")
        // The trace still names the guiding ideas' sentence, where the engine saw it.
        #expect(lines.dropFirst(5).contains { $0.contains("p.txt:3:") })
    }
}
