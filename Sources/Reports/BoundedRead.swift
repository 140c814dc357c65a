import Foundation

/// Reads a small input file (waivers, a baseline report) whole, refusing one over a size limit before
/// reading it: a 25 MB waiver file took 41 s and 544 MB before its first error.
enum BoundedRead {
    /// Why a file was not read.
    enum Failure: Error {
        case unreadable
        /// Over the limit: its size when known (a pipe or device is only known to be larger).
        case tooLarge(size: Int?)
    }

    /// The file's bytes, at most `limit` of them; a pipe or device is read only up to the limit.
    static func read(_ path: String, limit: Int) throws(Failure) -> Data {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           attributes[.type] as? FileAttributeType == .typeRegular,
           let size = (attributes[.size] as? NSNumber)?.intValue, size > limit {
            throw .tooLarge(size: size)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable }
        defer { try? handle.close() }
        var data = Data()
        do {
            while data.count <= limit, let chunk = try handle.read(upToCount: min(1 << 20, limit + 1 - data.count)), !chunk.isEmpty {
                data.append(chunk)
            }
        } catch {
            throw .unreadable
        }
        if data.count > limit { throw .tooLarge(size: nil) }
        return data
    }

    /// How a refusal reads: `is 26000026 bytes, over the limit of 1048576 bytes for a waiver file`.
    static func describe(_ size: Int?, limit: Int, what: String) -> String {
        "\(size.map { "is \($0) bytes" } ?? "is larger than \(limit) bytes"), over the limit of \(limit) bytes for \(what)"
    }
}
