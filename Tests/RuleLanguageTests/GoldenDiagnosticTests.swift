import Foundation
import Testing
@testable import RuleLanguage
import TestSupport

/// Each `Golden/NAME.rules` is linted and its rendered diagnostics compared with `Golden/NAME.txt`,
/// byte for byte. Run with `PLANCHECK_UPDATE_GOLDEN=1` to rewrite the expectations (then review the diff).
@Suite struct GoldenDiagnosticTests {
    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".rules") }.map { String($0.dropLast(".rules".count)) }.sorted()
    }()

    static func render(_ name: String) -> String {
        let path = goldenDirectory.appendingPathComponent(name + ".rules").path
        let result = RuleSetLoader.load(path: path)
        // Paths relative to the Golden folder, so the expectations do not depend on the checkout's location.
        return result.rendered().replacingOccurrences(of: goldenDirectory.path + "/", with: "")
    }

    @Test(arguments: inputs) func diagnosticsMatchGolden(_ name: String) throws {
        let actual = Self.render(name)
        let expectedURL = goldenDirectory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["PLANCHECK_UPDATE_GOLDEN"] != nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try readText(expectedURL)
        #expect(actual == expected, "\(name).rules:\n\(actual)")
    }

    @Test func everyGoldenHasAtLeastOneDiagnostic() {
        #expect(Self.inputs.count > 60)
        for name in Self.inputs {
            #expect(!Self.render(name).isEmpty, "\(name).rules reports nothing")
        }
    }

    /// The codes Sources/RuleLanguage makes diagnostics with: the first argument of error(…), warning(…),
    /// report(…) or Diagnostic(.level, "code", …).
    static func codesMade() throws -> Set<String> {
        let sources = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Sources/RuleLanguage").path)
            .filter { $0.hasSuffix(".swift") }
            .map { try readText(repositoryRoot.appendingPathComponent("Sources/RuleLanguage/\($0)")) }
            .joined()
        let pattern = try NSRegularExpression(pattern: #"(?:error|warning|report|Diagnostic\(\.\w+,|code:) ?\(?"([a-z0-9]+(?:-[a-z0-9]+)*)""#)
        let ns = sources as NSString
        return Set(pattern.matches(in: sources, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) })
    }

    /// Every diagnostic code the checker can emit is documented and has a golden file that shows it.
    @Test func everyCodeIsDocumentedAndShown() throws {
        let codes = try Self.codesMade()
        #expect(codes.count > 40)
        let docs = try readText(repositoryRoot.appendingPathComponent("docs/rule-language.md"))
        var shown = Set<String>()
        for name in Self.inputs {
            let path = goldenDirectory.appendingPathComponent(name + ".rules").path
            for d in RuleSetLoader.load(path: path).diagnostics { shown.insert(d.code) }
        }
        for code in codes.sorted() {
            #expect(docs.contains("`\(code)`"), "diagnostic \(code) is not in docs/rule-language.md")
            // These need a missing path, an unreadable file or a huge input: LoaderTests show them.
            if !["missing-file", "no-rule-files", "unreadable-file", "too-many-errors", "term-too-deep", "terms-too-large"].contains(code) {
                #expect(shown.contains(code), "no golden file shows \(code)")
            }
        }
    }
}
