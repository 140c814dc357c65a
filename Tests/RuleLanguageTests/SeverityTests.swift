import Testing
@testable import RuleLanguage

@Suite struct SeverityTests {
    @Test func ordersByWeight() {
        #expect(Severity.info < .warning)
        #expect(Severity.warning < .error)
        #expect(Severity.allCases.max() == .error)
    }
}
