import Foundation

/// Reads a whole file into an array of its exact size. Through `Data` the file was held twice, and the
/// second copy lived through the whole read: 3 MB of the 65 MB heap peak reading 3 MB of plan XML.
public enum FileBytes {
    /// Why a file was not read.
    public enum Failure: Error {
        /// What the system said.
        case unreadable(String)
        /// Over the limit: its size when known (a pipe or device is only known to be larger).
        case tooLarge(size: Int?)
    }

    /// The file's bytes, refused unread when it is a regular file over `limit`; a pipe or device, or a file
    /// that grows while it is read, is read only up to the limit.
    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        var bytes: [UInt8] = []
        var failure: Int32 = 0
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            let size = Int(info.st_size)
            if size > limit { throw .tooLarge(size: size) }
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = 0
                while count < size {
                    let n = Foundation.read(fd, buffer.baseAddress! + count, size - count)
                    if n > 0 { count += n } else if n == 0 || errno != EINTR { failure = n < 0 ? errno : 0; break }
                }
            }
        }
        // The rest: all of a pipe or device, or what a regular file gained since its size was taken.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while failure == 0, bytes.count <= limit {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, min($0.count, limit + 1 - bytes.count)) }
            if n > 0 { bytes.append(contentsOf: chunk[..<n]) } else if n == 0 { break } else if errno != EINTR { failure = errno }
        }
        if failure != 0 { throw .unreadable(String(cString: strerror(failure))) }
        if bytes.count > limit { throw .tooLarge(size: nil) }
        return bytes
    }
}
