/// Hand-written UTF-8 validation that says where the first bad byte is.
enum UTF8Validation {
    /// The offset (relative to the collection's start) of the first byte that is not well-formed UTF-8.
    static func firstInvalid(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let n = sequenceLength(bytes, i)
            if n == 0 { return i - bytes.startIndex }
            i += n
        }
        return nil
    }

    /// Decodes bytes already known to be well-formed UTF-8 (straight into scalars, no String in between).
    static func decodeValid(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = UInt32(b[i])
                var v: UInt32
                if c < 0x80 {
                    v = c; i += 1
                } else if c < 0xE0 {
                    v = (c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2
                } else if c < 0xF0 {
                    v = (c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3
                } else {
                    v = (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                }
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            }
        }
        return out
    }

    /// Decodes the bytes if they are well-formed UTF-8, else nil: validation and decoding in one pass.
    static func decodeIfValid(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
        var ok = false
        // Written into uninitialized storage: a checked append per character costs as much as decoding it.
        let out = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            ok = bytes.withUnsafeBufferPointer { b in decode(b, into: buffer, count: &count) }
            if !ok { count = 0 }
        }
        return ok ? out : nil
    }

    /// The same, for bytes in place (a libxml2 node's content), into an array of exactly the scalars' count:
    /// one slot per byte would keep three times the room Chinese text needs, for as long as the text lives.
    static func decodeIfValid(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var ok = false
        let out = [Unicode.Scalar](unsafeUninitializedCapacity: leadCount(bytes)) { buffer, count in
            ok = decode(bytes, into: buffer, count: &count)
            if !ok { count = 0 }
        }
        return ok ? out : nil
    }

    /// How many bytes are not continuation bytes (10xxxxxx): a bound on the scalars they decode to.
    static func leadCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = b.baseAddress else { return 0 }
        let n = b.count
        let raw = UnsafeRawPointer(base)
        let words = n >> 3
        var continuations = 0, w = 0
        // Eight bytes a word, a counter per byte: a continuation byte has bit 7 set and bit 6 clear. Byte by
        // byte this count took 24M of 752M instructions checking 5 MB of plans (Benchmarks/instructions.sh 5),
        // with a popcount per word 18M (the baseline x86-64 target has no POPCNT).
        while w < words {
            // At most 31 words before the lanes are summed, so that their sum fits the top byte.
            let end = Swift.min(w &+ 31, words)
            var lanes: UInt64 = 0
            while w < end {
                let x = raw.loadUnaligned(fromByteOffset: w &<< 3, as: UInt64.self)
                lanes &+= (x & ~(x &<< 1) & 0x8080_8080_8080_8080) &>> 7
                w &+= 1
            }
            continuations &+= Int(truncatingIfNeeded: (lanes &* 0x0101_0101_0101_0101) &>> 56)
        }
        var i = words &<< 3
        while i < n {
            if base[i] & 0xC0 == 0x80 { continuations &+= 1 }
            i += 1
        }
        return n - continuations
    }

    private static func decode(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<Unicode.Scalar>,
                               count: inout Int) -> Bool {
        var i = 0
        let n = b.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n, b[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(b[k] & 0x3F)
        }
        while i < n {
            let c = b[i]
            if c < 0x80 {
                out[count] = Unicode.Scalar(c); count += 1; i += 1; continue
            }
            var v: UInt32
            switch c {
            case 0xC2...0xDF:
                guard let x = cont(i + 1) else { return false }
                v = UInt32(c & 0x1F) << 6 | x; i += 2
            case 0xE0...0xEF:
                guard i + 1 < n else { return false }
                let b1 = b[i + 1]
                if c == 0xE0 && b1 < 0xA0 || c == 0xED && b1 > 0x9F { return false }
                guard let x = cont(i + 1), let y = cont(i + 2) else { return false }
                v = UInt32(c & 0x0F) << 12 | x << 6 | y; i += 3
            case 0xF0...0xF4:
                guard i + 1 < n else { return false }
                let b1 = b[i + 1]
                if c == 0xF0 && b1 < 0x90 || c == 0xF4 && b1 > 0x8F { return false }
                guard let x = cont(i + 1), let y = cont(i + 2), let z = cont(i + 3) else { return false }
                v = UInt32(c & 0x07) << 18 | x << 12 | y << 6 | z; i += 4
            default:
                return false
            }
            guard let s = Unicode.Scalar(v) else { return false }
            out[count] = s
            count += 1
        }
        return true
    }

    /// How many well-formed multi-byte sequences and how many bad bytes the bytes hold.
    static func multibyteStats(_ bytes: ArraySlice<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let n = sequenceLength(bytes, i)
            if n == 0 { invalid += 1; i += 1 } else { if n > 1 { valid += 1 }; i += n }
        }
        return (valid, invalid)
    }

    /// Length of the well-formed sequence at `i`, or 0 when it is malformed or truncated.
    @inline(__always)
    static func sequenceLength(_ b: ArraySlice<UInt8>, _ i: Int) -> Int {
        let end = b.endIndex
        let c = b[i]
        if c < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { k < end && b[k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : 0
        case 0xE0:
            return i + 1 < end && (0xA0...0xBF).contains(b[i + 1]) && cont(i + 2) ? 3 : 0
        case 0xED:
            return i + 1 < end && (0x80...0x9F).contains(b[i + 1]) && cont(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xF0:
            return i + 1 < end && (0x90...0xBF).contains(b[i + 1]) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4:
            return i + 1 < end && (0x80...0x8F).contains(b[i + 1]) && cont(i + 2) && cont(i + 3) ? 4 : 0
        default:
            return 0
        }
    }
}
