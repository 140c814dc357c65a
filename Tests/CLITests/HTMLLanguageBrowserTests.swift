import Foundation
import Testing
import TestSupport

/// The HTML pages in both languages, in a real browser: each opens in the language chosen, the 中文 / English
/// switch turns it into exactly the page of the other language, filters and sorting work in Chinese, three
/// plans make a matrix, nothing overflows at desktop or phone width, and the screenshots under `docs/` are
/// rewritten from the run.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "no chromium on PATH: the pages' languages were not checked in a browser"))
struct HTMLLanguageBrowserTests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    /// Clicks a language's button, as a reader would.
    static func click(_ lang: String) -> String { "document.querySelector('button[data-set-lang=\"\(lang)\"]').click();" }

    /// Leaves in `data-english` every lower-case English word (three letters or more) a reader sees: text
    /// outside code (hashes, rule files) and the switch itself, and tooltips and placeholders; file names
    /// (anything with a `/` or `.` in it) and options (`--district`) are names, not words.
    static let englishWords = #"""
    (function () {
      var found = {};
      function add(s) {
        (s.replace(/\S*[\/.]\S*|--[a-z-]+/g, " ").match(/[a-z]{3,}/g) || []).forEach(function (w) { found[w] = 1; });
      }
      var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (var n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.parentElement.closest("code, script, style, .langs")) add(n.nodeValue);
      }
      Array.prototype.forEach.call(document.querySelectorAll("[title], [placeholder]"), function (e) {
        add((e.getAttribute("title") || "") + " " + (e.getAttribute("placeholder") || ""));
      });
      document.documentElement.setAttribute("data-english", Object.keys(found).sort().join(" "));
    })();
    """#

    /// Leaves in `data-overflow` whether the page is wider than the window, and the first elements that
    /// stick out (outside the tables that scroll on their own).
    static let overflow = #"""
    (function () {
      var out = [];
      Array.prototype.forEach.call(document.querySelectorAll("body *"), function (e) {
        if (e.getBoundingClientRect().right > innerWidth + 1 && !e.closest(".scroll")) out.push(e.tagName + "." + e.className);
      });
      var wide = document.documentElement.scrollWidth > innerWidth;
      document.documentElement.setAttribute("data-overflow", (wide ? "page " : "") + out.slice(0, 5).join(" "));
    })();
    """#

    func pages(_ arguments: [String], in dir: URL, name: String = "report", cwd: URL = repositoryRoot) throws -> [String: URL] {
        var out: [String: URL] = [:]
        for lang in ["zh", "en"] {
            let page = dir.appendingPathComponent("\(name)-\(lang).html")
            let r = try runPlancheck(arguments + ["--output", page.path, "--lang", lang], cwd: cwd)
            #expect(r.status <= 1, "\(r.stderr)")
            out[lang] = page
        }
        return out
    }

    @Test func theSwitchTurnsEachPageIntoTheOtherLanguagesExactly() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reports = try pages(["check", hetang, "--rules", fixtureRules, "--format", "html"], in: dir)
        let coverage = try pages(["rules", "coverage", "Rules/zhuzhou/15th", "--source", "Samples/zhuzhou-15th-plan-proposal-2025.txt",
                                  "--format", "html"], in: dir, name: "coverage")
        for page in [reports, coverage] {
            for (from, to) in [("zh", "en"), ("en", "zh")] {
                // The page of one language after a click on the other, against the page made in the other: every
                // label, tooltip, option, the count line and the language attribute are the ones plancheck writes.
                let switched = try Chromium.dumpDOM(try #require(page[from]), probe: Self.click(to), in: dir)
                let made = try Chromium.dumpDOM(try #require(page[to]), probe: Self.click(to), in: dir)
                #expect(switched.consoleLines.isEmpty, "console: \(switched.consoleLines)")
                #expect(switched.dom.count > 10_000)
                #expect(switched.dom == made.dom, "\(from) → \(to): \(firstDifference(switched.dom, made.dom))")
            }
        }
        // What each opens in, and that the address can ask for the other.
        let zh = try Chromium.dumpDOM(try #require(reports["zh"]), in: dir)
        #expect(zh.consoleLines.isEmpty, "console: \(zh.consoleLines)")
        #expect(zh.dom.contains("<html lang=\"zh-CN\" data-lang=\"zh\""))
        #expect(zh.dom.contains("data-zh=\"概况\">概况</h2>"))
        #expect(zh.dom.contains(">共 7 条检查结果</p>"))
        #expect(zh.dom.contains("data-set-lang=\"zh\" lang=\"zh-CN\" aria-pressed=\"true\""))
        let asked = try Chromium.dumpDOM(try #require(reports["zh"]), query: "lang=en", in: dir)
        #expect(asked.dom.contains("<html lang=\"en\" data-lang=\"en\""))
        #expect(asked.dom.contains(">7 findings</p>"))
        #expect(asked.dom.contains("data-set-lang=\"en\" lang=\"en\" aria-pressed=\"true\""))
    }

    @Test func theChinesePagesShowNoEnglishWords() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let drafts = try threeDrafts(in: dir)
        let report = try pages(["check"] + drafts + ["--format", "html", "--fail-on", "never"], in: dir)
        let coverage = try pages(["rules", "coverage", "Rules/zhuzhou/15th", "--source", "Samples/zhuzhou-15th-plan-proposal-2025.txt",
                                  "--format", "html"], in: dir, name: "coverage")
        // plancheck is the tool's name; `applies` the rule language's word a tooltip quotes; utf-8 an encoding.
        let allowed: Set<Substring> = ["plancheck", "applies", "utf"]
        for page in [report, coverage] {
            let zh = try Chromium.dumpDOM(try #require(page["zh"]), probe: Self.englishWords, in: dir)
            let words = try #require(zh.dom.firstMatch(of: /data-english="([^"]*)"/)?.1).split(separator: " ")
            #expect(Set(words).subtracting(allowed).isEmpty, "untranslated: \(Set(words).subtracting(allowed).sorted())")
            // The same probe finds English in the English page: it would find untranslated words.
            let en = try Chromium.dumpDOM(try #require(page["en"]), probe: Self.englishWords, in: dir)
            #expect(try #require(en.dom.firstMatch(of: /data-english="([^"]*)"/)?.1).split(separator: " ").count > 30)
        }
    }

    @Test func filtersAndSortingWorkInChinese() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try #require(try pages(["check", hetang, "--rules", fixtureRules, "--format", "html"], in: dir)["zh"])
        let missing = try Chromium.dumpDOM(page, query: "status=missing", in: dir)
        #expect(missing.consoleLines.isEmpty, "console: \(missing.consoleLines)")
        #expect(missing.dom.contains(">显示 1 条，共 7 条检查结果</p>"))
        #expect(missing.dom.contains("data-target=\"p1-5.5\">"))
        #expect(missing.dom.contains("data-target=\"p1-5.1\" hidden=\"\">"))
        // The search reads the page's words: the Chinese status names it shows.
        let weak = try Chromium.dumpDOM(page, query: "q=%E8%A1%A8%E8%BF%B0%E5%81%8F%E5%BC%B1", in: dir)   // q=表述偏弱
        #expect(weak.dom.contains(">显示 5 条，共 7 条检查结果</p>"))
        // Columns sort by their key, whatever the heads say.
        func order(_ dom: String) -> [String] {
            dom.components(separatedBy: "data-target=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        let byStatus = try Chromium.dumpDOM(page, query: "sort=status", in: dir)
        #expect(order(byStatus.dom) == ["p1-5.5", "p1-retire_3a_5341_4e5d_5927", "p1-5.1", "p1-5.2", "p1-5.3", "p1-5.4", "p1-6"])
        #expect(byStatus.dom.contains("<th scope=\"col\" data-key=\"status\" aria-sort=\"ascending\"><button type=\"button\" class=\"sort\"><span data-en=\"Status\" data-zh=\"状态\">状态</span></button>"))
        // After a switch to English, the count line follows.
        let switched = try Chromium.dumpDOM(page, query: "status=missing", probe: Self.click("en"), in: dir)
        #expect(switched.dom.contains(">Showing 1 of 7 findings</p>"))
    }

    @Test func threePlansMakeAMatrixAndThePagesFitDesktopAndPhone() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let drafts = try threeDrafts(in: dir)
        // Rules under a path with no place to break it (no space or hyphen), as a CI checkout may be: the header wraps it.
        let rules = dir.appendingPathComponent("acheckoutfolderwhosenamehasnoplacetobreakatall/Tests/Fixtures/Rules/zhuzhou/15th")
        try FileManager.default.createDirectory(at: rules.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtureRules, toPath: rules.path)
        try FileManager.default.copyItem(atPath: URL(fileURLWithPath: fixtureRules).deletingLastPathComponent().deletingLastPathComponent()
                                            .appendingPathComponent("common").path,
                                         toPath: rules.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("common").path)
        let report = try pages(["check"] + drafts + ["--rules", rules.path, "--format", "html", "--fail-on", "never"], in: dir)
        let zh = try Chromium.dumpDOM(try #require(report["zh"]), in: dir)
        #expect(zh.consoleLines.isEmpty, "console: \(zh.consoleLines)")
        let matrix = try #require(zh.dom.firstMatch(of: /<table class="matrix">[\s\S]*?<\/table>/)?.0)
        #expect(matrix.components(separatedBy: "<th scope=\"col\" class=\"plan\"").count == 4)
        let rows = matrix.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0].components(separatedBy: "<tr").count - 1
        #expect(rows >= 7)
        #expect(matrix.components(separatedBy: "<td class=\"cell ").count - 1 == rows * 3)
        #expect(matrix.contains("data-zh=\"衔接率\">衔接率</th>"))
        for (lang, page) in report {
            for width in [1280, 500] {
                let run = try Chromium.dumpDOM(page, width: width, probe: Self.overflow, in: dir)
                let found = run.dom.firstMatch(of: /data-overflow="[^"]*"/).map { String($0.0) } ?? "no probe"
                #expect(found == "data-overflow=\"\"", "\(lang) at \(width) px: \(found)")
            }
        }
    }

    @Test func screenshotsOfEachLanguageAreWrittenUnderDocs() throws {
        // Chinese text needs a font that has it, or the screenshots (and readers) get empty boxes.
        let fonts = try runTool("/usr/bin/fc-list", [":lang=zh", "family"])
        #expect(["WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC"].contains { fonts.contains($0) }, "CJK fonts: \(fonts)")
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let docs = repositoryRoot.appendingPathComponent("docs")
        // The rules by a relative path: the bundled set's hash depends on the build folder's place (issue #17),
        // and the pictures must be the same on every machine.
        let report = try pages(["check", hetang, "--rules", "Rules/zhuzhou/15th", "--format", "html"], in: dir)
        for (lang, page) in report {
            try Chromium.screenshot(page, width: 1280, height: 1800, to: docs.appendingPathComponent("report-\(lang).png"), in: dir)
        }
        try Chromium.screenshot(try #require(report["zh"]), width: 500, height: 1400, to: docs.appendingPathComponent("report-phone-zh.png"), in: dir)
        // The plans by names that are the same on every machine, so the picture is too.
        _ = try threeDrafts(in: dir)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(hetang), to: dir.appendingPathComponent("hetang-14th-five-year-plan.txt"))
        for folder in ["Rules/zhuzhou/15th", "Rules/common"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        let matrix = try pages(["check", "hetang-14th-five-year-plan.txt", "shifeng-draft.txt", "lusong-draft.txt", "--rules", "Rules/zhuzhou/15th",
                                "--format", "html", "--fail-on", "never"],
                               in: dir, name: "matrix", cwd: dir)
        try Chromium.screenshot(try #require(matrix["zh"]), query: nil, width: 1280, height: 1400,
                                to: docs.appendingPathComponent("report-matrix-zh.png"), in: dir)
        let coverage = try pages(["rules", "coverage", "Rules/zhuzhou/15th", "--source", "Samples/zhuzhou-15th-plan-proposal-2025.txt",
                                  "--format", "html"], in: dir, name: "coverage")
        try Chromium.screenshot(try #require(coverage["zh"]), width: 1280, height: 1400, to: docs.appendingPathComponent("coverage-zh.png"), in: dir)
    }

    /// The 荷塘区 plan and two small drafts of other districts: three plans for one matrix.
    func threeDrafts(in dir: URL) throws -> [String] {
        let a = dir.appendingPathComponent("shifeng-draft.txt"), b = dir.appendingPathComponent("lusong-draft.txt")
        try Data("""
            株洲市石峰区国民经济和社会发展第十五个五年规划纲要
            第一章 主要目标
            到2030年，建设更有实力的国家重要先进制造业高地，制造业增加值占地区生产总值比重达到40%以上。
            确保建成科技创新高地，研发投入强度达到3.5%。
            第二章 产业集群
            到2030年，先进硬质材料产业集群规模达到1000亿元。
            第三章 民生
            建设更有温度的幸福株洲。

            """.utf8).write(to: a)
        try Data("""
            株洲市芦淞区国民经济和社会发展第十五个五年规划纲要
            第一章 主要目标
            建设内陆地区改革开放高地，持续优化营商环境。
            到2030年，建设党建引领基层治理体系。
            第二章 治理
            完善能耗双控制度。

            """.utf8).write(to: b)
        return [hetang, a.path, b.path]
    }

    func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a), y = Array(b)
        let i = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        return "at \(i): …\(String(x[max(0, i - 80)..<min(x.count, i + 80)]))… vs …\(String(y[max(0, i - 80)..<min(y.count, i + 80)]))…"
    }

    func runTool(_ path: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
