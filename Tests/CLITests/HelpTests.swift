import Testing

@Suite struct HelpTests {
    @Test func rootHelpTeaches() throws {
        let r = try runPlancheck(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("district development plan"))
    }
}
