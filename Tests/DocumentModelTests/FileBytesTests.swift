import Foundation
import Testing
@testable import DocumentModel
import TestSupport

/// Plan files are read into arrays of their exact size, within the size limit, whatever kind of file they are.
@Suite struct FileBytesTests {
    @Test func aRegularFileIsReadWhole() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try sampleBytes(Sample.hetang)
        let url = dir.appendingPathComponent("plan.txt")
        try Data(bytes).write(to: url)
        let read = try FileBytes.read(url.path, limit: bytes.count)
        #expect(read == bytes)
        #expect(read.capacity < bytes.count + 4096, "sized to the file, not grown by doubling")
        #expect(try FileBytes.read(dir.appendingPathComponent("empty.txt").path(creating: []), limit: 10) == [])
    }

    @Test func overTheLimitIsRefusedWithItsSize() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("plan.txt")
        try Data(repeating: 0x41, count: 1001).write(to: url)
        #expect(throws: FileBytes.Failure.self) { _ = try FileBytes.read(url.path, limit: 1000) }
        do { _ = try FileBytes.read(url.path, limit: 1000) } catch {
            guard case .tooLarge(let size) = error else { Issue.record("\(error)"); return }
            #expect(size == 1001)
        }
    }

    /// A device that never ends is read up to the limit, not forever.
    @Test func anEndlessDeviceStopsAtTheLimit() throws {
        do { _ = try FileBytes.read("/dev/zero", limit: 100_000); Issue.record("read /dev/zero whole") } catch {
            guard case .tooLarge(nil) = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func whatCannotBeReadSaysWhy() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, why) in [(dir.appendingPathComponent("absent.txt").path, "No such file"), (dir.path, "directory")] {
            do { _ = try FileBytes.read(path, limit: 1000); Issue.record("\(path) was read") } catch {
                guard case .unreadable(let message) = error else { Issue.record("\(error)"); continue }
                #expect(message.contains(why), "\(message)")
            }
        }
    }
}

private extension URL {
    /// Makes an empty file here and returns its path.
    func path(creating contents: [UInt8]) -> String {
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents))
        return path
    }
}
