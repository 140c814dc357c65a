import Foundation
import Testing
import TestSupport

@Suite struct HelpTests {
    @Test func rootHelpTeaches() throws {
        let r = try runPlancheck(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("district development plan"))
    }

    static let commands: [[String]] = [[], ["check"], ["outline"], ["extract"], ["rules"], ["rules", "lint"], ["rules", "fmt"],
                                       ["rules", "test"], ["rules", "coverage"], ["rules", "matches"]]

    /// Every command's help in Chinese, asked for by PLANCHECK_LANG, a Chinese locale or `--lang zh`: the
    /// description, every option's text and ArgumentParser's own headings. What stays English is what a
    /// user types: option and value names, file paths, rule-language keywords and command lines.
    @Test(arguments: commands)
    func everyHelpPageSpeaksChinese(command: [String]) throws {
        let zh = try runPlancheck(command + ["--help"], environment: ["PLANCHECK_LANG": "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("用法：") && !zh.stdout.contains("USAGE:") && !zh.stdout.contains("OPTIONS:"))
        #expect(zh.stdout.contains("显示帮助信息。"))
        #expect(!zh.stdout.contains("(default:") && !zh.stdout.contains("(values:"))
        // Each option's description: the text after the option column, joined with its continuation lines.
        var options: [String] = []
        for line in zh.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  -") || line.hasPrefix("  <") {
                let text = line.dropFirst(2).split(separator: " ", maxSplits: 1).dropFirst().first.map { String($0) } ?? ""
                options.append(text.trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("                          "), !options.isEmpty {
                options[options.count - 1] += line.trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(!options.isEmpty)
        for o in options where !o.isEmpty {
            #expect(o.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "untranslated option help: \(o)")
        }
        let en = try runPlancheck(command + ["--help"])
        #expect(en.stdout.contains("USAGE:") && !en.stdout.contains("用法："))
    }

    @Test func theLocaleAndTheFlagChooseTheHelpsLanguageToo() throws {
        let locale = try runPlancheck(["check", "--help"], environment: ["LANG": "zh_CN.UTF-8", "PLANCHECK_LANG": ""])
        #expect(locale.stdout.contains("对照市级目标检查规划"))
        let flag = try runPlancheck(["check", "--lang", "zh", "--help"])
        #expect(flag.stdout.contains("对照市级目标检查规划") && flag.stdout.contains("示例："))
        let english = try runPlancheck(["check", "--lang=en", "--help"], environment: ["PLANCHECK_LANG": "zh"])
        #expect(english.stdout.contains("Check plans against city goals") && english.stdout.contains("Examples:"))
    }
}

/// `plancheck --version` prints the one version constant, which the SARIF report carries and CHANGELOG.md's
/// newest entry names.
@Suite struct VersionTests {
    @Test func theVersionIsOneThingEverywhere() throws {
        let r = try runPlancheck(["--version"])
        #expect(r.status == 0)
        let version = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(version)")
        let changelog = try String(contentsOf: repositoryRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let newest = changelog.split(separator: "\n").first { $0.hasPrefix("## ") }
        #expect(newest?.hasPrefix("## \(version) ") == true, "CHANGELOG.md's newest entry: \(newest ?? "none")")
        let sarif = try runPlancheck(["check", "Samples/hetang-14th-five-year-plan.txt", "--format", "sarif", "--fail-on", "never"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["version"] as? String == version)
    }
}
