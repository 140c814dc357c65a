/// One line of text after normalization, with the way back to the original characters.
public struct NormalizedLine: Sendable, Hashable {
    /// The normalized scalars.
    public let scalars: [Unicode.Scalar]
    /// For each normalized scalar, the index of the original scalar (within the line) it came from.
    public let origin: [Int32]

    /// The normalized text as a String.
    public var text: String { String(scalars: scalars) }

    /// The original scalar range (within the line) that normalized range `r` came from.
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard !r.isEmpty else {
            let at = r.lowerBound < origin.count ? Int(origin[r.lowerBound]) : (origin.last.map { Int($0) + 1 } ?? 0)
            return at..<at
        }
        return Int(origin[r.lowerBound])..<(Int(origin[r.upperBound - 1]) + 1)
    }
}

/// The normalized text of many paragraphs in two shared buffers, one paragraph after another: one
/// allocation for a whole plan, where a `NormalizedLine` per paragraph costs two (and their retains).
struct NormalizedText {
    /// Every paragraph's normalized scalars, back to back.
    private(set) var scalars: [Unicode.Scalar]
    /// For each scalar, the index of the original scalar (within its paragraph) it came from.
    private(set) var origin: [Int32]
    /// Where each paragraph starts in `scalars`, and one more entry for the end.
    private(set) var starts: [Int]

    /// Every line of `source`, normalized; the 0-based lines in `blank` (sorted, apart) left empty.
    init(lines source: SourceText, blank: [ClosedRange<Int>] = []) {
        var starts = [0]
        starts.reserveCapacity(source.lineCount + 1)
        let total = source.scalars.count
        var origin: [Int32] = []
        // Normalization never lengthens a line, so the source's size bounds the buffers.
        scalars = [Unicode.Scalar](unsafeUninitializedCapacity: total) { sb, count in
            origin = [Int32](unsafeUninitializedCapacity: total) { ob, originCount in
                source.scalars.withUnsafeBufferPointer { all in
                    var k = 0
                    var b = 0   // the next range of `blank`
                    for (n, r) in source.lines.enumerated() {
                        while b < blank.count, blank[b].upperBound < n { b += 1 }
                        if b < blank.count, blank[b].contains(n) {
                            starts.append(k)
                            continue
                        }
                        k += Normalizer.normalize(UnsafeBufferPointer(rebasing: all[r]), into: UnsafeMutableBufferPointer(rebasing: sb[k...]),
                                                  origin: UnsafeMutableBufferPointer(rebasing: ob[k...]))
                        starts.append(k)
                    }
                    originCount = k
                }
            }
            count = origin.count
        }
        self.origin = origin
        self.starts = starts
    }

    /// The given paragraphs, one after another.
    init(_ lines: [NormalizedLine]) {
        scalars = []
        origin = []
        starts = [0]
        starts.reserveCapacity(lines.count + 1)
        // Sized once: grown by appending, the buffers held up to twice the text (13 MB of the 42 MB peak reading
        // 1.5 MB of XML; 4 MB now).
        let total = lines.reduce(0) { $0 + $1.scalars.count }
        scalars.reserveCapacity(total)
        origin.reserveCapacity(total)
        for l in lines {
            scalars += l.scalars
            origin += l.origin
            starts.append(scalars.count)
        }
    }

    /// The number of paragraphs.
    var count: Int { starts.count - 1 }
    /// Where paragraph `i` is in `scalars`.
    @inline(__always) func range(_ i: Int) -> Range<Int> { starts[i]..<starts[i + 1] }
    @inline(__always) func count(_ i: Int) -> Int { starts[i + 1] - starts[i] }
    @inline(__always) func isEmpty(_ i: Int) -> Bool { starts[i + 1] == starts[i] }

    /// Paragraph `i` as a line of its own: a copy, for the few places that keep or search it.
    subscript(i: Int) -> NormalizedLine {
        NormalizedLine(scalars: Array(scalars[range(i)]), origin: Array(origin[range(i)]))
    }

    /// The normalized text of paragraph `i`.
    func text(_ i: Int) -> String { String(scalars: scalars[range(i)]) }

    /// The original range (within paragraph `i`) that normalized range `r` of it came from.
    func originalRange(_ i: Int, _ r: Range<Int>) -> Range<Int> {
        let base = starts[i], end = starts[i + 1]
        guard !r.isEmpty else {
            let at = base + r.lowerBound < end ? Int(origin[base + r.lowerBound]) : (end > base ? Int(origin[end - 1]) + 1 : 0)
            return at..<at
        }
        return Int(origin[base + r.lowerBound])..<(Int(origin[base + r.upperBound - 1]) + 1)
    }

    /// Calls `body` with a function that gives any paragraph's scalars and origins, each indexed from 0 like
    /// an array of its own (valid only inside `body`).
    @inline(__always)
    func withLines<R>(_ body: ((Int) -> (UnsafeBufferPointer<Unicode.Scalar>, UnsafeBufferPointer<Int32>)) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer { s in
            try origin.withUnsafeBufferPointer { o in
                try body { i in
                    let r = range(i)
                    return (UnsafeBufferPointer(rebasing: s[r]), UnsafeBufferPointer(rebasing: o[r]))
                }
            }
        }
    }
}

