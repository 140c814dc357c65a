import DocumentModel
import Reports
import RuleLanguage

/// Why a check could not run: a plan, rule, waiver or baseline file that cannot be read, or a report that
/// cannot be written. It names the file and, where known, the line and column; `description` is the
/// message a person reads, as the command line prints it.
public struct CheckError: Error, Sendable, CustomStringConvertible {
    /// The file at fault, when there is one.
    public var file: String?
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// 1-based column in `file`, when known.
    public var column: Int?
    /// The whole message, naming the file and place.
    public var description: String
    /// What to show before the message: the rules' diagnostics, each with its line and a caret.
    public var details: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, _ description: String, details: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.description = description
        self.details = details
    }

    init(_ e: ReadError) { self.init(file: e.file, line: e.line, column: e.column, e.description) }

    init(_ e: AtomicWriteError) { self.init(file: e.path, e.description) }

    init(_ e: WaiverError) { self.init(file: e.file, line: e.line, column: e.column, e.description) }

    init(_ e: ReportReadError) { self.init(file: e.file, e.description) }
}
