import Crypto

/// SHA-256 digests as lowercase hex, so reports can name the exact rules and plans they were made from.
///
/// swift-crypto's implementation uses the processor's SHA instructions (about 2 GB/s here): hashing every
/// plan for the report costs almost nothing next to reading it.
public enum Digest {
    /// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String { hex(Crypto.SHA256.hash(data: bytes), bytes: 32) }

    /// The first `count` bytes (a finding's fingerprint keeps 8) of the SHA-256 digest of `parts` joined by
    /// NUL bytes, as lowercase hex; hashed from the strings themselves, with no joined copy.
    static func sha256Hex(joining parts: [String], bytes count: Int) -> String {
        var hasher = Crypto.SHA256()
        for (i, part) in parts.enumerated() {
            if i > 0 { withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) } }
            var part = part
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return hex(hasher.finalize(), bytes: count)
    }

    private static func hex(_ digest: Crypto.SHA256.Digest, bytes count: Int) -> String {
        String(unsafeUninitializedCapacity: 2 * count) { out in
            let digits: StaticString = "0123456789abcdef"
            var k = 0
            for b in digest.prefix(count) {
                out[k] = digits.utf8Start[Int(b >> 4)]
                out[k + 1] = digits.utf8Start[Int(b & 0xF)]
                k += 2
            }
            return k
        }
    }
}
