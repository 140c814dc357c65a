import Foundation
@testable import DocumentModel

/// The repository's root, found from this file's path so tests run from any directory.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Path of a bundled sample.
func samplePath(_ name: String) -> String { repositoryRoot.appendingPathComponent("Samples/\(name)").path }

enum Sample {
    static let hetang = "hetang-14th-five-year-plan.txt"
    static let proposal = "zhuzhou-15th-plan-proposal-2025.txt"
    static let communique = "zhuzhou-14th-plenum-communique-2020.txt"
    static let workReport = "zhuzhou-government-work-report-2023.txt"
    static let congress = "zhuzhou-13th-party-congress-2021.txt"
}

/// Reads a bundled sample into a document; a failure here fails the test that asked.
func readSample(_ name: String) throws -> PlanDocument { try TextPlanReader.read(path: samplePath(name)) }

/// Parses text given in a test as if it were a UTF-8 file.
func readText(_ text: String, file: String = "test.txt") throws -> PlanDocument {
    TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: file))
}

func sampleBytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: samplePath(name)))) }
