import Testing
@testable import RuleLanguage

/// Rendering: the headline, the source line, and a caret that lands under the spot on screen.
@Suite struct DiagnosticTests {
    func render(_ line: String, column: Int, length: Int, hint: String? = nil) -> String {
        let start = RuleLanguage.SourceLocation(file: "f.rules", line: 1, column: column, offset: column - 1)
        var end = start
        end.offset += length
        let d = Diagnostic(.error, "x", "message", at: SourceRange(start, end), hint: hint)
        return DiagnosticRenderer(sources: ["f.rules": line + "\n"]).render(d)
    }

    @Test func caretUnderCJKTakesTwoCellsPerCharacter() {
        // `研发强读` starts at column 16 (in characters) but at cell 17 + 2 spaces of indentation on screen.
        let out = render("  require target 研发强读 >= 3.2%", column: 18, length: 4, hint: "did you mean 研发强度?")
        #expect(out == """
            f.rules:1:18: error: message
              require target 研发强读 >= 3.2%
                             ^~~~~~~~
            hint: did you mean 研发强度?

            """)
    }

    @Test func caretAfterCJKText() {
        // `百` is column 21; before it: 5 + 4 + 3 + 6 + 6 cells.
        let out = render("term 研发 = \"研发\" unit 百分比", column: 21, length: 3)
        let lines = out.split(separator: "\n")
        #expect(lines[2] == String(repeating: " ", count: 24) + "^~~~~~")
    }

    @Test func tabsAreCopiedSoTheCaretAligns() {
        let out = render("\trequire mention x", column: 18, length: 1)
        #expect(out.split(separator: "\n")[2] == "\t" + String(repeating: " ", count: 16) + "^")
    }

    @Test func caretPastTheEndOfTheLine() {
        let out = render("  require mention", column: 18, length: 1)
        #expect(out.split(separator: "\n")[2] == String(repeating: " ", count: 17) + "^")
    }

    @Test func wholeFileDiagnosticsHaveNoSourceLine() {
        let d = Diagnostic(.error, "missing-file", "no such file or folder", at: SourceRange(.file("x.rules"), .file("x.rules")))
        #expect(DiagnosticRenderer(sources: [:]).render(d) == "x.rules: error: no such file or folder\n")
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("研发") == 4)
        #expect(DisplayWidth.of("R&D") == 3)
        #expect(DisplayWidth.of("，（）") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }

    @Test func suggestionsFindTyposNotUnrelatedWords() {
        #expect(Suggest.closest(to: "研发强读", in: ["研发强度", "城镇化率"]) == "研发强度")
        #expect(Suggest.closest(to: "产业", in: ["创新", "开放"]) == nil)
        #expect(Suggest.closest(to: "requir", in: ["require", "expect"]) == "require")
        #expect(Suggest.distance("研发强度", "研发投入强度") == 2)
    }
}
