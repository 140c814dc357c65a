import DocumentModel
import Localization
import Reports
import RuleLanguage

/// Why a check could not run: a plan, rule, waiver or baseline file that cannot be read, or a report that
/// cannot be written. It names the file and, where known, the line and column; the message is written in
/// every language where the error is made: `description` is the English one, `description(in:)` the one a
/// person reads, as the command line prints it.
public struct CheckError: Error, Sendable, CustomStringConvertible {
    /// The file at fault, when there is one.
    public var file: String?
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// 1-based column in `file`, when known.
    public var column: Int?
    /// The whole message, naming the file and place, in every language.
    public var text: LocalizedText
    /// What to show before the message: the rules' diagnostics, each with its line and a caret.
    public var details: String?
    /// The run's language, as far as it was known when the error happened (asked for, or the loaded rules'
    /// `language`); nil when nothing had chosen it yet: then the caller chooses (the command line: the locale).
    public var language: Language?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, _ text: LocalizedText, details: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.text = text
        self.details = details
    }

    /// The whole message in English.
    public var description: String { text.en }

    /// The whole message in `language`.
    public func description(in language: Language) -> String { text.text(language) }

    init(_ e: ReadError) {
        self.init(file: e.file, line: e.line, column: e.column, LocalizedText(en: e.description(in: .en), zh: e.description(in: .zh)))
    }

    init(_ e: AtomicWriteError) { self.init(file: e.path, LocalizedText(en: e.description(in: .en), zh: e.description(in: .zh))) }

    init(_ e: WaiverError) { self.init(file: e.file, line: e.line, column: e.column, e.text) }

    init(_ e: ReportReadError) { self.init(file: e.file, e.text) }
}
