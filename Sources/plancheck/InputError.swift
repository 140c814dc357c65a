import Alignment
import DocumentModel
import Localization
import Reports

/// A problem with what the user gave plancheck (a file, a flag's value): reported as `error: …` (`错误：…`),
/// exit 2. The message is written in every language where the error is made; it is printed in the run's.
struct InputError: Error {
    /// The message in every language.
    let text: LocalizedText
    /// The run's language, when it was known where the error was made; nil: `main` chooses (`errorLanguage`).
    var language: Language?

    init(_ text: LocalizedText, language: Language? = nil) {
        self.text = text
        self.language = language
    }

    /// The message in English.
    var message: String { text.en }

    init(_ e: ReadError) { self.init(LocalizedText(en: e.description(in: .en), zh: e.description(in: .zh))) }

    init(_ e: AtomicWriteError) { self.init(LocalizedText(en: e.description(in: .en), zh: e.description(in: .zh))) }

    init(_ e: EngineError) { self.init(e.text) }

    init(_ e: LanguageError) { self.init(e.text) }
}
