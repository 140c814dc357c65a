import Crypto

/// SHA-256 digests as lowercase hex, so reports can name the exact rules and plans they were made from.
///
/// swift-crypto's implementation uses the processor's SHA instructions (about 2 GB/s here): hashing every
/// plan for the report costs almost nothing next to reading it.
public enum Digest {
    /// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in Crypto.SHA256.hash(data: bytes) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
