import DocumentModel
import Foundation
import Reports

/// One input surface of plancheck, fed arbitrary bytes by libFuzzer.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable ([UInt8]) -> Void
    /// What is made once, before the first input (libFuzzer's `LLVMFuzzerInitialize`).
    var prepare: @Sendable () -> Void = {}

    /// The bundled rules compiled and a plan checked: seconds in a debug build with ASan on a busy machine,
    /// which, left to the first input, timed out an hour-long run on the empty input.
    static let usesCheckFixture: @Sendable () -> Void = { _ = checkFixture }

    static let all: [FuzzTarget] = [
        FuzzTarget(name: "text", run: fuzzText),
        FuzzTarget(name: "planxml", run: fuzzPlanXML),
        FuzzTarget(name: "xml", run: fuzzMappedXML),
        FuzzTarget(name: "html", run: fuzzHTML),
        FuzzTarget(name: "docx", run: fuzzDocx),
        FuzzTarget(name: "rules", run: fuzzRules, prepare: usesCheckFixture),
        FuzzTarget(name: "fmt", run: fuzzFormat),
        FuzzTarget(name: "waivers", run: fuzzWaivers, prepare: usesCheckFixture),
        FuzzTarget(name: "baseline", run: fuzzBaseline, prepare: usesCheckFixture),
        FuzzTarget(name: "check", run: fuzzCheck, prepare: usesCheckFixture),
    ]
}

/// The target chosen at start-up; an unknown name stops the run at once with the list of names.
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["PLANCHECK_FUZZ_TARGET"] ?? ""
    guard let t = FuzzTarget.all.first(where: { $0.name == name }) else {
        FileHandle.standardError.write(Data("set PLANCHECK_FUZZ_TARGET to one of: \(FuzzTarget.all.map(\.name).joined(separator: " "))\n".utf8))
        exit(2)
    }
    return t
}()

/// The repository's root, from this file's path (the targets read Rules/ and Samples/ from it).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Stops the run so libFuzzer saves the input: a broken promise of the code under test, not bad input.
func fuzzFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    FileHandle.standardError.write(Data("fuzz invariant broken: \(message)\n".utf8))
    fatalError(message, file: file, line: line)
}

/// Reads a plan the way `plancheck check` and `outline` do, then uses every part of the result.
@discardableResult
func readPlan(_ bytes: [UInt8], file: String, options: ReadOptions = ReadOptions()) -> PlanDocument? {
    guard let doc = try? PlanReader.read(bytes: bytes, file: file, options: options) else { return nil }
    _ = OutlineReport.text(doc, showSentences: true)
    _ = try? OutlineReport.json(doc)
    // Whatever was read must survive as plan XML: written, then read back without error.
    let xml = PlanXMLWriter.write(doc)
    do { _ = try PlanReader.read(bytes: Array(xml.utf8), file: "roundtrip.xml") } catch {
        fuzzFailure("the plan XML written for \(file) does not read back: \(error)")
    }
    return doc
}
