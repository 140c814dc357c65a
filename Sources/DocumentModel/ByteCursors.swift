// Turning scalar positions of the source into lines, columns and byte offsets in its original encoding.

extension SourceText {
    /// The 1-based line and column of scalar `index` of `scalars` (a line break counts as the end of its line).
    func lineAndColumn(ofScalar index: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].lowerBound <= index { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, index - lines[lo].lowerBound + 1)
    }
}

/// Turns scalar indices of the whole source into byte offsets in the original encoding, in any order.
struct SourceCursor {
    let source: SourceText
    var index = 0
    var byte: Int
    /// The byte offset of every `stride`-th scalar, made on the first backward or long jump. Markup sentences
    /// and their headings ask out of order; restarting from the file's start was 88% of reading 3 MB of plan XML
    /// (12 MB took 41 s).
    private var checkpoints: [Int] = []
    static let stride = 1024

    init(source: SourceText) {
        self.source = source
        byte = source.lineByteStarts.first ?? 0
    }

    mutating func byteOffset(ofScalar target: Int) -> Int {
        let end = min(target, source.scalars.count)
        if end < index || end - index > SourceCursor.stride {
            if checkpoints.isEmpty { makeCheckpoints() }
            let k = end / SourceCursor.stride
            index = k * SourceCursor.stride
            byte = checkpoints[k]
        }
        while index < end {
            byte += SourceText.width(of: source.scalars[index], at: index, encoding: source.encoding, gb: source.gbWidths)
            index += 1
        }
        return byte
    }

    private mutating func makeCheckpoints() {
        let n = source.scalars.count
        checkpoints.reserveCapacity(n / SourceCursor.stride + 1)
        var b = source.lineByteStarts.first ?? 0
        for i in 0..<n {
            if i % SourceCursor.stride == 0 { checkpoints.append(b) }
            b += SourceText.width(of: source.scalars[i], at: i, encoding: source.encoding, gb: source.gbWidths)
        }
        if n % SourceCursor.stride == 0 { checkpoints.append(b) }
    }
}

/// Walks a line's scalars once, turning scalar indices into byte offsets in the original encoding.
struct ByteCursor {
    // The source is passed to `offset` rather than stored: a stored copy would retain its four arrays
    // every time the cursor is copied, once per sentence.
    let line: Int
    var index = 0
    var byte: Int
    let start: Int
    let end: Int

    init(source: SourceText, line: Int) {
        self.line = line
        byte = source.lineByteStarts[line - 1]
        start = source.lines[line - 1].lowerBound
        end = source.lines[line - 1].upperBound
    }

    mutating func offset(at target: Int, in source: SourceText) -> Int {
        if target < index { index = 0; byte = source.lineByteStarts[line - 1] }
        if source.encoding == .utf8 {
            // The common case: widths follow from the scalar values (1 byte, plus one at each boundary passed).
            let stop = min(target, end - start)
            if index < stop {
                source.scalars.withUnsafeBufferPointer { sc in
                    var b: UInt32 = 0
                    for k in (start + index)..<(start + stop) { b &+= UTF8.width(sc[k].value) }
                    byte += Int(b)
                }
                index = stop
            }
            return byte
        }
        while index < target, start + index < end {
            byte += SourceText.width(of: source.scalars[start + index], at: start + index,
                                     encoding: source.encoding, gb: source.gbWidths)
            index += 1
        }
        return byte
    }
}
