import Foundation

/// Writes reports so that a failed run never leaves a half-written file over a good one.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `path`, then renames it over `path`.
    /// Creates the folder when missing; throws a message naming the path when it cannot.
    public static func write(_ data: Data, to path: String) throws(AtomicWriteError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw AtomicWriteError(path: path, reason: "is a folder")
        }
        do { try fm.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw AtomicWriteError(path: path, reason: "cannot create the folder \(dir.path)")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard fm.createFile(atPath: temp.path, contents: data) else {
            throw AtomicWriteError(path: path, reason: "cannot write in \(dir.path)")
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw AtomicWriteError(path: path, reason: reason)
        }
    }
}

/// A report that could not be written.
public struct AtomicWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
