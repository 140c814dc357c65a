/// A zip of stored (uncompressed) entries written byte by byte, so that a test can make its headers lie.
struct HandZip {
    /// One entry; every field a header carries can be set to a lie.
    struct Entry {
        var name: String
        var data: [UInt8]
        /// The CRC-32 both headers declare; nil: the true one.
        var crc: UInt32?
        /// The CRC-32 the central directory alone declares; nil: as the local header.
        var centralCRC: UInt32?
        /// General purpose flags (bit 0: encrypted).
        var flags: UInt16 = 0
        /// Sizes declared in a zip64 extra field, (uncompressed, compressed); nil: plain 32-bit sizes, true.
        var zip64: (UInt64, UInt64)?
        /// The compression method declared (the data stays stored).
        var method: UInt16 = 0
        /// A Unix file mode for the central directory (0o120777: a symbolic link).
        var unixMode: UInt32 = 0o100644

        init(_ name: String, _ data: [UInt8], crc: UInt32? = nil, centralCRC: UInt32? = nil, flags: UInt16 = 0,
             zip64: (UInt64, UInt64)? = nil, method: UInt16 = 0, unixMode: UInt32 = 0o100644) {
            self.name = name
            self.data = data
            self.crc = crc
            self.centralCRC = centralCRC
            self.flags = flags
            self.zip64 = zip64
            self.method = method
            self.unixMode = unixMode
        }
    }

    var entries: [Entry]

    init(_ entries: [Entry]) { self.entries = entries }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for e in entries {
            let offset = UInt32(out.count)
            let crc = e.crc ?? crc32(e.data)
            let name = Array(e.name.utf8)
            let size32: UInt32 = e.zip64 == nil ? UInt32(e.data.count) : 0xFFFF_FFFF
            var extra: [UInt8] = []
            if let (u, c) = e.zip64 { extra = le(UInt16(1), 2) + le(UInt16(16), 2) + le(u, 8) + le(c, 8) }
            let version: UInt16 = e.zip64 == nil ? 20 : 45
            out += le(UInt32(0x0403_4B50), 4) + le(version, 2) + le(e.flags, 2) + le(e.method, 2) + le(UInt32(0), 4)
            out += le(crc, 4) + le(size32, 4) + le(size32, 4) + le(UInt16(name.count), 2) + le(UInt16(extra.count), 2)
            out += name + extra + e.data
            central += le(UInt32(0x0201_4B50), 4) + le(UInt16(0x031E), 2) + le(version, 2) + le(e.flags, 2) + le(e.method, 2) + le(UInt32(0), 4)
            central += le(e.centralCRC ?? crc, 4) + le(size32, 4) + le(size32, 4) + le(UInt16(name.count), 2) + le(UInt16(extra.count), 2)
            central += le(UInt16(0), 2) + le(UInt16(0), 2) + le(UInt16(0), 2) + le(e.unixMode << 16, 4) + le(offset, 4) + name + extra
        }
        let cdOffset = UInt32(out.count)
        out += central
        out += le(UInt32(0x0605_4B50), 4) + le(UInt16(0), 2) + le(UInt16(0), 2) + le(UInt16(entries.count), 2) + le(UInt16(entries.count), 2)
        out += le(UInt32(central.count), 4) + le(cdOffset, 4) + le(UInt16(0), 2)
        return out
    }

    private func le<T: FixedWidthInteger>(_ v: T, _ n: Int) -> [UInt8] {
        (0..<n).map { UInt8(truncatingIfNeeded: UInt64(v) >> (8 * UInt64($0))) }
    }
}

/// CRC-32 (the zip polynomial), bit by bit: tests only checksum a few kilobytes.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
    }
    return ~c
}

/// Writes `value` (little-endian) at `offset` into every header that starts with `signature`.
func patchHeaders(_ zip: inout [UInt8], signature: UInt32, offset: Int, value: UInt32) {
    let sig = (0..<4).map { UInt8(truncatingIfNeeded: signature >> (8 * UInt32($0))) }
    var i = 0
    while i + offset + 4 <= zip.count {
        if Array(zip[i..<(i + 4)]) == sig {
            for k in 0..<4 { zip[i + offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
        }
        i += 1
    }
}
