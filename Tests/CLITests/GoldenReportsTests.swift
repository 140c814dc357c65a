import Crypto
import Foundation
import Testing
import TestSupport

/// Every report the samples and the test fixtures give, in every format and from every command that writes
/// one, pinned by its SHA-256 in `Tests/Fixtures/Golden/reports.sha256`: a refactoring must leave them
/// byte-identical. After a change meant to alter reports, refresh the list with
/// `PLANCHECK_UPDATE_GOLDEN=1 swift test --filter GoldenReports` and say why in the commit.
@Suite struct GoldenReportsTests {
    static let digestFile = repositoryRoot.appendingPathComponent("Tests/Fixtures/Golden/reports.sha256")

    /// One run of the binary: its arguments (`$OUT` is the case's output folder) and the files it writes there.
    struct Case {
        var name: String
        var arguments: [String]
        var files: [String] = []
        var environment: [String: String] = [:]
    }

    static let allFormats = ["--format", "text,json,html,sarif,junit,markdown", "--output-dir", "$OUT"]
    static let reportFiles = ["plancheck.txt", "plancheck.json", "plancheck.html", "plancheck.sarif", "plancheck.junit.xml", "plancheck.md"]
    static let samples = ["hetang-14th-five-year-plan.txt", "hetang-14th-five-year-plan.xml", "zhuzhou-13th-party-congress-2021.txt",
                          "zhuzhou-14th-plenum-communique-2020.txt", "zhuzhou-15th-plan-proposal-2025.txt",
                          "zhuzhou-government-work-report-2023.txt"].map { "Samples/" + $0 }
    static let hetang = "Samples/hetang-14th-five-year-plan.txt"
    static let fixtures = "Tests/Fixtures/Rules/zhuzhou/15th"

    static let cases: [Case] = [
        Case(name: "15th-samples", arguments: ["check"] + samples + ["--rules", "Rules/zhuzhou/15th"] + allFormats, files: reportFiles),
        Case(name: "14th-hetang", arguments: ["check", hetang, "--rules", "Rules/zhuzhou/14th", "--limit", "0"] + allFormats, files: reportFiles),
        Case(name: "fixtures-hetang", arguments: ["check", hetang, samples[1], "--rules", fixtures, "--today", "2026-06-01"] + allFormats,
             files: reportFiles),
        // Waivers and a baseline (the report of the case above: nothing new, nothing fixed).
        Case(name: "fixtures-waived", arguments: ["check", hetang, samples[1], "--rules", fixtures, "--today", "2026-06-01",
                                                  "--waivers", "Tests/Fixtures/Golden/waivers.txt",
                                                  "--baseline", "Tests/Fixtures/Golden/fixtures-baseline.json"] + allFormats,
             files: reportFiles),
        // The JSON report alone is streamed plan by plan: it must be the one the other path writes.
        Case(name: "15th-streamed", arguments: ["check"] + samples + ["--rules", "Rules/zhuzhou/15th", "--format", "json", "--output", "$OUT/plancheck.json"],
             files: ["plancheck.json"]),
        Case(name: "15th-stdout-sarif", arguments: ["check", hetang, "--rules", "Rules/zhuzhou/15th", "--format", "sarif"]),
        Case(name: "14th-explain", arguments: ["check", hetang, "--rules", "Rules/zhuzhou/14th", "--explain", "公报.8"]),
        Case(name: "14th-explain-zh", arguments: ["check", hetang, "--rules", "Rules/zhuzhou/14th", "--explain", "公报.8", "--lang", "zh"]),
        Case(name: "outline-text", arguments: ["outline", hetang, samples[1]]),
        Case(name: "outline-text-zh", arguments: ["outline", "--lang", "zh", samples[2], samples[1]]),
        Case(name: "outline-json", arguments: ["outline", "--format", "json", samples[4]]),
        Case(name: "outline-plan-xml", arguments: ["outline", "--format", "plan-xml", samples[2]]),
        Case(name: "coverage-html", arguments: ["rules", "coverage", "Rules/zhuzhou/15th", "--source", samples[4], "--format", "html",
                                                "--output", "$OUT/coverage.html"], files: ["coverage.html"]),
        Case(name: "coverage-text-zh", arguments: ["rules", "coverage", "Rules/zhuzhou/15th", "--source", samples[4], "--lang", "zh"]),
        Case(name: "coverage-json", arguments: ["rules", "coverage", "Rules/zhuzhou/14th", "--source", samples[3], "--cite", "公报",
                                                "--format", "json"]),
        Case(name: "matches", arguments: ["rules", "matches", "Rules/zhuzhou/15th", hetang, "--goal", "5.2"]),
        Case(name: "matches-zh", arguments: ["rules", "matches", "Rules/zhuzhou/15th", hetang, "--goal", "5.2", "--lang", "zh"]),
        Case(name: "lint", arguments: ["rules", "lint", "Rules"]),
        Case(name: "extract", arguments: ["extract", samples[3]]),
        // The terminal summary in Chinese: asked for, and from a Chinese locale.
        Case(name: "14th-hetang-zh", arguments: ["check", hetang, "--rules", "Rules/zhuzhou/14th", "--limit", "0", "--lang", "zh"]),
        Case(name: "14th-hetang-zh-formats", arguments: ["check", hetang, "--rules", "Rules/zhuzhou/14th", "--lang", "zh",
                                                       "--format", "text,json,markdown,junit,sarif,html", "--output-dir", "$OUT"],
             files: ["plancheck.txt", "plancheck.json", "plancheck.md", "plancheck.junit.xml", "plancheck.sarif", "plancheck.html"]),
        Case(name: "coverage-html-zh", arguments: ["rules", "coverage", "Rules/zhuzhou/15th", "--source", samples[4], "--format", "html",
                                                   "--lang", "zh", "--output", "$OUT/coverage.html"], files: ["coverage.html"]),
        Case(name: "fixtures-waived-zh", arguments: ["check", hetang, samples[1], "--rules", fixtures, "--today", "2026-06-01",
                                                     "--waivers", "Tests/Fixtures/Golden/waivers.txt",
                                                     "--baseline", "Tests/Fixtures/Golden/fixtures-baseline.json"],
             environment: ["LANG": "zh_CN.UTF-8", "PLANCHECK_LANG": ""]),
        // The bundled rules declare Chinese: a C locale with nothing asked writes Chinese.
        Case(name: "15th-hetang-declared-zh", arguments: ["check", hetang, "--limit", "0"], environment: ["LANG": "C", "PLANCHECK_LANG": ""]),
    ]

