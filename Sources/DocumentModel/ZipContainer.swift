import CLibArchive
import Localization

/// Reads the few entries a .docx reader needs out of a zip held in memory, trusting nothing in it.
///
/// The zip is read by libarchive (fuzzed upstream by OSS-Fuzz; see docs/docx-container.md): zip format only,
/// from memory, through the central directory when there is one. Each entry asked for is unpacked in chunks,
/// counted as the bytes come out against `ReadOptions.maxUncompressedBytes` (over all the entries read) and
/// `maxCompressionRatio` (output over the packed bytes actually consumed), and checked against its CRC-32.
/// An entry name that occurs twice, an encrypted entry asked for, or any damage met on the way is an error.
enum ZipContainer {
    /// Past this many entries the archive is refused; a .docx has tens or hundreds.
    static let maxEntries = 100_000
    /// The size of the chunks read out of an entry.
    static let chunkSize = 64 << 10

    /// The entries named in `wanted` that the zip holds, unpacked.
    static func unpack(_ bytes: [UInt8], wanted: Set<String>, file: String, options: ReadOptions) throws(ReadError) -> [String: [UInt8]] {
        guard !bytes.isEmpty else {
            throw ReadError(file: file, message: LocalizedText(en: "not a .docx: cannot be opened as a zip archive (the file is empty)",
                                                              zh: "不是 .docx：无法作为 zip 压缩包打开（文件为空）"))
        }
        let result: Result<[String: [UInt8]], ReadError> = bytes.withUnsafeBytes { raw in
            guard let a = archive_read_new(), let base = raw.baseAddress else {
                return .failure(ReadError(file: file, message: LocalizedText(en: "not a readable .docx: libarchive could not start",
                                                                             zh: "无法读取的 .docx：libarchive 未能启动")))
            }
            defer { archive_read_free(a) }
            archive_read_support_format_zip(a)
            guard archive_read_open_memory(a, base, raw.count) == ARCHIVE_OK else {
                return .failure(ReadError(file: file, message: LocalizedText(en: "not a .docx: cannot be opened as a zip archive (\(errorText(a)))",
                                                                             zh: "不是 .docx：无法作为 zip 压缩包打开（“\(errorText(a))”）")))
            }
            var reader = Reader(archive: a, file: file, options: options, zipSize: raw.count)
            return Result { () throws(ReadError) in try reader.entries(wanted) }
        }
        return try result.get()
    }

