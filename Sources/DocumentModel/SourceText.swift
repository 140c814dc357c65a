import Foundation
import Localization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encodings plancheck reads plan text in.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case gb18030 = "gb18030"
}

/// Why a file could not be read as text; every case names the file and, where it applies, the place. The
/// message is written in both languages where the error is made: `message` is the English one (canonical:
/// tests read it), `message(in:)` the one a person reads.
public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// 1-based line of the problem, when known.
    public let line: Int?
    /// 1-based column of the problem, when known (XML errors).
    public let column: Int?
    /// Offset of the first offending byte, when the problem is in the bytes.
    public let byteOffset: Int?
    /// What is wrong, in words, in every language.
    public let text: LocalizedText

    public init(file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, message: LocalizedText) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.text = message
    }

    /// What is wrong, in English.
    public var message: String { text.en }

    /// What is wrong, in `language`.
    public func message(in language: Language) -> String { text.text(language) }

    /// The file and place (`计划.txt:12:5`), then the message in `language`.
    public func description(in language: Language) -> String {
        var place = file
        if let line { place += ":\(line)" }
        if line != nil, let column { place += ":\(column)" }
        return "\(place): \(message(in: language))"
    }

    public var description: String { description(in: .en) }
}

/// A decoded text file: its Unicode scalars, its lines, and the way back to the original bytes.
public struct SourceText: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The encoding the bytes were found to be in.
    public let encoding: TextEncoding
    /// Whether the file began with a byte-order mark.
    public let hadBOM: Bool
    /// Every scalar of the text, line breaks included.
    public let scalars: [Unicode.Scalar]
    /// Lines as ranges of `scalars`, without their line breaks.
    public let lines: [Range<Int>]
    /// Byte offset in the original file where each line starts.
    public let lineByteStarts: [Int]
    /// For GB18030 only: the byte width of each scalar (1, 2 or 4), since it cannot be derived from the scalar.
    let gbWidths: [UInt8]?

    /// Decodes `bytes`, detecting the encoding: a BOM (UTF-8, UTF-16 LE/BE), else valid UTF-8, else GB18030.
    public init(bytes: [UInt8], file: String) throws(ReadError) {
        // Nearly every plan is well-formed UTF-8 without stray control characters: decoded and split in one
        // pass. Anything else takes the careful path, which finds the encoding or says what is wrong.
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if bytes.first != 0xFF && bytes.first != 0xFE, let fast = UTF8Lines(bytes, from: bomLength) {
            self.init(file: file, encoding: .utf8, hadBOM: bomLength > 0, scalars: fast.scalars, lines: fast.lines,
                      lineByteStarts: fast.starts, gbWidths: nil)
        } else {
            try self.init(carefully: bytes, file: file)
        }
    }

    private init(file: String, encoding: TextEncoding, hadBOM: Bool, scalars: [Unicode.Scalar], lines: [Range<Int>],
                 lineByteStarts: [Int], gbWidths: [UInt8]?) {
        self.file = file
        self.encoding = encoding
        self.hadBOM = hadBOM
        self.scalars = scalars
        self.lines = lines
        self.lineByteStarts = lineByteStarts
        self.gbWidths = gbWidths
    }

    /// Decodes `bytes` scalar by scalar, trying each encoding in turn: the path for anything the one-pass
    /// UTF-8 decoder does not take, and the reference that tests hold it to.
    init(carefully bytes: [UInt8], file: String) throws(ReadError) {
        self.file = file
        var bom = 0
        var enc: TextEncoding
        var scalars: [Unicode.Scalar]
        var gb: [UInt8]? = nil
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bom = 3
            enc = .utf8
            let body = bytes[3...]
            if let bad = UTF8Validation.firstInvalid(body) {
                throw SourceText.invalidError(file: file, bytes: bytes, offset: bad,
                                              what: LocalizedText(en: "UTF-8 (it begins with a UTF-8 byte-order mark)",
                                                                  zh: "UTF-8 文本（文件以 UTF-8 字节顺序标记开头）"))
            }
            scalars = UTF8Validation.decodeValid(body)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bom = 2
            enc = bytes[0] == 0xFF ? .utf16LE : .utf16BE
            scalars = try SourceText.decodeUTF16(bytes, bigEndian: enc == .utf16BE, file: file)
        } else if let decoded = UTF8Validation.decodeIfValid(bytes[...]) {
            // The common case, in one pass: valid UTF-8 decoded while it is checked.
            enc = .utf8
            scalars = decoded
        } else if let bad = UTF8Validation.firstInvalid(bytes[...]) {
            // Not UTF-8. Text that is mostly well-formed UTF-8 with a flaw is a damaged UTF-8 file,
            // not GB18030: decoding it as GB18030 would give mojibake instead of an error.
            let stats = UTF8Validation.multibyteStats(bytes[...])
            if stats.valid >= 4 && stats.valid > 4 * stats.invalid {
                throw SourceText.invalidError(file: file, bytes: bytes, offset: bad, what: LocalizedText(en: "UTF-8", zh: "UTF-8 文本"))
            }
            switch GB18030.segment(bytes) {
            case .failure(let gbBad):
                throw SourceText.invalidError(file: file, bytes: bytes, offset: stats.valid > 0 ? bad : gbBad.offset,
                                              what: LocalizedText(en: "UTF-8, UTF-16 or GB18030", zh: "UTF-8、UTF-16 或 GB18030 文本"))
            case .success(let widths):
                guard let s = String(data: Data(bytes), encoding: GB18030.foundationEncoding) else {
                    throw SourceText.invalidError(file: file, bytes: bytes, offset: bad,
                                                  what: LocalizedText(en: "UTF-8, UTF-16 or GB18030", zh: "UTF-8、UTF-16 或 GB18030 文本"))
                }
                let decoded = Array(s.unicodeScalars)
                // Each GB18030 sequence is one scalar; if Foundation disagrees, byte offsets cannot be trusted.
                guard decoded.count == widths.count else {
                    throw ReadError(file: file, message: LocalizedText(en: "could not map GB18030 text back to its bytes",
                                                                      zh: "无法将 GB18030 文本对应回其字节"))
                }
                enc = .gb18030
                scalars = decoded
                gb = widths
            }
        } else {
            // Unreachable: bytes that fail to decode have a first invalid byte.
            enc = .utf8
            scalars = UTF8Validation.decodeValid(bytes[...])
        }
        self.encoding = enc
        self.hadBOM = bom > 0
        self.scalars = scalars
        self.gbWidths = gb

        // Split lines at \n, \r\n and \r, tracking byte offsets in the original encoding.
        var lines: [Range<Int>] = []
        var starts: [Int] = []
        var byte = bom
        var lineStart = 0
        var lineByte = bom
        var i = 0
        let n = scalars.count
        lines.reserveCapacity(n / 40 + 1)
        let utf8 = enc == .utf8
        while i < n {
            let s = scalars[i]
            let v = s.value
            // UTF-8 widths inline: this loop visits every character of the plan.
            let w = utf8 ? (v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4) : SourceText.width(of: s, at: i, encoding: enc, gb: gb)
            if v >= 0x20 {
                byte += w
                i += 1
                continue
            }
            if s == "\n" || s == "\r" {
                lines.append(lineStart..<i)
                starts.append(lineByte)
                byte += w
                i += 1
                if s == "\r", i < n, scalars[i] == "\n" {
                    byte += SourceText.width(of: "\n", at: i, encoding: enc, gb: gb)
                    i += 1
                }
                lineStart = i
                lineByte = byte
                continue
            }
            if s.value < 0x20 && s != "\t" && s != "\u{0C}" {
                throw ReadError(file: file, line: lines.count + 1, byteOffset: byte,
                                message: LocalizedText(
                                    en: String(format: "control character U+%04X at byte offset %d: this looks like a binary file, not plan text", s.value, byte),
                                    zh: String(format: "字节偏移 %d 处有控制字符 U+%04X：这像是二进制文件，而不是规划文本", byte, s.value)))
            }
            byte += w
            i += 1
        }
        if lineStart < n || n == 0 || lines.isEmpty {
            lines.append(lineStart..<n)
            starts.append(lineByte)
        }
        self.lines = lines
        self.lineByteStarts = starts
    }

    /// Reads and decodes the file at `path`.
    public init(contentsOf path: String, maxBytes: Int = SourceText.defaultMaxBytes) throws(ReadError) {
        try self.init(bytes: try SourceText.readBytes(path, maxBytes: maxBytes), file: path)
    }

    /// The largest plan file read by default (a 100-page plan is well under 1 MB).
    public static let defaultMaxBytes = 256 << 20

    /// The bytes of the file at `path`, with errors that name it.
    public static func readBytes(_ path: String, maxBytes: Int = SourceText.defaultMaxBytes) throws(ReadError) -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ReadError(file: path, message: LocalizedText(en: "no such file", zh: "文件不存在"))
        }
        guard !isDir.boolValue else { throw ReadError(file: path, message: LocalizedText(en: "is a folder, not a plan file", zh: "是文件夹，不是规划文件")) }
        // Refuse an oversized file before reading it, not after.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            throw ReadError(file: path, message: LocalizedText(en: "is \(size) bytes, over the limit of \(maxBytes) bytes",
                                                              zh: "大小为 \(size) 字节，超过 \(maxBytes) 字节的上限"))
        }
        // Not a regular file, following links (/dev/fd/63 links to a pipe).
        var info = stat()
        let special = stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG
        if !special, let bytes = readRegularFile(path, maxBytes: maxBytes) { return bytes }
        // A device or a pipe (/dev/null, a shell's <(…)), opened once (a pipe's writer fails when its reader
        // goes): read what it gives, up to one byte past the limit.
        if special, let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            var bytes: [UInt8] = []
            while bytes.count <= maxBytes, let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty { bytes += chunk }
            guard bytes.count <= maxBytes else {
                throw ReadError(file: path, message: LocalizedText(en: "is over the limit of \(maxBytes) bytes", zh: "超过 \(maxBytes) 字节的上限"))
            }
            return bytes
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ReadError(file: path, message: LocalizedText(en: "cannot be read: \(error.localizedDescription)",
                                                              zh: "无法读取：“\(error.localizedDescription)”"))
        }
        guard data.count <= maxBytes else {
            throw ReadError(file: path, message: LocalizedText(en: "is \(data.count) bytes, over the limit of \(maxBytes) bytes",
                                                              zh: "大小为 \(data.count) 字节，超过 \(maxBytes) 字节的上限"))
        }
        return [UInt8](data)
    }

    /// A regular file read straight into an array (no `Data` in between), or nil when anything is unusual
    /// (an error, a special file, a size that changed while reading): then `Data` reads it and names the error.
    private static func readRegularFile(_ path: String, maxBytes: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0, size <= maxBytes else { return nil }
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            // One byte more than the size asks read to tell a file that grew since fstat.
            while count <= size {
                let got = read(fd, base + count, size + 1 - count)
                if got < 0 { if errno == EINTR { continue }; return }
                if got == 0 { complete = count == size; return }
                count += got
            }
        }
        return complete ? bytes : nil
    }

    /// The number of lines.
    public var lineCount: Int { lines.count }

    /// The scalars of 1-based line `number`.
    public func line(_ number: Int) -> ArraySlice<Unicode.Scalar> { scalars[lines[number - 1]] }

    /// The text of 1-based line `number` as a String.
    public func lineText(_ number: Int) -> String { String(scalars: line(number)) }

    /// Byte offset in the original file of scalar `index` (0-based within the line) of line `number`.
    public func byteOffset(line number: Int, scalarIndex index: Int) -> Int {
        let r = lines[number - 1]
        var b = lineByteStarts[number - 1]
        var i = r.lowerBound
        let end = min(r.lowerBound + index, r.upperBound)
        while i < end {
            b += SourceText.width(of: scalars[i], at: i, encoding: encoding, gb: gbWidths)
            i += 1
        }
        return b
    }

    static func width(of s: Unicode.Scalar, at i: Int, encoding: TextEncoding, gb: [UInt8]?) -> Int {
        switch encoding {
        case .utf8: return UTF8.width(s)
        case .utf16LE, .utf16BE: return s.value > 0xFFFF ? 4 : 2
        case .gb18030: return Int(gb?[i] ?? 1)
        }
    }

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool, file: String) throws(ReadError) -> [Unicode.Scalar] {
        let body = bytes.count - 2
        if body % 2 != 0 {
            throw ReadError(file: file, byteOffset: bytes.count - 1,
                            message: LocalizedText(
                                en: "UTF-16 text ends with half a character (odd byte count; last byte at offset \(bytes.count - 1))",
                                zh: "UTF-16 文本以半个字符结尾（字节数为奇数；最后一个字节位于偏移 \(bytes.count - 1)）"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(body / 2)
        var k = 2
        while k + 1 < bytes.count {
            let a = UInt16(bytes[k]), b = UInt16(bytes[k + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            k += 2
        }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(units.count)
        var it = units.makeIterator()
        var decoder = UTF16()
        var unitIndex = 0
        var line = 1
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                out.append(s)
                if s == "\n" { line += 1 }
                unitIndex += s.value > 0xFFFF ? 2 : 1
            case .emptyInput:
                break loop
            case .error:
                let offset = 2 + unitIndex * 2
                throw ReadError(file: file, line: line, byteOffset: offset,
                                message: LocalizedText(en: "not valid UTF-16: unpaired surrogate at byte offset \(offset) (line \(line))",
                                                      zh: "不是有效的 UTF-16：字节偏移 \(offset) 处有未配对的代理项（第 \(line) 行）"))
            }
        }
        return out
    }

    private static func invalidError(file: String, bytes: [UInt8], offset: Int, what: LocalizedText) -> ReadError {
        // Count lines in the valid prefix so the user can find the spot in an editor.
        var line = 1
        for b in bytes[..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
        let detail = offset < bytes.count
            ? LocalizedText(en: "invalid byte \(String(format: "0x%02X", bytes[offset])) at byte offset \(offset)",
                            zh: "字节偏移 \(offset) 处有无效字节 \(String(format: "0x%02X", bytes[offset]))")
            : LocalizedText(en: "truncated character at end of file (byte offset \(offset))",
                            zh: "文件末尾的字符不完整（字节偏移 \(offset)）")
        return ReadError(file: file, line: line, byteOffset: offset,
                         message: LocalizedText(en: "not valid \(what.en) text: \(detail.en) (line \(line))",
                                                zh: "不是有效的 \(what.zh)：\(detail.zh)（第 \(line) 行）"))
    }
}

extension UTF8 {
    static func width(_ s: Unicode.Scalar) -> Int { Int(width(s.value)) }

    /// The number of bytes scalar value `v` takes in UTF-8, without branches: each `(v + 2³¹ − bound) >> 31`
    /// is 1 when `v ≥ bound`. Branches mispredict on text that mixes ASCII and CJK, and a loop of these
    /// sums vectorizes.
    @inline(__always) static func width(_ v: UInt32) -> UInt32 {
        1 &+ ((v &+ 0x7FFF_FF80) >> 31) &+ ((v &+ 0x7FFF_F800) >> 31) &+ ((v &+ 0x7FFF_0000) >> 31)
    }
}

/// Well-formed UTF-8 decoded and split into lines in one pass, with each line's byte offset.
///
/// Fails (nil) on anything the careful path must judge: a malformed or truncated sequence, or a control
/// character other than tab, form feed and the line breaks. Fast paths for ASCII and for the 3-byte
/// sequences of CJK text; in UTF-8 a line's byte offset is simply where its first byte is.
struct UTF8Lines {
    var scalars: [Unicode.Scalar] = []
    var lines: [Range<Int>] = []
    var starts: [Int] = []

    init?(_ bytes: [UInt8], from start: Int) {
        let n = bytes.count
        var lines: [Range<Int>] = []
        var starts: [Int] = []
        lines.reserveCapacity(n / 64 + 1)
        starts.reserveCapacity(n / 64 + 1)
        var ok = true
        // Each scalar put below starts at a byte that is not a continuation byte (10xxxxxx), so their count bounds
        // the scalars; one slot per byte kept three times the room Chinese text needs (6.1 MB of the peak reading
        // 1.5 MB of XML; 2.4 MB now).
        let leads = bytes.withUnsafeBufferPointer { b in
            UTF8Validation.leadCount(UnsafeBufferPointer(rebasing: b[min(start, n)...]))
        }
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: leads) { out, count in
            bytes.withUnsafeBufferPointer { b in
                var i = start, k = 0
                var lineStart = 0, lineByte = start
                // Values come from checked sequences, so the bit cast never makes a surrogate or a value past U+10FFFF.
                @inline(__always) func put(_ v: UInt32) {
                    out[k] = unsafeBitCast(v, to: Unicode.Scalar.self)
                    k &+= 1   // at most one scalar per lead byte: never past the capacity
                }
                while i < n {
                    let c = b[i]
                    if c >= 0x20 && c < 0x80 {
                        put(UInt32(c)); i &+= 1
                    } else if c >= 0xE0 && c < 0xF0 {
                        guard i &+ 2 < n else { ok = false; return }
                        let c1 = b[i &+ 1], c2 = b[i &+ 2]
                        // Two continuation bytes; only E0 can be overlong (< U+0800) and only ED a surrogate.
                        guard (UInt16(c1) << 8 | UInt16(c2)) & 0xC0C0 == 0x8080,
                              c != 0xE0 || c1 >= 0xA0, c != 0xED || c1 < 0xA0 else { ok = false; return }
                        put(UInt32(c & 0x0F) << 12 | UInt32(c1 & 0x3F) << 6 | UInt32(c2 & 0x3F))
                        i &+= 3
                    } else if c < 0x20 {
                        if c == 0x0A || c == 0x0D {
                            lines.append(lineStart..<k)
                            starts.append(lineByte)
                            put(UInt32(c)); i += 1
                            if c == 0x0D, i < n, b[i] == 0x0A { put(0x0A); i += 1 }
                            lineStart = k
                            lineByte = i
                        } else if c == 0x09 || c == 0x0C {
                            put(UInt32(c)); i += 1
                        } else {
                            ok = false; return
                        }
                    } else if c >= 0xC2 && c < 0xE0 {
                        guard i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { ok = false; return }
                        put(UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)); i += 2
                    } else if c >= 0xF0 && c <= 0xF4 {
                        guard i + 3 < n else { ok = false; return }
                        let c1 = b[i + 1], c2 = b[i + 2], c3 = b[i + 3]
                        let v = UInt32(c & 0x07) << 18 | UInt32(c1 & 0x3F) << 12 | UInt32(c2 & 0x3F) << 6 | UInt32(c3 & 0x3F)
                        guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80, c3 & 0xC0 == 0x80, v >= 0x10000, v <= 0x10FFFF else {
                            ok = false; return
                        }
                        put(v); i += 4
                    } else if c == 0x7F {
                        put(0x7F); i += 1
                    } else {
                        // A stray continuation byte, C0/C1 (always overlong) or F5–FF.
                        ok = false; return
                    }
                }
                if lineStart < k || k == 0 || lines.isEmpty {
                    lines.append(lineStart..<k)
                    starts.append(lineByte)
                }
                count = k
            }
            if !ok { count = 0 }
        }
        guard ok else { return nil }
        self.scalars = scalars
        self.lines = lines
        self.starts = starts
    }
}

/// GB18030's byte structure, used to check the bytes and to know each character's width.
enum GB18030 {
    /// Foundation's identifier for GB18030 (kCFStringEncodingGB_18030_2000); GBK decodes as its superset.
    static let foundationEncoding = String.Encoding(rawValue: 0x8000_0632)

    /// The width of every character, or the offset of the first byte that breaks the structure.
    static func segment(_ bytes: [UInt8]) -> Result<[UInt8], SegmentError> {
        var widths: [UInt8] = []
        widths.reserveCapacity(bytes.count / 2)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { widths.append(1); i += 1; continue }
            guard (0x81...0xFE).contains(b), i + 1 < n else { return .failure(SegmentError(offset: i)) }
            let b2 = bytes[i + 1]
            if (0x40...0x7E).contains(b2) || (0x80...0xFE).contains(b2) {
                widths.append(2); i += 2; continue
            }
            if (0x30...0x39).contains(b2), i + 3 < n,
               (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]) {
                widths.append(4); i += 4; continue
            }
            return .failure(SegmentError(offset: i))
        }
        return .success(widths)
    }

    struct SegmentError: Error { let offset: Int }
}
