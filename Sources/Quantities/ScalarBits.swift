/// A set of scalars as one bit per BMP scalar: a test is a shift and a load, where hashing a Dictionary
/// key costs a hundred instructions. Scalars beyond the BMP are all reported as members, so a miss is
/// certain and a hit only says "look it up".
public struct ScalarBits: Sendable {
    @usableFromInline var bits = [UInt64](repeating: 0, count: 1024)

    /// The empty set.
    public init() {}

    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for c in scalars { insert(c) }
    }

    /// Adds `c` (a scalar beyond the BMP is a member already).
    public mutating func insert(_ c: Unicode.Scalar) {
        if c.value < 0x10000 { bits[Int(c.value >> 6)] |= 1 << UInt64(c.value & 63) }
    }

    // Inlinable, so that a scan in another module tests a scalar without a call.
    @inlinable @inline(__always) public func mayContain(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v >= 0x10000 || bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
    }
}
