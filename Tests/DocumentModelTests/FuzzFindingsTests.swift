import Foundation
import Testing
@testable import DocumentModel

/// Inputs the fuzzers (fuzz/run.sh) found failing, reduced; each file is in Tests/Fixtures/reliability/.
@Suite struct FuzzFindingsTests {
    /// U+FFFF and U+FFFE are not XML 1.0 characters: written as they were, `outline --format plan-xml`
    /// gave a file that does not read back ("Char 0xFFFF out of allowed range"). They are dropped now.
    @Test func noncharactersDoNotBreakPlanXML() throws {
        let doc = try readPlan(try reliabilityFile("fuzz-plan-xml-noncharacter.txt"), file: "plan.txt")
        let xml = PlanXMLWriter.write(doc)
        #expect(!xml.unicodeScalars.contains { $0.value == 0xFFFF || $0.value == 0xFFFE })
        let back = try readPlan(Array(xml.utf8), file: "plan.xml")
        #expect(back.sections.map(\.title) == ["总则"])
        #expect(back.sentenceRecords.map(\.original) == ["到2025年，研发投入强度达到2.5%。"])
    }

    /// A .docx that is not a zip (no end-of-central-directory record): ZIPFoundation leaked the whole file
    /// each time (LeakSanitizer, in the `docx` fuzz target). libarchive reads it now: a located refusal.
    @Test func aDocxThatIsNotAZipIsRefused() throws {
        let error = #expect(throws: ReadError.self) {
            _ = try readPlan(try reliabilityFile("fuzz-zip-without-end-record.docx"), file: "broken.docx")
        }
        #expect(error?.file == "broken.docx")
        #expect(error?.message.contains("not a") == true)
    }
}
