import Alignment
import DocumentModel
import Foundation
#if DEBUG
// The structure dump (meaning without locations) is internal; debug builds, the fuzzing ones, can see it.
@testable import RuleLanguage
#else
import RuleLanguage
#endif

/// A rule file is loaded as if it sat in a folder that does not exist, so its relative includes find nothing.
let fuzzRulesPath = "/nonexistent-plancheck-fuzz/fuzz.rules"

/// Rule text: parsed, checked, its diagnostics drawn; a rule set without errors is compiled and run on a plan.
@Sendable func fuzzRules(_ bytes: [UInt8]) {
    let loaded = RuleSetLoader.load(source: String(decoding: bytes, as: UTF8.self), path: fuzzRulesPath)
    _ = loaded.rendered(color: true)
    guard !loaded.hasErrors, let engine = try? AlignmentEngine(ruleSet: loaded.ruleSet) else { return }
    _ = engine.check(checkFixture.plan, explain: loaded.ruleSet.goals.first?.id.value)
}

/// The formatter: idempotent, and meaning-preserving (the same tree and the same errors once re-read).
@Sendable func fuzzFormat(_ bytes: [UInt8]) {
    let source = String(decoding: bytes, as: UTF8.self)
    guard let once = RuleFormatter.format(source: source, path: fuzzRulesPath).output else { return }
    let (twice, syntax) = RuleFormatter.format(source: once, path: fuzzRulesPath)
    guard let twice else {
        fuzzFailure("formatted text does not parse: \(syntax.filter { $0.level == .error }.map(\.description))\n--- formatted:\n\(once)")
    }
    if twice != once { fuzzFailure("formatting is not idempotent\n--- once:\n\(once)\n--- twice:\n\(twice)") }
    #if DEBUG
    let before = StructureDump.dump(RuleParser.parse(source: source, path: fuzzRulesPath).file)
    let after = StructureDump.dump(RuleParser.parse(source: once, path: fuzzRulesPath).file)
    if before != after { fuzzFailure("formatting changed the meaning\n--- before:\n\(before)\n--- after:\n\(after)") }
    #endif
    // The checker must find the same problems in both: formatting may move them, never add or remove one.
    let codes = { (text: String) in
        RuleSetLoader.load(source: text, path: fuzzRulesPath).diagnostics.filter { $0.level == .error }.map(\.code).sorted()
    }
    let (old, new) = (codes(source), codes(once))
    if old != new { fuzzFailure("formatting changed the checker's errors: \(old) → \(new)\n--- formatted:\n\(once)") }
}
