import Foundation
@testable import RuleLanguage

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

