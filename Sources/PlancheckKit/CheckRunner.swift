import Alignment
import DocumentModel
import Foundation
import Localization
import Reports
import RuleLanguage

/// Runs a `CheckRequest`: loads the rules, checks the plans one at a time, applies waivers and the
/// baseline, and writes the reports. Every report file is claimed before any plan is read and replaced
/// only when all are written, so a failed run leaves the last run's reports as they were.
public struct CheckRunner {
    public let request: CheckRequest

    public init(_ request: CheckRequest) { self.request = request }

    /// Runs the check. Reports for standard output, the explanations and the terminal summary go to
    /// `standardOutput`; warnings about waivers to `standardError`.
    public func run(standardOutput: FileHandle = .standardOutput, standardError: FileHandle = .standardError) throws(CheckError) -> CheckOutcome {
        let (ruleSet, rulesPath) = try loadRules()
        let language: Language
        do {
            language = try Language.resolve(asked: request.language, environment: ProcessInfo.processInfo.environment,
                                            declared: ruleSet.language)
        } catch { throw CheckError(error.text) }
        do {
            return try run(ruleSet, rulesPath, language: language, standardOutput: standardOutput, standardError: standardError)
        } catch {
            var e = error
            e.language = language
            throw e
        }
    }

    /// The check, once the rules are loaded and the run's language is known.
    private func run(_ ruleSet: RuleSet, _ rulesPath: String, language: Language, standardOutput: FileHandle,
                     standardError: FileHandle) throws(CheckError) -> CheckOutcome {
        // The reports speak the run's language (`request.language`, resolved), whatever the options say.
        var options = request.reportOptions
        options.language = language
        let engine: AlignmentEngine
        do { engine = try AlignmentEngine(ruleSet: ruleSet, profile: request.profile) } catch { throw CheckError(file: rulesPath, error.text) }
        try checkAskedFor(engine)

        // Waivers, baseline and destinations are checked before any plan is read: a mistake in them
        // should not cost a whole run.
        var waiverList: [Waiver]?
        if let waivers = request.waivers {
            do { waiverList = try WaiverFile.read(path: waivers) } catch { throw CheckError(error) }
        }
        var base: (path: String, report: CheckReport)?
        if let baseline = request.baseline {
            do { base = (baseline, try CheckReport.read(path: baseline)) } catch { throw CheckError(error) }
        }
        var whole = request.reports
        // A format that streams, written alone (the JSON report in CI, and for many plans): each plan's
        // findings go to disk as soon as it is checked, and only what the terminal summary lists stays in
        // memory. The other formats lay out every finding at once, so with them the run keeps every finding.
        var stream: (any ReportStream)?
        if whole.count == 1, let streaming = whole[0].format.makeReporter(options) as? any StreamingReporter {
            do { stream = try streaming.stream(to: whole[0].destination.file, withBaseline: base != nil) } catch { throw CheckError(error) }
            whole = []
        }
        defer { stream?.discard() }
        let files: OutputSet
        do { files = try OutputSet(destinations: whole.compactMap(\.destination.file)) } catch { throw CheckError(error) }
        defer { files.discard() }
        var builder = ReportBuilder(rulesPath: request.rules.shownName, ruleSet: ruleSet, waivers: waiverList,
                                    today: request.today ?? CheckRunner.todayString(), baseline: base,
                                    keepFindings: !whole.isEmpty, limit: request.summary?.limit ?? 0)

        // One plan at a time: memory is bounded by the largest plan, not by the whole set.
        var readOptions = request.readOptions
        readOptions.xpathScopes = engine.xpathExpressions
        var explanations: [(plan: String, lines: [LocalizedText])] = []
        for path in request.plans {
            let doc: PlanDocument
            let bytes: [UInt8]
            do {
                bytes = try SourceText.readBytes(path, maxBytes: readOptions.maxBytes)
                doc = try PlanReader.read(bytes: bytes, file: path, options: readOptions)
            } catch { throw CheckError(error) }
            // A plan without a sentence (an empty file, only whitespace, only headings or noise) would be
            // reported as missing every goal: say what is wrong with it instead.
            if doc.sentences.allSatisfy(\.isHeading) {
                throw CheckError(file: path, L("\(path): no text to check: the plan holds no sentence (plancheck outline \(path) shows what was read)",
                                               "\(path)：没有可检查的文字：规划中没有句子（plancheck outline \(path) 可显示读到的内容）"))
            }
            let result = engine.check(doc, explain: request.explain, district: request.district)
            builder.add(plan: CheckReport.PlanInfo(doc, bytes: bytes, district: result.district))
            if request.explain != nil { explanations.append((result.plan, result.explanation)) }
            let findings = builder.add(consume result)
            do { try stream?.append(findings) } catch { throw CheckError(error) }
        }
        let report = builder.finish()

        if let explain = request.explain {
            for r in explanations {
                let head = language == .zh ? "解释 \(explain)（\(r.plan)）：" : "explain \(explain) in \(r.plan):"
                write(head + "\n" + r.lines.map { $0.text(language) }.joined(separator: "\n") + "\n", to: standardOutput)
            }
        }
        var toStandardOutput = false
        if let stream {
            do { try stream.finish(report) } catch { throw CheckError(error) }
            toStandardOutput = stream.destination == nil
        }
        for r in whole {
            let data: Data
            do { data = try r.format.makeReporter(options).render(report) } catch {
                throw CheckError(LocalizedText(en: "cannot write the \(r.format.rawValue) report: \(error)",
                                               zh: "无法生成 \(r.format.rawValue) 报告：“\(error)”"))
            }
            switch r.destination {
            case .file(let path):
                do { try files.write(data, to: path) } catch { throw CheckError(error) }
            case .standardOutput:
                standardOutput.write(data)
                toStandardOutput = true
            }
        }
        do { try files.commit() } catch { throw CheckError(error) }
        // The terminal summary, unless a report went to standard output.
        if !toStandardOutput, let summary = request.summary {
            var text = TextReport(color: summary.color, limit: summary.limit)
            text.language = language
            write(text.render(report, listings: builder.listings), to: standardOutput)
        }
        if let w = report.waivers {
            for u in w.unused {
                write(language.pick("\(u.source): warning: unused waiver for \(u.goal)\(u.plan.map { " in \($0)" } ?? ""): no such gap\n",
                                    "\(u.source): 警告：目标 \(u.goal)\(u.plan.map { "（\($0)）" } ?? "") 的豁免未被使用：没有对应的问题\n"),
                      to: standardError)
            }
            for e in w.expired {
                write(language.pick("\(e.source): error: the waiver for \(e.goal) expired on \(e.until ?? "")\n",
                                    "\(e.source): 错误：目标 \(e.goal) 的豁免已于 \(language.date(e.until ?? "")) 到期\n"), to: standardError)
            }
        }
        return CheckOutcome(report: report, worstNewGap: builder.worstNewGap, failOn: request.failOn, language: language)
    }

