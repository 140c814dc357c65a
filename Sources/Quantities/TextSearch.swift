/// Searching for a phrase in a text by its UTF-8 bytes, in the standard library only.
///
/// Foundation's `String.contains(_:)` and `range(of:)` on Linux trap on some inputs (`"届".contains("届\0")`:
/// "String index is out of bounds", found by fuzzing), and they compare by canonical equivalence, where the
/// matcher compares scalar for scalar. User text (aliases, exclusions, evidence) is searched with these.
extension StringProtocol {
    /// Whether `phrase` occurs in this text, scalar for scalar. An empty phrase occurs nowhere, as with
    /// Foundation's `contains`.
    public func containsPhrase<P: StringProtocol>(_ phrase: P) -> Bool {
        utf8OffsetOfPhrase(phrase) != nil
    }

    /// The first place `phrase` occurs, scalar for scalar; nil for an empty phrase. Its bounds fall on
    /// scalar boundaries, since both texts are valid UTF-8.
    public func rangeOfPhrase<P: StringProtocol>(_ phrase: P) -> Range<Index>? {
        guard let offset = utf8OffsetOfPhrase(phrase) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: phrase.utf8.count)
    }

    /// The UTF-8 offset of the first occurrence of `phrase`, nil when it does not occur or is empty.
    public func utf8OffsetOfPhrase<P: StringProtocol>(_ phrase: P) -> Int? {
        // `withUTF8` makes the storage contiguous if it is not (a String is free; a Substring is copied).
        var text = String(self), needle = String(phrase)
        return text.withUTF8 { t in needle.withUTF8 { t.firstOffset(of: $0) } }
    }
}

extension RandomAccessCollection where Element: Equatable, Index == Int {
    /// The offset from `startIndex` of the first occurrence of `needle` (a plain search: needles are short);
    /// nil when it does not occur or is empty. Inlinable, so each caller gets a copy specialized for its
    /// collections instead of a generic call per element.
    @inlinable
    public func firstOffset<N: RandomAccessCollection>(of needle: N) -> Int? where N.Element == Element, N.Index == Int {
        guard let first = needle.first, needle.count <= count else { return nil }
        let n0 = needle.startIndex
        let last = endIndex - needle.count
        var i = startIndex
        while i <= last {
            if self[i] == first {
                var k = 1
                while k < needle.count, self[i + k] == needle[n0 + k] { k += 1 }
                if k == needle.count { return i - startIndex }
            }
            i += 1
        }
        return nil
    }
}
