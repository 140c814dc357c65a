import Foundation
import Testing
import TestSupport

/// A hostile input reduced from fuzzing (issue #12): the committed copy under Tests/Fixtures/reliability, or
/// the shared one beside the repository.
func reliabilityFixture(_ name: String) -> String {
    let committed = repositoryRoot.appendingPathComponent("Tests/Fixtures/reliability/" + name).path
    if FileManager.default.fileExists(atPath: committed) { return committed }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reliability/" + name).path
}

/// The hostile inputs of issue #12 through the command line: each run ends with a normal result or a
/// located error (exit 2), never a trap, and what it writes stays bounded.
@Suite struct HostileInputCLITests {
    /// One bigram 32,768 times, and 40,000 numbers, in a sentence: both trapped (exit 132) on a 16-bit count.
    @Test(.timeLimit(.minutes(1)), arguments: ["bigram-32768.txt", "bigram-32767.txt", "nums-sentence-40000.txt"])
    func longRepetitiveSentencesAreChecked(file: String) throws {
        let r = try runPlancheck(["check", reliabilityFixture(file), "--rules", fixtureRules, "--format", "json", "--fail-on", "never"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"findings\""))
    }

    /// `rules fmt --check` of one junk line of 40,000 characters: 200 errors and a count of the rest, each
    /// drawn as a window of the line.
    @Test(.timeLimit(.minutes(1))) func formattingAJunkLineShowsBoundedErrors() throws {
        let r = try runPlancheck(["rules", "fmt", "--check", reliabilityFixture("rules-fmt-quadratic-40k.rules")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("rules-fmt-quadratic-40k.rules: error: 2211 more problems in this file not shown"))
        #expect(r.stderr.components(separatedBy: ": error: ").count - 1 == 201)
        #expect(r.stderr.split(separator: "\n").allSatisfy { $0.unicodeScalars.count < 400 })
        #expect(r.stderr.hasSuffix("0 files already formatted; 1 file not formatted because of the errors above\n"))
    }

    /// A markup heading of 40,000 characters under a section pattern that backtracks: 20 s; patterns now see
    /// a heading's first 200 characters. A pattern those characters satisfy still selects the section.
    @Test(.timeLimit(.minutes(1))) func aLongHeadingDoesNotMakeASectionPatternSlow() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.html")
        try ("<html><body><h2>第一章 " + String(repeating: "产业", count: 20_000) + "</h2><p>坚持发展先进硬质材料产业集群。</p></body></html>")
            .write(to: plan, atomically: true, encoding: .utf8)
        for (pattern, status) in [("/(产业|产)+制造/", "missing"), ("/^第一章(产业)+/", "covered")] {
            let rules = dir.appendingPathComponent("r.rules")
            try "ruleset \"x\" {\n  period 2026..2030\n}\n\ngoal 1 \"x\" {\n  cite \"c\"\n  require mention \"先进硬质材料\" in section \(pattern)\n}\n"
                .write(to: rules, atomically: true, encoding: .utf8)
            let r = try runPlancheck(["check", plan.path, "--rules", rules.path, "--format", "json", "--fail-on", "never"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("\"status\" : \"\(status)\""), "\(pattern): \(r.stdout.prefix(3000))")
        }
    }

    /// A plan of one line of a few MB: each finding quotes a window around its match, not the line, so the
    /// JSON report grows with the findings (a 4 MB line gave 398 MB of JSON; a 50 MB one, 3.1 GB).
    @Test(.timeLimit(.minutes(1))) func aPlanOfOneLongLineGivesABoundedReport() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/zhuzhou-15th-plan-proposal-2025.txt"),
                                encoding: .utf8)
        let one = String(sample.map { "\n。！？；!?;".contains($0) ? "，" : $0 })
        var line = one
        while line.utf8.count < 3_000_000 { line += one }
        let plan = dir.appendingPathComponent("line.txt"), out = dir.appendingPathComponent("report.json")
        try Data((line + "\n").utf8).write(to: plan)
        let r = try runPlancheck(["check", plan.path, "--format", "json", "--output", out.path, "--fail-on", "never"])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: out)
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let quoted = findings.flatMap { ($0["evidence"] as? [[String: Any]] ?? []) + ($0["suggestions"] as? [[String: Any]] ?? []) }
        #expect(quoted.count > 20)
        // At most 500 characters each side of a match (3 bytes each in UTF-8), and the rest of the report.
        #expect(data.count < quoted.count * 3_500 + findings.count * 3_000, "\(data.count) bytes for \(quoted.count) quotes")
        #expect(data.count < line.utf8.count)
        for e in quoted {
            let text = try #require(e["text"] as? String)
            #expect(text.unicodeScalars.count <= 2 * 500 + 2 + 100)
            #expect(text.hasPrefix("…") || text.hasSuffix("…"))
            if let a = e["matchStart"] as? Int, let b = e["matchEnd"] as? Int, let match = e["match"] as? String {
                let scalars = Array(text.unicodeScalars)
                #expect(String(String.UnicodeScalarView(scalars[a..<b])) == match)
            }
        }
    }

    /// A 25 MB waiver file is refused unread, with its name and size; a long line within the limit is
    /// refused at that line.
    @Test(.timeLimit(.minutes(1))) func hugeWaiverFilesAreRefusedAtOnce() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let huge = dir.appendingPathComponent("waivers.txt")
        try Data(String(repeating: "waive 5.5 because \"区级基层治理专项规划另行衔接\" 字“", count: 400_000).utf8).write(to: huge)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: huge.path)[.size] as? NSNumber).intValue
        #expect(size > 25_000_000)
        let r = try runPlancheck(["check", "Samples/zhuzhou-15th-plan-proposal-2025.txt", "--waivers", huge.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(huge.path): the waiver file is \(size) bytes, over the limit of 1048576 bytes"))
        let long = dir.appendingPathComponent("long.txt")
        try Data(("waive 1 because \"ok\"\nwaive 5.5 because \"" + String(repeating: "理", count: 200_000) + "\"\n").utf8).write(to: long)
        let l = try runPlancheck(["check", "Samples/zhuzhou-15th-plan-proposal-2025.txt", "--waivers", long.path])
        #expect(l.status == 2)
        #expect(l.stderr.contains("\(long.path):2:1: error: the line is 200020 characters long, over the limit of 4096"))
    }

    /// A hostile baseline: 100,000 nested arrays are refused as not a report (no stack overflow), and one over
    /// the size limit is refused unread (a sparse file: its size costs no disk).
    @Test(.timeLimit(.minutes(1))) func hostileBaselinesAreRefused() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nested = dir.appendingPathComponent("nested.json")
        try Data(("{\"version\":1,\"findings\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}").utf8)
            .write(to: nested)
        let n = try runPlancheck(["check", "Samples/zhuzhou-15th-plan-proposal-2025.txt", "--baseline", nested.path])
        #expect(n.status == 2)
        #expect(n.stderr.contains("\(nested.path): not a plancheck JSON report"))
        let huge = dir.appendingPathComponent("huge.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: Data("{".utf8)))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        let h = try runPlancheck(["check", "Samples/zhuzhou-15th-plan-proposal-2025.txt", "--baseline", huge.path])
        #expect(h.status == 2)
        #expect(h.stderr.contains("\(huge.path): the baseline report is \(300 << 20) bytes, over the limit of \(256 << 20) bytes"))
    }
}