    /// The rule set, loaded and free of errors, and the path it was loaded from.
    func loadRules() throws(CheckError) -> (RuleSet, String) {
        let rulesPath: String
        switch request.rules {
        case .bundled(let name): rulesPath = try BundledRules.path(of: name)
        case .path(let path): rulesPath = path
        }
        let loaded = RuleSetLoader.load(path: rulesPath)
        if loaded.hasErrors {
            let first = loaded.diagnostics.first { $0.level == .error }?.range.start
            // The diagnostics speak the run's language as far as it is known: the rule set's `language` counts
            // when its header parsed; a `PLANCHECK_LANG` plancheck does not speak is passed over, as for other errors.
            var environment = ProcessInfo.processInfo.environment
            if let value = environment["PLANCHECK_LANG"], Language(code: value) == nil { environment["PLANCHECK_LANG"] = nil }
            let language = (try? Language.resolve(asked: request.language, environment: environment,
                                                   declared: loaded.ruleSet.language)) ?? .en
            var error = CheckError(file: first?.file ?? rulesPath, line: first.map(\.line), column: first.map(\.column),
                                   LocalizedText(en: "the rules in \(rulesPath) have errors (see above); fix them or run: plancheck rules lint \(rulesPath)",
                                                 zh: "\(rulesPath) 中的规则有错误（见上文）；请修正，或运行：plancheck rules lint \(rulesPath)"),
                                   details: loaded.rendered(color: false, language: language))
            error.language = language
            throw error
        }
        if loaded.ruleSet.goals.isEmpty && loaded.ruleSet.retirements.isEmpty {
            throw CheckError(file: rulesPath, LocalizedText(en: "\(rulesPath): no goals or retirements to check",
                                                          zh: "\(rulesPath)：没有可检查的目标或停用表述"))
        }
        return (loaded.ruleSet, rulesPath)
    }

    func write(_ s: String, to handle: FileHandle) { handle.write(Data(s.utf8)) }

    /// Today's date, `YYYY-MM-DD`, in the machine's time zone: what waivers are checked against by default.
    /// `--today` and `--explain` name a real date and a goal of the rules, or the run stops before reading a plan.
    private func checkAskedFor(_ engine: AlignmentEngine) throws(CheckError) {
        if let today = request.today, !WaiverFile.isCalendarDate(today) {
            throw CheckError(L("--today takes a date that exists, as YYYY-MM-DD (e.g. 2026-06-30), not \(today)",
                               "--today 要给出存在的日期，写作 YYYY-MM-DD（如 2026-06-30），而不是 \(today)"))
        }
        if let id = request.explain {
            let ids = engine.goals.map(\.id.value)
            guard !ids.contains(id) else { return }
            if let profile = request.profile, engine.ruleSet.goals.contains(where: { $0.id.value == id }) {
                throw CheckError(L("--explain \(id): goal \(id) is not in profile \(profile), so it is not checked",
                                   "--explain \(id)：目标 \(id) 不在 profile \(profile) 中，没有检查"))
            }
            let hint = Suggest.closest(to: id, in: ids).map { L("; did you mean \($0)?", "；你是不是想写 \($0)？") } ?? L("")
            throw CheckError(L("--explain \(id): no goal with this id in the rules checked", "--explain \(id)：所检查的规则中没有这个编号的目标") + hint)
        }
    }

    public static func todayString() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}

/// What a check found and whether it fails.
public struct CheckOutcome: Sendable {
    /// The report: every finding when some format needed them all, else the summaries only (the findings
    /// were streamed).
    public let report: CheckReport
    /// The worst new open gap's severity (every open gap's, without a baseline).
    public let worstNewGap: Severity?
    /// Whether a new gap is at or above the request's fail level, or a waiver has expired.
    public let failed: Bool
    /// The language the run spoke.
    public let language: Language

    init(report: CheckReport, worstNewGap: Severity?, failOn: Severity?, language: Language) {
        self.report = report
        self.language = language
        self.worstNewGap = worstNewGap
        let gaps = failOn.map { level in worstNewGap.map { $0 >= level } ?? false } ?? false
        failed = gaps || !(report.waivers?.expired.isEmpty ?? true)
    }

    /// The exit code the command line gives: 0 clean, 1 failed.
    public var exitCode: Int32 { failed ? 1 : 0 }
}

extension ReportDestination {
    /// The file, or nil for standard output.
    var file: String? {
        if case .file(let path) = self { return path }
        return nil
    }
}
