import Crypto

/// SHA-256 digests as lowercase hex, so reports can name the exact rules and plans they were made from.
///
/// swift-crypto's implementation uses the processor's SHA instructions (about 2 GB/s here): hashing every
/// plan for the report costs almost nothing next to reading it.
public enum Digest {
    /// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String { sha256Hex(bytes, bytes: 32) }

    /// The first `count` bytes of the SHA-256 digest of `bytes` as lowercase hex (a finding's fingerprint
    /// keeps 8).
    static func sha256Hex(_ bytes: [UInt8], bytes count: Int) -> String {
        let digest = Crypto.SHA256.hash(data: bytes)
        return String(unsafeUninitializedCapacity: 2 * count) { out in
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
