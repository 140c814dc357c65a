import Foundation
import Testing
@testable import Reports
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// Reports are staged and replaced as a set; dead runs' leftovers are removed, live runs' claims respected.
@Suite struct OutputSetTests {
    func folder() throws -> String { try temporaryFolder().path }

    func contents(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func aSetIsPutInPlaceTogetherAndLeavesNothingElse() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = ["a.json", "b.html", "sub/c.sarif"].map { dir + "/" + $0 }
        try "old a".write(toFile: paths[0], atomically: false, encoding: .utf8)
        let set = try OutputSet(destinations: paths)
        for p in paths { try set.write(Data("new \(p.suffix(6))".utf8), to: p) }
        // Staged, not yet in place.
        #expect(read(paths[0]) == "old a")
        #expect(read(paths[1]) == nil)
        try set.commit()
        for p in paths { #expect(read(p) == "new \(p.suffix(6))") }
        #expect(try contents(dir) == ["a.json", "b.html", "sub"])
        #expect(try contents(dir + "/sub") == ["c.sarif"])
    }

    @Test func aSetWithAFileNotWrittenReplacesNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = [dir + "/a.json", dir + "/b.html"]
        for p in paths { try "old".write(toFile: p, atomically: false, encoding: .utf8) }
        let set = try OutputSet(destinations: paths)
        try set.write(Data("new".utf8), to: paths[0])
        #expect(throws: AtomicWriteError.self) { try set.commit() }
        set.discard()
        for p in paths { #expect(read(p) == "old") }
        #expect(try contents(dir) == ["a.json", "b.html"])
    }

    @Test func aDiscardedSetLeavesTheOldFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old".write(toFile: dir + "/a.json", atomically: false, encoding: .utf8)
        do {
            let set = try OutputSet(destinations: [dir + "/a.json"])
            try set.write(Data("new".utf8), to: dir + "/a.json")
            // Dropped without commit, as when a run fails.
        }
        #expect(read(dir + "/a.json") == "old")
        #expect(try contents(dir) == ["a.json"])
    }

    @Test func aDeadRunsLeftoversAreRemovedByTheNextRun() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // What kill -9 leaves: a run folder nobody holds locked, with a half-written report in it.
        let dead = dir + "/\(RunFolder.workName)/run-999999-dead"
        try FileManager.default.createDirectory(atPath: dead, withIntermediateDirectories: true)
        try "a.json".write(toFile: dead + "/" + RunFolder.claimsName, atomically: false, encoding: .utf8)
        try "half".write(toFile: dead + "/a.json", atomically: false, encoding: .utf8)
        // A dead run's claim does not stop the next run.
        let set = try OutputSet(destinations: [dir + "/a.json"])
        #expect(!FileManager.default.fileExists(atPath: dead))
        try set.write(Data("new".utf8), to: dir + "/a.json")
        try set.commit()
        #expect(try contents(dir) == ["a.json"])
    }

    @Test func aLiveRunsClaimIsRespected() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try OutputSet(destinations: [dir + "/a.json", dir + "/b.json"])
        let error = #expect(throws: AtomicWriteError.self) { _ = try OutputSet(destinations: [dir + "/c.json", dir + "/b.json"]) }
        #expect(error?.path == dir + "/b.json")
        #expect(error?.reason.contains("being written by another plancheck run (process \(getpid()))") == true)
        // Another file in the same folder is free, and the refused run left nothing behind.
        let other = try OutputSet(destinations: [dir + "/c.json"])
        #expect(try contents(dir + "/" + RunFolder.workName).count == 2)
        other.discard()
        first.discard()
        #expect(try contents(dir).isEmpty)
        // Once the first run is over, its files are free again.
        let again = try OutputSet(destinations: [dir + "/b.json"])
        again.discard()
    }

    @Test func aReportMayHaveTheNameOfTheRunFoldersOwnFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + RunFolder.claimsName
        let set = try OutputSet(destinations: [path])
        try set.write(Data("report".utf8), to: path)
        // Staging it did not overwrite the claim: another run is still refused.
        #expect(throws: AtomicWriteError.self) { _ = try OutputSet(destinations: [path]) }
        try set.commit()
        #expect(read(path) == "report")
        #expect(try contents(dir) == [RunFolder.claimsName])
    }

    @Test func namingAFileTwiceOrAFolderIsRefused() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: AtomicWriteError.self) { _ = try OutputSet(destinations: [dir + "/a.json", dir + "/./a.json"]) }
        #expect(throws: AtomicWriteError.self) { _ = try OutputSet(destinations: [dir]) }
        #expect(try contents(dir).isEmpty)
    }

    @Test func anExistingFileKeepsItsPermissions() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old".write(toFile: dir + "/a.rules", atomically: false, encoding: .utf8)
        chmod(dir + "/a.rules", 0o640)
        try OutputSet.write(Data("new".utf8), to: dir + "/a.rules")
        var st = stat()
        stat(dir + "/a.rules", &st)
        #expect(st.st_mode & 0o777 == 0o640)
        #expect(read(dir + "/a.rules") == "new")
    }

    @Test func aSymbolicLinkHasItsTargetReplacedAndStaysALink() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        try "old".write(toFile: dir + "/real/report.html", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/report.html", withDestinationPath: "real/report.html")
        try OutputSet.write(Data("new".utf8), to: dir + "/report.html")
        #expect(read(dir + "/real/report.html") == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/report.html") == "real/report.html")
        #expect(try contents(dir) == ["real", "report.html"], "nothing staged is left beside the link")
    }

    @Test func scratchFilesWithoutADestinationGoInTheTemporaryFolderAndAreRemoved() throws {
        let set = try OutputSet(destinations: [])
        let path = try set.scratchPath("findings")
        try "x".write(toFile: path, atomically: false, encoding: .utf8)
        let runFolder = (path as NSString).deletingLastPathComponent
        set.discard()
        #expect(!FileManager.default.fileExists(atPath: runFolder))
    }
}