    /// libarchive's last error message on one line (some end in a newline), or a stand-in when it gave none.
    static func errorText(_ a: OpaquePointer) -> String {
        guard let c = archive_error_string(a) else { return "no reason given" }
        let line = String(cString: c).unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }
        return String(line).split(separator: " ").joined(separator: " ")
    }

    /// One pass over an open archive.
    struct Reader {
        let archive: OpaquePointer
        let file: String
        let options: ReadOptions
        /// The whole zip's size: no entry can have consumed more.
        let zipSize: Int
        var budget: Int

        init(archive: OpaquePointer, file: String, options: ReadOptions, zipSize: Int) {
            self.archive = archive
            self.file = file
            self.options = options
            self.zipSize = zipSize
            budget = options.maxUncompressedBytes
        }

        func damaged(_ what: LocalizedText) -> ReadError {
            ReadError(file: file, message: LocalizedText(en: "not a readable .docx: \(what.en) (\(errorText(archive)))",
                                                         zh: "无法读取的 .docx：\(what.zh)（“\(errorText(archive))”）"))
        }

        /// Every entry header is read, so that a second entry of a wanted name is seen, not silently ignored.
        mutating func entries(_ wanted: Set<String>) throws(ReadError) -> [String: [UInt8]] {
            var found: [String: [UInt8]] = [:]
            var seen = Set<String>()
            var count = 0
            var entry: OpaquePointer?
            while true {
                let r = archive_read_next_header(archive, &entry)
                if r == ARCHIVE_EOF { break }
                guard r == ARCHIVE_OK || r == ARCHIVE_WARN, let entry else {
                    throw damaged(count == 0 ? LocalizedText(en: "the zip's first entry cannot be read", zh: "zip 的第一个条目无法读取")
                                              : LocalizedText(en: "the zip is damaged after entry \(count)", zh: "zip 在第 \(count) 个条目之后已损坏"))
                }
                count += 1
                if count > maxEntries {
                    throw ReadError(file: file, message: LocalizedText(en: "refused: the zip has more than \(maxEntries) entries",
                                                                      zh: "拒绝读取：zip 中的条目超过 \(maxEntries) 个"))
                }
                guard let cName = archive_entry_pathname(entry) else { continue }
                let name = String(cString: cName)
                guard wanted.contains(name) else { continue }
                // A warning on an entry that is read means its headers disagree (CRC, sizes: "Inconsistent CRC32
                // values"); on another entry it is most often a name in a legacy encoding, harmless here.
                if r == ARCHIVE_WARN { throw damaged(LocalizedText(en: "the headers of \(name) disagree", zh: "\(name) 的头信息前后不一致")) }
                guard seen.insert(name).inserted else {
                    // Readers differ on which copy counts; a document that reads two ways is refused.
                    throw ReadError(file: file, message: LocalizedText(en: "not a readable .docx: the zip has two entries named \(name)",
                                                                      zh: "无法读取的 .docx：zip 中有两个名为 \(name) 的条目"))
                }
                if archive_entry_is_data_encrypted(entry) != 0 {
                    throw ReadError(file: file, message: LocalizedText(en: "not a readable .docx: \(name) is encrypted", zh: "无法读取的 .docx：\(name) 已加密"))
                }
                found[name] = try data(of: name, entry: entry)
            }
            return found
        }

        /// The current entry's bytes, refused as soon as they pass the budget or the ratio.
        mutating func data(of name: String, entry: OpaquePointer) throws(ReadError) -> [UInt8] {
            let limit = options.maxUncompressedBytes
            let ratio = options.maxCompressionRatio
            func bomb(_ why: LocalizedText, _ sizes: LocalizedText) -> ReadError {
                ReadError(file: file, message: LocalizedText(
                    en: "refused: \(name) \(why.en) (\(sizes.en)); a zip bomb or a document too large to read",
                    zh: "拒绝读取：\(name) \(why.zh)（\(sizes.zh)）；这是 zip 炸弹，或文档过大无法读取"))
            }
            func tooDense(_ n: Int, _ packed: Int) -> Bool { n > 1 << 20 && Double(n) / Double(max(packed, 1)) > ratio }
            let declared = archive_entry_size_is_set(entry) != 0 ? Int(clamping: archive_entry_size(entry)) : 0
            if declared > budget { throw bomb(LocalizedText(en: "would unpack past the limit of \(limit) bytes", zh: "解压后将超过 \(limit) 字节的上限"),
                                                LocalizedText(en: "\(declared) bytes declared", zh: "声明为 \(declared) 字节")) }
            // The declared size is the zip's word, not a fact: it only bounds the first reservation.
            var out: [UInt8] = []
            out.reserveCapacity(min(max(declared, 0), budget, 64 << 20))
            var chunk = [UInt8](repeating: 0, count: chunkSize)
            // Input consumed so far: deflate needs input to make progress, so output is bounded by it too.
            let start = archive_filter_bytes(archive, 0)
            while true {
                let n = chunk.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if n == 0 { break }
                guard n > 0 else {
                    // A bad CRC or a size that does not match is ARCHIVE_WARN here: the data is not what was stored.
                    throw damaged(LocalizedText(en: "\(name) could not be unpacked", zh: "\(name) 无法解压"))
                }
                let total = out.count + n
                let packed = min(Int(clamping: archive_filter_bytes(archive, 0) - start), zipSize)
                let sizes = LocalizedText(en: "\(total) bytes from \(packed) packed", zh: "由 \(packed) 字节压缩数据解出 \(total) 字节")
                if total > budget { throw bomb(LocalizedText(en: "unpacks past the limit of \(limit) bytes", zh: "解压后超过 \(limit) 字节的上限"), sizes) }
                if tooDense(total, packed) {
                    throw bomb(LocalizedText(en: "is compressed more than \(Int(ratio)) to 1", zh: "压缩比超过 \(Int(ratio)) 比 1"), sizes)
                }
                out.append(contentsOf: chunk[0..<n])
            }
            budget -= out.count
            return out
        }
    }
}
