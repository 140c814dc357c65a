import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// Runs that are killed, and runs side by side on the same reports: no stray files, no mixed sets, and a
/// second writer of the same file is told it is in use.
@Suite struct InterruptedRunTests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    /// A `check` of the sample named many times: long enough to be caught mid-run, started in the background.
    func startLongRun(_ extra: [String], environment: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = plancheckBinary
        p.arguments = ["check"] + Array(repeating: hetang, count: 3000) + extra
        p.currentDirectoryURL = repositoryRoot
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits (generously) until the run has staged its files in `dir`'s work folder.
    func waitForStaging(in dir: URL, of run: Process) throws -> String {
        let work = dir.appendingPathComponent(".plancheck-work").path
        for _ in 0 ..< 600 {
            if let runs = try? FileManager.default.contentsOfDirectory(atPath: work), let r = runs.first(where: { $0.hasPrefix("run-\(run.processIdentifier)-") }) {
                return work + "/" + r
            }
            if !run.isRunning { break }
            usleep(50_000)
        }
        run.terminate()
        throw CocoaError(.fileNoSuchFile, userInfo: ["reason": "the run never staged its reports in \(work)"])
    }

    func contents(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func aRunKilledWithSIGKILLLeavesTheOldSetAndTheNextRunRemovesItsFiles() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("plancheck.json"), html = dir.appendingPathComponent("plancheck.html")
        let old = Data("{\"earlier\": true}\n".utf8)
        try old.write(to: json)
        try old.write(to: html)
        let run = try startLongRun(["--format", "json,html", "--output-dir", dir.path])
        let staging = try waitForStaging(in: dir, of: run)
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        #expect(run.terminationReason == .uncaughtSignal)
        // The reports of the last run are untouched; the killed run's folder is what kill -9 leaves.
        #expect(try Data(contentsOf: json) == old)
        #expect(try Data(contentsOf: html) == old)
        #expect(FileManager.default.fileExists(atPath: staging))
        // The next run in that folder removes it, and leaves only its own reports.
        let next = try runPlancheck(["check", hetang, "--format", "json,html", "--output-dir", dir.path])
        #expect(next.status == 1)
        #expect(try contents(dir) == ["plancheck.html", "plancheck.json"])
        #expect(try Data(contentsOf: json) != old)
        #expect(try Data(contentsOf: html) != old)
    }

    @Test func aRunStoppedWithSIGTERMRemovesItsOwnFiles() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("r.json")
        let old = Data("{\"earlier\": true}\n".utf8)
        try old.write(to: json)
        let run = try startLongRun(["--json", json.path])
        _ = try waitForStaging(in: dir, of: run)
        kill(run.processIdentifier, SIGTERM)
        run.waitUntilExit()
        #expect(run.terminationStatus == 128 + SIGTERM)
        #expect(try contents(dir) == ["r.json"])
        #expect(try Data(contentsOf: json) == old)
    }

    @Test func aReportToStandardOutputKeepsItsTemporaryFileInTheTemporaryFolder() throws {
        let tmp = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        // TMPDIR is where a JSON report streamed to standard output spills its findings.
        let run = try startLongRun(["--format", "json"], environment: ["TMPDIR": tmp.path])
        let work = tmp.appendingPathComponent("plancheck-work-\(getuid())")
        for _ in 0 ..< 600 where (try? FileManager.default.contentsOfDirectory(atPath: work.path))?.isEmpty ?? true { usleep(50_000) }
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).count == 1)
        // A finished run removes both its own folder and the dead run's.
        let p = Process()
        p.executableURL = plancheckBinary
        p.arguments = ["check", hetang, "--format", "json"]
        p.currentDirectoryURL = repositoryRoot
        p.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": tmp.path]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(try contents(tmp).isEmpty)
    }

    @Test func aSecondRunOnTheSameReportIsToldItIsInUse() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("r.json")
        let run = try startLongRun(["--json", json.path])
        defer { if run.isRunning { kill(run.processIdentifier, SIGKILL); run.waitUntilExit() } }
        _ = try waitForStaging(in: dir, of: run)
        let second = try runPlancheck(["check", hetang, "--json", json.path])
        #expect(second.status == 2)
        #expect(second.stderr.contains("\(json.path): is being written by another plancheck run (process \(run.processIdentifier))"))
        // The same folder, another file: no conflict.
        let other = try runPlancheck(["check", hetang, "--json", dir.appendingPathComponent("other.json").path])
        #expect(other.status == 1)
        kill(run.processIdentifier, SIGTERM)
        run.waitUntilExit()
        #expect(try contents(dir) == ["other.json"])
    }
}
