import Foundation
@testable import RuleLanguage

/// The repository's root, found from this file's path so tests run from any directory.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The golden diagnostics folder.
let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// Every `.rules` file below a folder, sorted.
func ruleFiles(under url: URL) -> [URL] {
    guard let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return [] }
    return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "rules" }.sorted { $0.path < $1.path }
}

func readText(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
}

/// Parses text and returns the location-free tree, failing loudly on syntax errors.
func structure(_ source: String, path: String = "test.rules") -> (dump: String, errors: [Diagnostic]) {
    let (file, diagnostics) = RuleParser.parse(source: source, path: path)
    return (StructureDump.dump(file), diagnostics.filter { $0.level == .error })
}

/// A small deterministic generator (SplitMix64), so random tests fail the same way every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
