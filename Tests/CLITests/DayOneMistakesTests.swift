import Foundation
import Testing
import TestSupport

/// What a new user gets wrong on day one stops the run with a clear message and exit 2 (issue #17): a date
/// that does not exist, a goal the rules do not have, a plan with no text.
@Suite struct DayOneMistakesTests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    @Test(arguments: ["nonsense", "2026-02-30", "1/1/2026", "2026-6-30", "2026-13-01", ""])
    func aTodayThatIsNotADateIsAnError(today: String) throws {
        let r = try runPlancheck(["check", hetang, "--today", today])
        #expect(r.status == 2, "\(today): \(r.stderr)")
        #expect(r.stderr == "plancheck: error: --today takes a date that exists, as YYYY-MM-DD (e.g. 2026-06-30), not \(today)\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func realDatesStillCheck() throws {
        for today in ["2028-02-29", "2026-12-31"] {
            #expect(try runPlancheck(["check", hetang, "--today", today, "--limit", "1"]).status == 1, "\(today)")
        }
        #expect(try runPlancheck(["check", hetang, "--today", "2027-02-29"]).status == 2, "2027 is not a leap year")
    }

    @Test func explainingAGoalTheRulesDoNotHaveIsAnError() throws {
        let none = try runPlancheck(["check", hetang, "--explain", "99.9"])
        #expect(none.status == 2)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr == "plancheck: error: --explain 99.9: no goal with this id in the rules checked\n")
        let typo = try runPlancheck(["check", hetang, "--explain", "5.22"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 5.2?"), "\(typo.stderr)")
        // A goal outside the profile asked for is not checked, so it cannot be explained either.
        let outside = try runPlancheck(["check", hetang, "--profile", "draft", "--explain", "4"])
        #expect(outside.status == 2 && outside.stderr.contains("goal 4 is not in profile draft"), "\(outside.stderr)")
        #expect(try runPlancheck(["check", hetang, "--explain", "5.2"]).status == 1)
    }

    @Test func aPlanWithNoTextIsAnError() throws {
        let dir = try folder(of: ["empty.txt": "", "blank.txt": "  \n\n\u{3000}\n", "headings.txt": "第一章 总则\n第二章 目标\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["empty.txt", "blank.txt", "headings.txt"] {
            let r = try runPlancheck(["check", name], cwd: dir)
            #expect(r.status == 2, "\(name): \(r.stderr)")
            #expect(r.stderr == "plancheck: error: \(name): no text to check: the plan holds no sentence (plancheck outline \(name) shows what was read)\n")
        }
        let device = try runPlancheck(["check", "/dev/null"])
        #expect(device.status == 2 && device.stderr.contains("/dev/null: no text to check"), "\(device.stderr)")
        let zh = try runPlancheck(["check", "empty.txt", "--lang", "zh"], cwd: dir)
        #expect(zh.stderr.contains("empty.txt：没有可检查的文字"))
    }

    /// A device or pipe is read like a file: `plancheck check <(…)` works.
    @Test func aPlanFromAPipeIsRead() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(hetang), encoding: .utf8)
        let fifo = try temporaryFolder().appendingPathComponent("plan.fifo")
        defer { try? FileManager.default.removeItem(at: fifo.deletingLastPathComponent()) }
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let writer = Thread {
            if let h = FileHandle(forWritingAtPath: fifo.path) { h.write(Data(text.utf8)); try? h.close() }
        }
        writer.start()
        let r = try runPlancheck(["check", fifo.path, "--limit", "1"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("株洲市荷塘区国民经济和社会发展第十四个五年规划"))
    }
}
