import DocumentModel
import Foundation
import Localization

/// Reads a small input file (waivers, a baseline report) whole, refusing one over a size limit before
/// reading it: a 25 MB waiver file took 41 s and 544 MB before its first error.
enum BoundedRead {
    /// Why a file was not read.
    enum Failure: Error {
        case unreadable
        /// Over the limit: its size when known (a pipe or device is only known to be larger).
        case tooLarge(size: Int?)
    }

    /// The file's bytes, at most `limit` of them; a pipe or device is read only up to the limit (`FileBytes`).
    static func read(_ path: String, limit: Int) throws(Failure) -> Data {
        do { return Data(try FileBytes.read(path, limit: limit)) } catch {
            switch error {
            case .unreadable: throw .unreadable
            case .tooLarge(let size): throw .tooLarge(size: size)
            }
        }
    }

    /// How a refusal reads: `is 26000026 bytes, over the limit of 1048576 bytes for a waiver file`.
    static func describe(_ size: Int?, limit: Int, what: LocalizedText) -> LocalizedText {
        LocalizedText(
            en: "\(size.map { "is \($0) bytes" } ?? "is larger than \(limit) bytes"), over the limit of \(limit) bytes for \(what.en)",
            zh: "\(size.map { "大小为 \($0) 字节" } ?? "大于 \(limit) 字节")，超过\(what.zh) \(limit) 字节的上限")
    }
}
