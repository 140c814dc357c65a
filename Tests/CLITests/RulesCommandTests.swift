import Foundation
import Testing
import TestSupport

/// `plancheck rules lint` and `plancheck rules fmt`: output, exit codes, files left as they should be.
@Suite struct RulesCommandTests {
    let clean = """
        term 研发强度 = "研发投入强度" unit %

        goal 5.2 "科技创新高地" {
          cite "建议" "研发投入达到国内先进水平"
          require target 研发强度 >= 3.2% by 2030
        }

        """

    @Test func lintCleanRulesExitsZero() throws {
        let r = try runPlancheck(["rules", "lint", "Rules"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("0 errors, 0 warnings in "))
    }

    @Test func lintReportsErrorsWithCaretAndHintAndExitsTwo() throws {
        let dir = try folder(of: ["goals.rules": clean.replacingOccurrences(of: "target 研发强度", with: "target 研发强读")])
        let r = try runPlancheck(["rules", "lint", "goals.rules"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == """
            goals.rules:1:6: warning: term 研发强度 is never used
            term 研发强度 = "研发投入强度" unit %
                 ^~~~~~~~
            hint: use it in a clause, or move it to a shared dictionary that rule sets include
            goals.rules:5:18: error: unknown term 研发强读
              require target 研发强读 >= 3.2% by 2030
                             ^~~~~~~~
            hint: did you mean 研发强度?
            1 error, 1 warning in 1 file

            """)
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let dir = try folder(of: ["goals.rules": clean.replacingOccurrences(of: "  cite \"建议\" \"研发投入达到国内先进水平\"\n", with: "")])
        let relaxed = try runPlancheck(["rules", "lint", "goals.rules"], cwd: dir)
        #expect(relaxed.status == 0)
        #expect(relaxed.stderr.contains("warning: goal 5.2 has no citation"))
        let strict = try runPlancheck(["rules", "lint", "--strict", "goals.rules"], cwd: dir)
        #expect(strict.status == 1)
    }

    @Test func lintAFolderLoadsItAsOneRuleSetWithSubfolders() throws {
        let dir = try folder(of: [
            "set/a.rules": "term 研发强度 = \"研发投入强度\" unit %\n",
            "set/b.rules": clean.replacingOccurrences(of: "term 研发强度 = \"研发投入强度\" unit %\n", with: ""),
            "set/sub/c.rules": "term 多余 = \"多余的词\"\n",
        ])
        let r = try runPlancheck(["rules", "lint", "set"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "0 errors, 0 warnings in 3 files\n")
    }

    @Test func lintAMissingPathExitsTwo() throws {
        let r = try runPlancheck(["rules", "lint", "no/such.rules"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("no/such.rules: error: no such file or folder\n"))
    }

    @Test func fmtRewritesInPlaceAndIsIdempotent() throws {
        let messy = "term   研发强度=\"研发投入强度\"  unit %\ngoal 5.2 \"科技创新高地\" {cite \"建议\" \"研发投入达到国内先进水平\"\n  require target 研发强度 ≥ 3.2 % by 2030年 }\n"
        let dir = try folder(of: ["goals.rules": messy])
        let r = try runPlancheck(["rules", "fmt", "goals.rules"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "formatted 1 file, 0 unchanged\n")
        let text = try String(contentsOf: dir.appendingPathComponent("goals.rules"), encoding: .utf8)
        #expect(text == clean)
        let again = try runPlancheck(["rules", "fmt", "goals.rules"], cwd: dir)
        #expect(again.stderr == "formatted 0 files, 1 unchanged\n")
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["goals.rules"])
    }

    @Test func fmtCheckListsFilesAndChangesNothing() throws {
        let messy = clean.replacingOccurrences(of: ">= 3.2%", with: "≥ 3.2%")
        let dir = try folder(of: ["a.rules": messy, "b.rules": clean])
        let r = try runPlancheck(["rules", "fmt", "--check", "."], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "a.rules\n")
        #expect(r.stderr == "1 file would be reformatted\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("a.rules"), encoding: .utf8) == messy)
        let ok = try runPlancheck(["rules", "fmt", "--check", "b.rules"], cwd: dir)
        #expect(ok.status == 0)
    }

    @Test func fmtLeavesFilesWithSyntaxErrorsAlone() throws {
        let broken = "goal 5.2 {\n  require mention\n"
        let dir = try folder(of: ["bad.rules": broken])
        let r = try runPlancheck(["rules", "fmt", "bad.rules"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.rules:1:10: error: expected the goal's title in quotes"))
        #expect(try String(contentsOf: dir.appendingPathComponent("bad.rules"), encoding: .utf8) == broken)
    }

    @Test func fmtAMissingPathExitsTwo() throws {
        let r = try runPlancheck(["rules", "fmt", "--check", "no/such.rules"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no/such.rules: error: no such file or folder"))
    }

    @Test func helpTextsTeachWithExamples() throws {
        let lint = try runPlancheck(["rules", "lint", "--help"])
        #expect(lint.status == 0)
        #expect(lint.stdout.contains("plancheck rules lint Rules/zhuzhou/15th"))
        #expect(lint.stdout.contains("did you mean"))
        let fmt = try runPlancheck(["rules", "fmt", "--help"])
        #expect(fmt.stdout.contains("--check"))
        #expect(fmt.stdout.contains("plancheck rules fmt --check Rules"))
        let rules = try runPlancheck(["rules", "--help"])
        #expect(rules.stdout.contains("lint") && rules.stdout.contains("fmt"))
    }
}