    /// `name/file` → digest, for every case; `stdout` is what the run printed.
    static func digests() throws -> [(String, String)] {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        var result: [(String, String)] = []
        for c in cases {
            let dir = out.appendingPathComponent(c.name)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let run = try runPlancheck(c.arguments.map { $0.replacingOccurrences(of: "$OUT", with: dir.path) }, environment: c.environment)
            #expect(run.status <= 1, "\(c.name): exit \(run.status): \(run.stderr)")
            result.append(("\(c.name)/stdout", hex(Data(run.stdout.utf8))))
            if !run.stderr.isEmpty { result.append(("\(c.name)/stderr", hex(Data(run.stderr.utf8)))) }
            for f in c.files {
                let data = try Data(contentsOf: dir.appendingPathComponent(f))
                result.append(("\(c.name)/\(f)", hex(data)))
            }
        }
        return result
    }

    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    @Test func everyReportIsTheOnePinned() throws {
        let actual = try Self.digests()
        let lines = actual.map { "\($1)  \($0)" }
        if ProcessInfo.processInfo.environment["PLANCHECK_UPDATE_GOLDEN"] == "1" {
            let header = "# SHA-256 of every report of Tests/CLITests/GoldenReportsTests.swift; refresh with\n"
                + "# PLANCHECK_UPDATE_GOLDEN=1 swift test --filter GoldenReports\n"
            try Data((header + lines.joined(separator: "\n") + "\n").utf8).write(to: Self.digestFile, options: .atomic)
            return
        }
        let pinned = try String(contentsOf: Self.digestFile, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map(String.init)
        // Named one by one, so a failure says which report of which case changed.
        let want = Dictionary(pinned.map { ($0.split(separator: " ").last.map(String.init) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for line in lines {
            let name = line.split(separator: " ").last.map(String.init) ?? ""
            #expect(want[name] == line, "\(name) differs from the pinned report (or is new)")
        }
        #expect(Set(want.keys) == Set(actual.map(\.0)), "cases pinned and cases run differ")
    }
}
