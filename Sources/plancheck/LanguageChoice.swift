import ArgumentParser
import Foundation
import Localization

extension Language: ExpressibleByArgument {}

/// The language a command speaks: `--lang`, else `PLANCHECK_LANG`, else what the rules declare, else the
/// locale (`Language.resolve`); a `PLANCHECK_LANG` plancheck does not speak is a usage error.
func resolveLanguage(_ asked: Language?, declared: Language?) throws -> Language {
    do { return try Language.resolve(asked: asked, environment: ProcessInfo.processInfo.environment, declared: declared) } catch {
        throw InputError(error.description)
    }
}
