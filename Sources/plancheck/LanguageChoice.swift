import ArgumentParser
import Foundation
import Localization

extension Language: ExpressibleByArgument {}

/// The language a command speaks: `--lang`, else `PLANCHECK_LANG`, else what the rules declare, else the
/// locale (`Language.resolve`); a `PLANCHECK_LANG` plancheck does not speak is a usage error.
func resolveLanguage(_ asked: Language?, declared: Language?) throws -> Language {
    do { return try Language.resolve(asked: asked, environment: ProcessInfo.processInfo.environment, declared: declared) } catch {
        throw InputError(error)
    }
}

/// Commands with a `--lang` option: the language their errors are printed in, too.
protocol AsksLanguage {
    var lang: Language? { get }
}

extension CheckCommand: AsksLanguage {}
extension OutlineCommand: AsksLanguage {}
extension RulesCoverage: AsksLanguage {}
extension RulesMatches: AsksLanguage {}
extension ExtractCommand: AsksLanguage {}

/// The language the loaded rule set declares (`language zh`), once a command has loaded one: an error after
/// that point is printed in it when neither `--lang` nor `PLANCHECK_LANG` chooses.
nonisolated(unsafe) var declaredLanguage: Language?

/// The language an error is printed in: what is known when it happens — `--lang` (`asked`), else
/// `PLANCHECK_LANG`, else the rule set's declared language when it was loaded already, else the locale. A
/// `PLANCHECK_LANG` plancheck does not speak is passed over here: its own error says so, in the locale's language.
func errorLanguage(asked: Language?) -> Language {
    var environment = ProcessInfo.processInfo.environment
    if let value = environment["PLANCHECK_LANG"], Language(code: value) == nil { environment["PLANCHECK_LANG"] = nil }
    return (try? Language.resolve(asked: asked, environment: environment, declared: declaredLanguage)) ?? .en
}
