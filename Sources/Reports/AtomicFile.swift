import Foundation

/// Writes reports so that a failed run never leaves a half-written file over a good one.
public enum AtomicFile {
    /// Stages `data` beside `path` (see `OutputSet`), then renames it over `path`. Creates the folder when
    /// missing; throws a message naming the path when it cannot, or when another run is writing it.
    public static func write(_ data: Data, to path: String) throws(AtomicWriteError) {
        let set = try OutputSet(destinations: [path])
        defer { set.discard() }
        try set.write(data, to: path)
        try set.commit()
    }
}

/// A report that could not be written.
public struct AtomicWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