/// Undoes the noise that PDF extraction and typesetting put into Chinese text, keeping a map back.
///
/// - Full-width digits, Latin letters and `％` become ASCII (a decimal point `．` between digits too).
/// - NBSP, ideographic and other spaces count as spaces; zero-width characters are dropped.
/// - A run of spaces is dropped unless it stands between two ASCII letters or digits (`R&D 投入` → `R&D投入`,
///   `“ 十三五 ”` → `“十三五”`, `2020 年` → `2020年`, `( R&D )` → `(R&D)`, but `Hello world` stays).
/// - Leading and trailing spaces go. Lines are never joined.
public enum Normalizer {
    /// Normalizes one line (no line breaks inside).
    public static func normalize<C: RandomAccessCollection>(_ line: C) -> NormalizedLine
    where C.Element == Unicode.Scalar, C.Index == Int {
        if let done = line.withContiguousStorageIfAvailable(normalize(buffer:)) { return done }
        return Array(line).withUnsafeBufferPointer(normalize(buffer:))
    }

    static func normalize(buffer line: UnsafeBufferPointer<Unicode.Scalar>) -> NormalizedLine {
        let n = line.count
        var out: [Unicode.Scalar] = []
        // Both arrays are filled in place: this runs on every character of every plan, and a checked
        // append per character costs more than the normalization itself.
        let origin = [Int32](unsafeUninitializedCapacity: n) { ob, originCount in
            out = [Unicode.Scalar](unsafeUninitializedCapacity: n) { sb, count in
                count = normalize(line, into: sb, origin: ob)
                originCount = count
            }
        }
        return NormalizedLine(scalars: out, origin: origin)
    }

    /// Writes the normalized form of `line` into `sb` and each scalar's index in `line` into `ob` (both at
    /// least `line.count` long), returning how many scalars it wrote.
    static func normalize(_ line: UnsafeBufferPointer<Unicode.Scalar>, into sb: UnsafeMutableBufferPointer<Unicode.Scalar>,
                          origin ob: UnsafeMutableBufferPointer<Int32>) -> Int {
        let n = line.count
        var k = 0
        var pendingSpace = false       // a run of spaces seen since the last kept scalar
        var i = 0
        while i < n {
            let raw = line[i]
            let v = raw.value
            let idx = Int32(i)
            i += 1
            // Most characters (ideographs, CJK punctuation, ASCII) pass unchanged: no space, zero-width or
            // full-width form lies in these ranges.
            if !pendingSpace && ((v > 0x20 && v < 0xA0) || (v > 0x3000 && v < 0xFEFF)) {
                sb[k] = raw
                ob[k] = idx
                k += 1
                continue
            }
            if isZeroWidth(raw) { continue }
            if isSpace(raw) { pendingSpace = k > 0; continue }
            var s = mapFullWidth(raw)
            if raw == "．", k > 0, isASCIIDigit(sb[k - 1]), i < n, isASCIIDigit(mapFullWidth(line[i])) {
                s = "."
            }
            if pendingSpace {
                // A kept space stands for at least one dropped one, so k never passes n.
                if isASCIIAlphanumeric(sb[k - 1]), isASCIIAlphanumeric(s) {
                    sb[k] = " "
                    ob[k] = idx - 1   // the space just before this scalar
                    k += 1
                }
                pendingSpace = false
            }
            sb[k] = s
            ob[k] = idx
            k += 1
        }
        return k
    }

    @inline(__always) static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    @inline(__always) static func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        isASCIIDigit(s) || (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
    }

    /// Whether the scalar is a space for normalization purposes (ASCII, NBSP, ideographic, typographic spaces).
    @inline(__always) public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0C, 0xA0, 0x3000, 0x2000...0x200A, 0x202F, 0x205F, 0x1680: return true
        default: return false
        }
    }

    @inline(__always) static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// Full-width digits, letters and `％` to ASCII; everything else unchanged.
    @inline(__always) public static func mapFullWidth(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF05:
            return Unicode.Scalar(s.value - 0xFEE0)!
        default:
            return s
        }
    }
}

extension String {
    /// A String from scalars, encoded to UTF-8 in one go (faster than appending scalar by scalar).
    public init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        // Arrays and their slices are encoded through a pointer: the generic path pays a call per scalar.
        if let s = scalars.withContiguousStorageIfAvailable(String.init(encoding:)) {
            self = s
        } else {
            self = Array(scalars).withUnsafeBufferPointer(String.init(encoding:))
        }
    }

    private init(encoding scalars: UnsafeBufferPointer<Unicode.Scalar>) {
        var bytes = 0
        for s in scalars { bytes &+= Int(UTF8.width(s.value)) }
        self.init(unsafeUninitializedCapacity: bytes) { buf in
            var i = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 {
                    buf[i] = UInt8(truncatingIfNeeded: v); i += 1
                } else if v < 0x800 {
                    buf[i] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6); buf[i + 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F); i += 2
                } else if v < 0x10000 {
                    buf[i] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12); buf[i + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                    buf[i + 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F); i += 3
                } else {
                    buf[i] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18); buf[i + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F)
                    buf[i + 2] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F); buf[i + 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F); i += 4
                }
            }
            return i
        }
    }
}

/// Whether a scalar is part of a word: a letter, digit or ideograph (fast paths for ASCII and CJK, which
/// is nearly all of a plan; Unicode properties only for the rest).
// Inlinable: the closest-passage index calls it per scalar from another module (37M instructions as calls).
@inlinable @inline(__always)
public func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) }
    if v >= 0x4E00 && v <= 0x9FFF { return true }
    if (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFF0F) || (v >= 0x2000 && v <= 0x206F) {
        return v == 0x3007   // 〇 is a numeral; the rest of these blocks is punctuation
    }
    return s.properties.isAlphabetic || s.properties.numericType != nil
}
