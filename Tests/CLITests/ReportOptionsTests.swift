import Foundation
import Testing
import TestSupport

@Suite struct ReportOptionsTests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    @Test func severalFormatsIntoAFolder() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("new/reports")
        let r = try runPlancheck(["check", hetang, "--format", "json,sarif,junit,markdown", "--output-dir", out.path])
        #expect(r.status == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["plancheck.json", "plancheck.junit.xml", "plancheck.md", "plancheck.sarif"])
        #expect(r.stdout.contains("coverage"))
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plancheck.sarif"))) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
    }

    @Test func oneFileFlagPerFormat() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlancheck(["check", hetang, "--sarif", dir.appendingPathComponent("a.sarif").path,
                                  "--junit", dir.appendingPathComponent("a.xml").path, "--fail-on", "never"])
        #expect(r.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("a.sarif").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("a.xml").path))
    }

    /// Every format, run after run, from another folder: the same bytes. The HTML page names a time only when
    /// SOURCE_DATE_EPOCH gives one; it used to stamp the time of the run.
    @Test func everyReportIsTheSameBytesRunAfterRun() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = repositoryRoot.appendingPathComponent(hetang).path
        var sets: [[String: Data]] = []
        for (k, cwd) in [repositoryRoot, dir, repositoryRoot].enumerated() {
            let out = dir.appendingPathComponent("run\(k)")
            let r = try runPlancheck(["check", plan, "--rules", fixtureRules, "--format", "text,json,sarif,junit,markdown,html",
                                      "--output-dir", out.path, "--today", "2026-01-01"], cwd: cwd)
            #expect(r.status == 1, "\(r.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            sets.append(Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: out.appendingPathComponent($0))) }))
            if k < 2 { Thread.sleep(forTimeInterval: 1.1) }   // a time stamp in seconds would differ
        }
        #expect(sets[0].keys.sorted() == ["plancheck.html", "plancheck.json", "plancheck.junit.xml", "plancheck.md", "plancheck.sarif", "plancheck.txt"])
        for name in sets[0].keys.sorted() {
            #expect(sets[1][name] == sets[0][name] && sets[2][name] == sets[0][name], "\(name) differs from run to run")
        }
        #expect(!String(decoding: sets[0]["plancheck.html"] ?? Data(), as: UTF8.self).contains("Generated"))

        let stamped = dir.appendingPathComponent("stamped.html")
        let r = try runPlancheck(["check", plan, "--html", stamped.path], environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(r.status == 1)
        #expect(try String(contentsOf: stamped, encoding: .utf8).contains("<time datetime=\"2026-01-01T00:00:00Z\" data-en=\"2026-01-01 00:00:00 UTC\" data-zh=\"2026年1月1日 00:00:00 UTC\">2026-01-01 00:00:00 UTC</time>"))
        for bad in ["yesterday", "-5", "1.5", ""] {
            let b = try runPlancheck(["check", plan, "--html", dir.appendingPathComponent("bad.html").path], environment: ["SOURCE_DATE_EPOCH": bad])
            #expect(b.status == 2, "SOURCE_DATE_EPOCH=\(bad)")
            #expect(b.stderr.contains("SOURCE_DATE_EPOCH must be a whole number of seconds"), "\(b.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad.html").path))
        }
    }

    @Test func severalFormatsWithoutAFolderIsAUsageError() throws {
        let r = try runPlancheck(["check", hetang, "--format", "json,sarif"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--output-dir"))
        #expect(try runPlancheck(["check", hetang, "--format", "json,pdf"]).status == 2)
    }

    @Test func waiversAcceptGapsAndExpiredOnesFail() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("r.rules")
        try Data("goal G \"基层治理\" {\n  require mention \"党建引领基层治理\"\n}\n".utf8).write(to: rules)
        let waivers = dir.appendingPathComponent("waivers.txt")
        try Data("waive G because \"区级专项规划另行衔接\"\nwaive H because \"没有此目标\"\n".utf8).write(to: waivers)
        let ok = try runPlancheck(["check", hetang, "--rules", rules.path, "--waivers", waivers.path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("⊘ waived"))
        #expect(ok.stdout.contains("区级专项规划另行衔接"))
        #expect(ok.stderr.contains("waivers.txt:2: warning: unused waiver for H"))

        try Data("waive G until 2026-01-31 because \"限期整改\"\n".utf8).write(to: waivers)
        let before = try runPlancheck(["check", hetang, "--rules", rules.path, "--waivers", waivers.path, "--today", "2026-01-31"])
        #expect(before.status == 0)
        let after = try runPlancheck(["check", hetang, "--rules", rules.path, "--waivers", waivers.path, "--today", "2026-02-01"])
        #expect(after.status == 1)
        #expect(after.stderr.contains("expired on 2026-01-31"))

        try Data("waive G becuase \"x\"\n".utf8).write(to: waivers)
        let bad = try runPlancheck(["check", hetang, "--rules", rules.path, "--waivers", waivers.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("waivers.txt:1:9: error: expected 'in', 'until' or 'because'"))
    }

    @Test func baselineReportsOnlyWhatIsNew() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("old.json")
        #expect(try runPlancheck(["check", hetang, "--json", old.path]).status == 1)
        // The same plan again: nothing new, so nothing fails.
        let same = try runPlancheck(["check", hetang, "--baseline", old.path])
        #expect(same.status == 0)
        #expect(same.stdout.contains("0 new gap(s), 0 fixed"))
        #expect(same.stdout.contains("no new gaps"))
        // A draft that drops the retired term fixes that finding.
        var text = try String(contentsOf: repositoryRoot.appendingPathComponent(hetang), encoding: .utf8)
        text = text.replacingOccurrences(of: "党的十九大和十九届二中、三中、四中、五中全会精神", with: "党的二十大和二十届历次全会精神")
        let plan = dir.appendingPathComponent("hetang-14th-five-year-plan.txt")
        try Data(text.utf8).write(to: plan)
        let fixed = try runPlancheck(["check", plan.path, "--baseline", old.path])
        #expect(fixed.status == 0)
        #expect(fixed.stdout.contains("✔ fixed"))
        #expect(fixed.stdout.contains("retired: 十九大"))
        let bad = try runPlancheck(["check", hetang, "--baseline", plan.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not a plancheck JSON report"))
    }

    /// The JSON report is streamed plan by plan: to a file, to standard output, or beside other formats
    /// (then made whole in memory), the bytes are the same, and so is the terminal summary.
    @Test func streamedJSONReportIsTheSameEverywhere() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plans = [hetang, "Samples/zhuzhou-15th-plan-proposal-2025.txt"]
        let file = dir.appendingPathComponent("one/plancheck.json")
        let streamed = try runPlancheck(["check"] + plans + ["--format", "json", "--output", file.path, "--today", "2026-01-01"])
        let whole = try runPlancheck(["check"] + plans + ["--format", "json,html", "--output-dir", dir.appendingPathComponent("two").path,
                                                          "--today", "2026-01-01"])
        let stdout = try runPlancheck(["check"] + plans + ["--format", "json", "--today", "2026-01-01"])
        #expect(streamed.status == 1 && whole.status == 1 && stdout.status == 1)
        let a = try Data(contentsOf: file)
        #expect(a == (try Data(contentsOf: dir.appendingPathComponent("two/plancheck.json"))))
        #expect(a == Data(stdout.stdout.utf8))
        #expect(streamed.stdout == whole.stdout)
        #expect(streamed.stdout.contains("more gaps"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("one").path) == ["plancheck.json"])
    }

    /// A plan that cannot be read halfway through a run: exit 2, the earlier report untouched, no
    /// temporary file left beside it.
    @Test func aFailedRunLeavesTheEarlierReport() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("plancheck.json")
        let good = Data("{\"earlier\": true}\n".utf8)
        try good.write(to: report)
        let binary = dir.appendingPathComponent("scan.txt")
        try Data([0x00, 0x01, 0x02, 0x03] + Array("第一章".utf8)).write(to: binary)
        let r = try runPlancheck(["check", hetang, binary.path, "--json", report.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("scan.txt"))
        #expect(try Data(contentsOf: report) == good)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["plancheck.json", "scan.txt"])
    }
}
