/// A point in a rule file: the file as the user named it, a 1-based line and column, and the offset.
///
/// Columns count Unicode scalars, so `研发强度` is four columns here even though a terminal shows it
/// eight cells wide; the diagnostic renderer converts to display cells when it draws the caret.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file's path as given by the user or resolved from an include.
    public var file: String
    /// 1-based line; 0 when the diagnostic concerns the whole file.
    public var line: Int
    /// 1-based column in Unicode scalars; 0 when the diagnostic concerns the whole file.
    public var column: Int
    /// Offset in Unicode scalars from the start of the file.
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The location that stands for a whole file (no line, no column).
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 0, column: 0, offset: 0)
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        return a.offset < b.offset
    }
}

/// A span of source text, from its first scalar to just after its last.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// Where the span starts.
    public var start: SourceLocation
    /// Just after the span's last scalar.
    public var end: SourceLocation

    public init(_ start: SourceLocation, _ end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The span's length in scalars (at least 1, so a caret always shows).
    public var length: Int { max(1, end.offset - start.offset) }

    /// The span covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start.offset <= other.start.offset ? start : other.start,
                    end.offset >= other.end.offset ? end : other.end)
    }

    public var description: String { start.description }
}

/// A value with the span of source it was read from.
public struct Located<Value: Sendable>: Sendable {
    /// What was written.
    public var value: Value
    /// Where it was written.
    public var range: SourceRange

    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }

    /// Where it starts.
    public var location: SourceLocation { range.start }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
