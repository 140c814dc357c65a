import Localization
import Quantities

/// The semantic checks of a whole rule set: names, units, years, clauses that can never match.
///
/// It runs even when files have syntax errors, so an author sees every problem at once; it stays quiet
/// about statements that a syntax error has already cut short, to avoid reporting one mistake twice.
struct Checker {
    let ruleSet: RuleSet
    let syntaxErrors: [SourceRange]
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var resolved: [String: ResolvedTerm] = [:]
    static let maxCompositionDepth = 100
    /// The most aliases and exclusions all terms may expand to together: a chain of terms that each include
    /// the one before repeats every alias once per link (4,000 terms made 8 million, minutes to check).
    static let maxExpandedAliases = 100_000
    private var expandedAliases = 0

    private var declarations: [String: Term] = [:]
    /// The declared names, sorted once, for suggestions.
    private var termNames: [String] = []
    private var used: Set<String> = []
    private var resolving: [String] = []
    private var failed: Set<String> = []

    /// The offsets of syntax errors, sorted, per file (so "is there one in this span?" is a binary search).
    private let syntaxErrorOffsets: [String: [Int]]
    /// Suggestions already computed, by misspelling and candidate list size.
    private var suggestions: [String: LocalizedText?] = [:]
    private var suggestionBudget = 200_000

    init(ruleSet: RuleSet, syntaxErrors: [SourceRange]) {
        self.ruleSet = ruleSet
        self.syntaxErrors = syntaxErrors
        syntaxErrorOffsets = Dictionary(grouping: syntaxErrors, by: \.start.file).mapValues { $0.map(\.start.offset).sorted() }
    }

    private mutating func error(_ code: String, _ message: LocalizedText, _ range: SourceRange, hint: LocalizedText? = nil) {
        diagnostics.append(Diagnostic(.error, code, message, at: range, hint: hint))
    }

    private mutating func warning(_ code: String, _ message: LocalizedText, _ range: SourceRange, hint: LocalizedText? = nil) {
        diagnostics.append(Diagnostic(.warning, code, message, at: range, hint: hint))
    }

    private func hasSyntaxError(in range: SourceRange) -> Bool {
        guard let offsets = syntaxErrorOffsets[range.start.file] else { return false }
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if offsets[mid] < range.start.offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets.count && offsets[lo] <= range.end.offset
    }

    private mutating func didYouMean(_ name: String, _ candidates: [String]) -> LocalizedText? {
        let key = "\(candidates.count)\u{0}\(name)"
        if let cached = suggestions[key] { return cached }
        // Suggestions cost names × candidates; a file with thousands of unknown names gets them only
        // until the budget is spent, so linting stays fast whatever the file holds.
        suggestionBudget -= candidates.count
        guard suggestionBudget >= 0 else { return nil }
        let hint = Suggest.closest(to: name, in: candidates).map(didYouMeanText)
        suggestions[key] = hint
        return hint
    }

    mutating func run() {
        checkHeaders()
        declareTerms()
        for t in ruleSet.terms where declarations[t.name.value]?.range == t.range { resolveTerm(t.name.value) }
        for t in ruleSet.terms where declarations[t.name.value]?.range == t.range { checkTerm(t) }
        checkGoals()
        checkRetirements()
        checkUncheckables()
        checkTests()
        checkProfiles()
        checkUnused()
        applyAllowComments()
    }

    // MARK: allow comments

    /// `# lint: allow short-alias` (several codes: `allow short-alias, unused-term`) silences those warnings in
    /// the statement whose line it ends or whose block it stands in, else in the statement on the next line;
    /// errors stay. A comment that silences nothing is itself a warning, so a misspelt code or a stale one shows.
    private mutating func applyAllowComments() {
        struct Allow { let codes: [String]; let span: SourceRange; let comment: SourceComment; var used = false }
        var allows: [Allow] = []
        for file in ruleSet.files {
            for c in file.comments {
                guard let codes = Self.allowedCodes(c.text) else { continue }
                let line = c.range.start.line
                // The statement whose line it ends or whose block it stands in, else the one it stands above.
                let target = file.statements.first { $0.range.start.line <= line && $0.range.end.line >= line }
                    ?? file.statements.first { $0.range.start.line == line + 1 }
                if let target { allows.append(Allow(codes: codes, span: target.range, comment: c)) } else {
                    warning("superfluous-allow", L("this lint comment stands above no statement, so it silences nothing",
                                                   "这条 lint 注释下面没有语句，什么也没屏蔽"), c.range,
                            hint: L("put it on the line directly above the term or goal", "把它写在术语或目标的上一行"))
                }
            }
        }
        guard !allows.isEmpty else { return }
        diagnostics = diagnostics.filter { d in
            guard d.level == .warning else { return true }
            for k in allows.indices where allows[k].codes.contains(d.code) {
                let a = allows[k].span
                if a.start.file == d.range.start.file, a.start.offset <= d.range.start.offset, d.range.start.offset <= a.end.offset {
                    allows[k].used = true
                    return false
                }
            }
            return true
        }
        for a in allows where !a.used {
            let comment = "lint: allow \(a.codes.joined(separator: ", "))"
            warning("superfluous-allow", L("\(comment) silences no warning here", "\(comment) 在这里没有屏蔽任何警告"), a.comment.range,
                    hint: L("remove the comment, or check the code's spelling against docs/rule-language.md",
                            "删去这条注释，或对照 docs/rule-language.md 检查代码的拼写"))
        }
    }

    /// The codes of a `lint: allow CODE, CODE` comment (after the `#`), or nil when it is not one.
    static func allowedCodes(_ comment: String) -> [String]? {
        var text = Substring(comment)
        while let f = text.first, f == "#" || f == " " { text = text.dropFirst() }
        guard let prefix = ["lint: allow ", "lint:allow "].first(where: { text.hasPrefix($0) }) else { return nil }
        let rest = text.dropFirst(prefix.count)
        // Codes up to the first word that is not one: `allow short-alias — 统战 always means 统一战线`.
        var codes: [String] = []
        for word in rest.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard word.allSatisfy({ ($0.isASCII && $0.isLetter && $0.isLowercase) || $0 == "-" || $0.isNumber }) else { break }
            codes.append(String(word))
        }
        return codes.isEmpty ? nil : codes
    }

    // MARK: header

    private mutating func checkHeaders() {
        let entries = Set(ruleSet.entryPaths)
        var first: Header?
        for file in ruleSet.files where entries.contains(file.path) {
            for case .header(let h) in file.statements {
                if let f = first {
                    error("duplicate-header", L("a rule set has one header; the first is at \(f.range.start)",
                                                "一个规则集只有一个头部；第一个在 \(f.range.start)"), h.range.start.rangeOfKeyword(7),
                          hint: L("move these lines into the first header, or include this file instead",
                                  "把这几行移到第一个头部里，或改为 include 这个文件"))
                } else {
                    first = h
                }
            }
        }
        for file in ruleSet.files {
            for case .header(let h) in file.statements { checkHeader(h) }
        }
    }

    private mutating func checkHeader(_ h: Header) {
        var seen: [String: SourceRange] = [:]
        func once(_ what: LocalizedText, _ r: SourceRange, _ me: inout Checker) {
            if let first = seen[what.en] {
                me.error("duplicate-setting", L("the header already sets \(what.en) at \(first.start)", "头部已在 \(first.start) 设置过\(what.zh)"), r)
            } else {
                seen[what.en] = r
            }
        }
        var sourceNames: [String: SourceRange] = [:]
        var profileNames: [String: SourceRange] = [:]
        for item in h.items {
            switch item {
            case .period(let p): once(L("the period", "规划期"), p.range, &self)
            case .defaultSeverity(let s): once(L("the default severity", "默认严重程度"), s.range, &self)
            case .language(let l): once(L("the language", "语言"), l.range, &self)
            case .source(let s):
                if let n = s.name {
                    if let first = sourceNames[n.value] {
                        error("duplicate-source", L("source \(n.value) is already declared at \(first.start)",
                                                    "来源 \(n.value) 已在 \(first.start) 声明过"), n.range)
                    } else {
                        sourceNames[n.value] = n.range
                    }
                }
                if s.title.value.isEmpty { error("empty-string", L("a source needs its document's title", "来源要写明文件标题"), s.title.range) }
            case .profile(let p):
                if let first = profileNames[p.name.value] {
                    error("duplicate-profile", L("profile \(p.name.value) is already declared at \(first.start)",
                                                 "profile \(p.name.value) 已在 \(first.start) 声明过"), p.name.range)
                } else {
                    profileNames[p.name.value] = p.name.range
                }
            case .include(let i):
                if i.path.isEmpty { error("empty-string", L("an include needs a path", "include 要写路径"), i.range) }
            case .areas: break
            }
        }
    }

    // MARK: terms

    private mutating func declareTerms() {
        for t in ruleSet.terms {
            if let first = declarations[t.name.value] {
                error("duplicate-term", L("term \(t.name.value) is already defined at \(first.name.range.start)",
                                          "术语 \(t.name.value) 已在 \(first.name.range.start) 定义过"), t.name.range,
                      hint: L("give one of them another name, or merge their aliases", "给其中一个换个名称，或合并它们的别名"))
            } else {
                declarations[t.name.value] = t
            }
        }
        termNames = declarations.keys.sorted()
    }

    /// Reports an unknown term; returns whether the reference names a declared term.
    @discardableResult
    private mutating func lookUp(_ ref: TermRef) -> Bool {
        switch ref.kind {
        case .phrase(let s):
            if s.isEmpty { error("empty-alias", L("an empty phrase matches nothing", "空短语什么也匹配不到"), ref.range) }
            return true
        case .split(let a, let b):
            if a.isEmpty || b.isEmpty { error("empty-alias", L("a split phrase needs words on both sides of '..'", "拆分短语的 '..' 两边都要有词"), ref.range) }
            return true
        case .named(let name):
            used.insert(name)
            if declarations[name] != nil { return true }
            error("unknown-term", L("unknown term \(name)", "未知的术语 \(name)"), ref.range,
                  hint: didYouMean(name, termNames)
                      ?? L("declare it with term \(name) = \"…\", or write the phrase in quotes: \"\(name)\"",
                           "用 term \(name) = \"…\" 声明它，或把短语写在引号里：\"\(name)\""))
            return false
        }
    }

    /// Resolves a term's aliases and exclusions through composition, reporting cycles once.
    @discardableResult
    private mutating func resolveTerm(_ name: String) -> ResolvedTerm? {
        if let r = resolved[name] { return r }
        if failed.contains(name) { return nil }
        guard let term = declarations[name] else { return nil }
        if resolving.contains(name) { return nil }
        // Reported once, at the term that went over; no term is added after it, so the count stays over.
        if expandedAliases > Self.maxExpandedAliases { failed.insert(name); return nil }
        // Composition is resolved recursively; a hostile chain of thousands of terms must not exhaust the stack.
        if resolving.count >= Self.maxCompositionDepth {
            error("term-too-deep", L("term \(name) is composed more than \(Self.maxCompositionDepth) levels deep",
                                     "术语 \(name) 的组合超过 \(Self.maxCompositionDepth) 层"), term.name.range,
                  hint: L("list aliases directly instead of chaining terms", "直接列出别名，不要一层层引用术语"))
            failed.insert(name)
            return nil
        }
        resolving.append(name)
        defer { resolving.removeLast() }
        var aliases: [String] = []
        var exclusions: [String] = []
        var splits: [SplitPhrase] = []
        var broken = false
        // Kept in order, without repeats: searched for in the list, a chain of 2,000 terms took 29.8 s to lint (0.6 s now).
        var seenAliases: Set<String> = [], seenExclusions: Set<String> = []
        func addAlias(_ s: String) { if seenAliases.insert(s).inserted { aliases.append(s) } }
        func addExclusion(_ s: String) { if seenExclusions.insert(s).inserted { exclusions.append(s) } }
        func addSplit(_ p: SplitPhrase) { if !p.first.isEmpty, !p.second.isEmpty, !splits.contains(p) { splits.append(p) } }
        for ref in term.alternatives {
            switch ref.kind {
            case .phrase(let s):
                addAlias(s)
            case .split(let a, let b):
                addSplit(SplitPhrase(first: a, second: b))
            case .named(let other):
                used.insert(other)
                guard declarations[other] != nil else { lookUp(ref); broken = true; continue }
                if let i = resolving.firstIndex(of: other) {
                    let chain = (resolving[i...] + [other]).joined(separator: " → ")
                    error("term-cycle", L("term \(other) is defined in terms of itself: \(chain)", "术语 \(other) 的定义引用了它自己：\(chain)"), ref.range,
                          hint: L("a term may include other terms, but not itself", "术语可以包含其他术语，但不能包含它自己"))
                    broken = true
                    continue
                }
                guard let r = resolveTerm(other) else { broken = true; continue }
                for a in r.aliases { addAlias(a) }
                for e in r.exclusions { addExclusion(e) }
                for p in r.splits { addSplit(p) }
            }
        }
        for ref in term.exclusions {
            switch ref.kind {
            case .phrase(let s):
                addExclusion(s)
            case .split:
                splitNotAllowed(ref, L("an exclusion", "排除词"))
                broken = true
            case .named(let other):
                used.insert(other)
                guard declarations[other] != nil else { lookUp(ref); broken = true; continue }
                guard let r = resolveTerm(other) else { broken = true; continue }
                for a in r.aliases { addExclusion(a) }
                if !r.splits.isEmpty { splitNotAllowed(ref, L("an exclusion (term \(other) has a split alias)", "排除词（术语 \(other) 有拆分别名）")) }
            }
        }
        expandedAliases += aliases.count + exclusions.count + splits.count
        if expandedAliases > Self.maxExpandedAliases {
            error("terms-too-large", L("with term \(name), the terms expand to more than \(Self.maxExpandedAliases) aliases and exclusions "
                                       + "in all (each term counts its own and those of the terms it includes)",
                                       "算上术语 \(name)，所有术语展开后的别名和排除词共超过 \(Self.maxExpandedAliases) 个"
                                       + "（每个术语都计入自己的和它所包含的术语的）"), term.name.range,
                  hint: L("a term that includes another repeats all of its aliases: list shared aliases in one term and name it where needed",
                          "包含另一个术语的术语会重复它的全部别名：把共用的别名列在一个术语里，在需要的地方引用它"))
            failed.insert(name)
            return nil
        }
        let result = ResolvedTerm(name: name, aliases: aliases.filter { !$0.isEmpty }, exclusions: exclusions.filter { !$0.isEmpty },
                                  unit: term.unit?.unit, location: term.name.range.start, splits: splits)
        if broken && result.aliases.isEmpty && result.splits.isEmpty {
            failed.insert(name)
            return nil
        }
        resolved[name] = result
        return result
    }

    private mutating func checkTerm(_ t: Term) {
        let name = t.name.value
        let brokenSyntax = hasSyntaxError(in: t.range)
        var seen: Set<String> = []
        for ref in t.alternatives {
            if case .phrase(let s) = ref.kind {
                if s.isEmpty { error("empty-alias", L("an empty alias matches nothing", "空别名什么也匹配不到"), ref.range) }
                if !seen.insert(s).inserted {
                    warning("duplicate-alias", L("alias \"\(s)\" is listed twice in term \(name)", "别名 \"\(s)\" 在术语 \(name) 中列了两次"), ref.range)
                }
            }
            if case .split(let a, let b) = ref.kind, a.isEmpty || b.isEmpty {
                error("empty-alias", L("a split phrase needs words on both sides of '..'", "拆分短语的 '..' 两边都要有词"), ref.range,
                      hint: L("\"能耗\" .. \"下降\""))
            }
        }
        guard let r = resolved[name] else {
            if t.alternatives.isEmpty && !brokenSyntax {
                error("no-aliases", L("term \(name) has no aliases", "术语 \(name) 没有别名"), t.name.range,
                      hint: L("list the words that name it: term \(name) = \"…\" | \"…\"", "列出指称它的词：term \(name) = \"…\" | \"…\""))
            }
            return
        }
        // A split alias with an empty part has its own error.
        if r.aliases.isEmpty && r.splits.isEmpty && !brokenSyntax && !t.alternatives.contains(where: \.isSplit) {
            error("no-aliases", L("term \(name) has no aliases", "术语 \(name) 没有别名"), t.name.range,
                  hint: L("list the words that name it: term \(name) = \"…\" | \"…\"", "列出指称它的词：term \(name) = \"…\" | \"…\""))
        }
        checkExclusions(aliases: t.alternatives, resolvedAliases: r.aliases, ownExclusions: t.exclusions,
                        allExclusions: r.exclusions, owner: L("term \(name)", "术语 \(name) "))
        // One or two Chinese characters occur inside many longer words (`统战` in nothing else, but `教育` in
        // 教育局, 职业教育, 警示教育): without exclusions, nobody has looked at what the alias matches.
        guard r.exclusions.isEmpty else { return }
        for ref in t.alternatives {
            guard case .phrase(let a) = ref.kind, Self.isShortChinese(a) else { continue }
            let one = a.unicodeScalars.count == 1
            warning("short-alias", L("alias \"\(a)\" of term \(name) is \(one ? "one Chinese character" : "two Chinese characters") with no exclusions, so it counts every longer word that holds it",
                                     "术语 \(name) 的别名 \"\(a)\" 只有\(one ? "一个汉字" : "两个汉字")，又没有排除词，含有它的更长的词都会被计入"),
                    ref.range, hint: L("read its matches (plancheck rules matches <rules> <plan> --term \(name)); add except \"…\" for the false friends, or put # lint: allow short-alias above the term once every match means it",
                                       "先看它匹配到哪些地方（plancheck rules matches <rules> <plan> --term \(name)）；为误配的词加上 except \"…\"，或在确认每处匹配都无误后，在术语上方写 # lint: allow short-alias"))
        }
    }

    /// How the names of districts end, as plan titles write them (荷塘区, 攸县, 醴陵市).
    static let placeSuffixes = ["区", "县", "市", "旗", "镇", "乡", "街道"]

    /// One or two characters, all Han.
    static func isShortChinese(_ s: String) -> Bool {
        let scalars = s.unicodeScalars
        return (1...2).contains(scalars.count) && scalars.allSatisfy { $0.properties.isIdeographic }
    }

    /// An alias that contains one of its exclusions is removed wherever it occurs: it can never match.
    /// An exclusion that contains none of the aliases removes nothing.
    /// `owner` names whose aliases they are (its Chinese ends with a space after a name: `术语 研发 `).
    private mutating func checkExclusions(aliases: [TermRef], resolvedAliases: [String], ownExclusions: [TermRef],
                                          allExclusions: [String], owner: LocalizedText) {
        var reported: Set<String> = []
        for ref in aliases {
            guard case .phrase(let a) = ref.kind, !a.isEmpty else { continue }
            if let e = allExclusions.first(where: { !$0.isEmpty && a.containsPhrase($0) }) {
                reported.insert(a)
                error("alias-excluded", L("alias \"\(a)\" can never match: its exclusion \"\(e)\" removes every occurrence",
                                          "别名 \"\(a)\" 永远匹配不到：它的排除词 \"\(e)\" 去掉了它出现的每一处"), ref.range,
                      hint: L("an exclusion is a longer word around the alias, as in \"研发\" except \"研发中心\"",
                              "排除词是包含别名的更长的词，如 \"研发\" except \"研发中心\""))
            }
        }
        for ex in ownExclusions {
            let words: [String]
            switch ex.kind {
            case .phrase(let s): words = [s]
            case .named(let n): words = resolved[n]?.aliases ?? []
            case .split: words = []
            }
            for e in words where !e.isEmpty {
                if let a = resolvedAliases.first(where: { $0.containsPhrase(e) && !reported.contains($0) }) {
                    reported.insert(a)
                    error("alias-excluded", L("alias \"\(a)\" of \(owner.en) can never match: the exclusion \"\(e)\" removes every occurrence",
                                              owner.zh + "的别名 \"\(a)\" 永远匹配不到：排除词 \"\(e)\" 去掉了它出现的每一处"),
                          ex.range, hint: L("an exclusion is a longer word around the alias, as in \"研发\" except \"研发中心\"",
                                            "排除词是包含别名的更长的词，如 \"研发\" except \"研发中心\""))
                } else if !resolvedAliases.contains(where: { e.containsPhrase($0) }) {
                    warning("useless-exclusion", L("exclusion \"\(e)\" contains none of the aliases of \(owner.en), so it excludes nothing",
                                                   "排除词 \"\(e)\" 不含" + owner.zh + "的任何别名，什么也没排除"),
                            ex.range, hint: L("an exclusion is a longer word around an alias: \"研发\" except \"研发中心\"",
                                              "排除词是包含某个别名的更长的词：\"研发\" except \"研发中心\""))
                }
            }
        }
    }

    // MARK: goals

    private mutating func checkGoals() {
        var ids: [String: SourceRange] = [:]
        let areas = ruleSet.header?.areas?.map(\.value)
        let sourceNames = ruleSet.header?.sources.compactMap { $0.name?.value } ?? []
        for goal in ruleSet.goals {
            let id = goal.id.value
            if !id.isEmpty {
                if let first = ids[id] {
                    error("duplicate-goal", L("goal id \(id) is already used at \(first.start)", "目标编号 \(id) 已在 \(first.start) 用过"), goal.id.range,
                          hint: L("give each goal its own id, such as \(id).1", "每个目标用自己的编号，如 \(id).1"))
                } else {
                    ids[id] = goal.id.range
                }
            }
            var seen: [String: SourceRange] = [:]
            func once(_ what: LocalizedText, _ r: SourceRange, _ me: inout Checker) {
                if let first = seen[what.en] {
                    me.error("duplicate-setting", L("goal \(id) already has \(what.en) at \(first.start)",
                                                    "目标 \(id) 已在 \(first.start) 设置过\(what.zh)"), r)
                } else {
                    seen[what.en] = r
                }
            }
            for item in goal.items {
                switch item {
                case .area(let a):
                    once(L("an area", "领域"), a.range, &self)
                    if let areas, !areas.contains(a.value) {
                        error("unknown-area", L("unknown area \(a.value)", "未知的领域 \(a.value)"), a.range,
                              hint: didYouMean(a.value, areas) ?? L("the header declares: \(areas.joined(separator: ", "))",
                                                                    "头部声明的领域有：\(areas.joined(separator: "、"))"))
                    }
                case .severity(let s): once(L("a severity", "严重程度"), s.range, &self)
                case .weight(let w):
                    once(L("a weight", "权重"), w.range, &self)
                    if !(w.value > 0) { error("bad-weight", L("a weight must be greater than 0", "权重必须大于 0"), w.range, hint: L("weight 1")) }
                case .cite(let c):
                    once(L("a citation", "引文"), c.range, &self)
                    checkSource(of: c, sourceNames)
                case .places(let p):
                    once(L("a list of places", "适用地区列表"), p.range, &self)
                    var names: Set<String> = []
                    for n in p.value.names {
                        if !names.insert(n.value).inserted {
                            warning("duplicate-place", L("\(n.value) is listed twice", "\(n.value) 列了两次"), n.range)
                        } else if !Self.placeSuffixes.contains(where: { n.value.hasSuffix($0) }) {
                            // The plan's district is read from its title (株洲市荷塘区…): a name without 区/县/市 never equals it.
                            warning("place-name", L("\(n.value) is not a district's full name, so no plan's district will equal it",
                                                    "\(n.value) 不是区县的全称，不会与任何规划的区县相同"), n.range,
                                    hint: L("write it as the plan's title does: 醴陵市, 攸县, 荷塘区", "照规划标题的写法写：醴陵市、攸县、荷塘区"))
                        }
                    }
                case .tags, .clause: break
                case .scope(let s): checkScopes(s.value)
                }
            }
            if goal.citation == nil && !hasSyntaxError(in: goal.range) {
                warning("no-citation", L("goal \(id) has no citation", "目标 \(id) 没有引用上级依据"), goal.id.range,
                        hint: L("cite the city sentence it comes from: cite 建议 item 5 \"…\"", "引用它所出自的上级依据：cite 建议 item 5 \"…\""))
            }
            if goal.clauses.isEmpty && !hasSyntaxError(in: goal.range) {
                warning("no-clauses", L("goal \(id) has no clauses, so nothing is checked", "目标 \(id) 没有条款，什么也不检查"), goal.id.range,
                        hint: L("add a clause such as require commitment 研发强度", "加一条条款，如 require commitment 研发强度"))
            }
            var targets: [String: (Unit, SourceRange)] = [:]
            for clause in goal.clauses {
                if let c = clause.condition {
                    checkPredicate(c.predicate, targets: &targets)
                    checkScopes(c.scopes)
                }
                checkPredicate(clause.predicate, targets: &targets)
                checkScopes(clause.scopes)
            }
        }
    }

    private mutating func checkPredicate(_ p: Predicate, targets: inout [String: (Unit, SourceRange)]) {
        switch p {
        case .mention(let s), .commitment(let s, _):
            if case .commitment(_, let y?) = p, let period = ruleSet.period, y.value <= period.end {
                warning("by-within-period", L("every commitment is by the end of the period (\(period.end)); `by` is for a vision past it",
                                              "每项承诺都以规划期末（\(period.end)）为限；`by` 用于规划期之后的远景"),
                        y.range, hint: L("remove `by \(y.value)`, or give the vision's year: by 2035", "删去 `by \(y.value)`，或写远景的年份：by 2035"))
            }
            for ref in s.terms { lookUp(ref) }
            if case .atLeast(let n) = s.quantifier {
                if n > s.terms.count {
                    error("never-matches", L("at least \(n) of \(s.terms.count) term\(s.terms.count == 1 ? "" : "s") can never match",
                                             "只列了 \(s.terms.count) 个术语，at least \(n) 永远满足不了"), s.range,
                          hint: L("list at least \(n) terms, or lower the number", "至少列出 \(n) 个术语，或减小这个数"))
                } else if n == 0 {
                    warning("always-matches", L("at least 0 always matches, so the clause checks nothing", "at least 0 总能满足，这条条款什么也不检查"), s.range,
                            hint: L("write at least 1 of (…), or any(…)", "改为 at least 1 of (…) 或 any(…)"))
                }
            }
        case .target(let t):
            if let y = t.year, let period = ruleSet.period, !period.contains(y.value) {
                error("year-outside-period", L("year \(y.value) is outside the rule set's period \(period.start)..\(period.end)",
                                               "年份 \(y.value) 不在规则集的规划期 \(period.start)..\(period.end) 内"), y.range,
                      hint: L("use a year from \(period.start) to \(period.end), or widen the period in the header",
                              "用 \(period.start) 到 \(period.end) 之间的年份，或在头部放宽规划期"))
            }
            guard lookUp(t.subject) else { return }
            let subjectUnit = ruleSet.resolve(t.subject)?.unit ?? resolved[t.subject.text].flatMap(\.unit)
            let quantities = t.comparison.quantities
            for q in quantities {
                if let u = q.unit {
                    if let su = subjectUnit, !su.isComparable(with: u) {
                        error("incomparable-units", L("\(t.subject.text) is measured in \(su.symbol), which cannot be compared with \(u.symbol)",
                                                      "\(t.subject.text) 以 \(su.symbol) 计量，不能与 \(u.symbol) 比较"),
                              q.range, hint: L("expected a value in \(su.symbol), such as \(example(for: su))",
                                               "应写以 \(su.symbol) 计的值，如 \(example(for: su))"))
                    }
                } else if q.magnitude == 1 && subjectUnit == nil, q.text.unicodeScalars.last.map({ Lexer.digit($0) != nil }) == true {
                    warning("no-unit", L("the target value \(q.text) has no unit", "指标值 \(q.text) 没有单位"), q.range,
                            hint: L("expected a unit such as % or 亿元, or declare the term's unit: term … unit %",
                                    "应写 % 或 亿元 这样的单位，或声明术语的单位：term … unit %"))
                }
            }
            if case .between(let a, let b) = t.comparison {
                if let ua = a.unit, let ub = b.unit, !ua.isComparable(with: ub) {
                    error("incomparable-units", L("cannot compare \(ua.symbol) with \(ub.symbol)", "\(ua.symbol) 与 \(ub.symbol) 无法比较"), b.range,
                          hint: L("write both ends in units of one kind, such as \(example(for: ua)) and \(example(for: ua, larger: true))",
                                  "两端用同一类单位，如 \(example(for: ua)) 和 \(example(for: ua, larger: true))"))
                } else if let lo = base(a, subjectUnit), let hi = base(b, subjectUnit), lo > hi {
                    error("never-matches", L("between \(a.text) and \(b.text) can never match: the first value is above the second",
                                             "between \(a.text) and \(b.text) 永远满足不了：第一个值大于第二个"), a.range,
                          hint: L("write the lower value first: between \(b.text) and \(a.text)", "先写较小的值：between \(b.text) and \(a.text)"))
                }
            }
            if let u = quantities.compactMap(\.unit).first ?? subjectUnit {
                let key = t.subject.text
                if let (other, where_) = targets[key], !other.isComparable(with: u) {
                    error("incomparable-units", L("this target of \(key) in \(u.symbol) cannot be compared with its target in \(other.symbol) at \(where_.start)",
                                                  "\(key) 的这个指标以 \(u.symbol) 计，不能与它在 \(where_.start) 以 \(other.symbol) 计的指标比较"),
                          t.range, hint: L("give both targets units of one kind", "两个指标用同一类单位"))
                } else if targets[key] == nil {
                    targets[key] = (u, t.range)
                }
            }
        }
    }

    /// The value in the dimension's base unit, when it can be known.
    private func base(_ q: Quantity, _ fallback: Unit?) -> Double? {
        guard let u = q.unit ?? fallback else { return q.magnitude == 1 ? q.low : nil }
        return q.scaledLow * u.factor
    }

    private func example(for u: Unit, larger: Bool = false) -> String {
        switch u.dimension {
        case .percent: larger ? "5%" : "3.2%"
        case .money: larger ? "2000亿元" : "1000亿元"
        case .percentagePoints: larger ? "3个百分点" : "2个百分点"
        default: larger ? "20\(u.symbol)" : "10\(u.symbol)"
        }
    }

    private mutating func checkScopes(_ scopes: [Scope]) {
        for s in scopes {
            switch s.kind {
            case .inSection(let p), .outsideSection(let p):
                if let problem = SectionPatternCheck.check(p) {
                    diagnostics.append(Diagnostic(problem.level, problem.code, problem.message, at: s.range, hint: problem.hint))
                }
            case .inXPath(let x):
                if let why = xpathProblem(x) {
                    error("invalid-xpath", L("invalid XPath expression: \(why.en)", "无效的 XPath 表达式：\(why.zh)"), s.range,
                          hint: L("in xpath \"//section[@title='产业']\""))
                }
            case .outsideReview: break
            }
        }
    }

    private func xpathProblem(_ x: String) -> LocalizedText? {
        if x.allSatisfy({ $0 == " " }) { return L("it is empty", "表达式是空的") }
        var brackets = 0, parens = 0
        var quote: Character?
        for c in x {
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "'", "\"": quote = c
            case "[": brackets += 1
            case "]": brackets -= 1; if brackets < 0 { return L("a ']' without its '['", "']' 没有对应的 '['") }
            case "(": parens += 1
            case ")": parens -= 1; if parens < 0 { return L("a ')' without its '('", "')' 没有对应的 '('") }
            default: break
            }
        }
        if quote != nil { return L("a quote is not closed", "引号没有闭合") }
        if brackets > 0 { return L("a '[' without its ']'", "'[' 没有对应的 ']'") }
        if parens > 0 { return L("a '(' without its ')'", "'(' 没有对应的 ')'") }
        return nil
    }

    private mutating func checkSource(of c: Citation, _ sourceNames: [String]) {
        guard case .source(let name) = c.document.value, !sourceNames.contains(name) else { return }
        error("unknown-source", L("unknown source \(name)", "未知的来源 \(name)"), c.document.range,
              hint: didYouMean(name, sourceNames)
                  ?? L("declare it in the header: source \(name) = \"…\", or write the document's title in quotes",
                       "在头部声明它：source \(name) = \"…\"，或把文件标题写在引号里"))
    }

    // MARK: uncheckable commitments

    private mutating func checkUncheckables() {
        let sourceNames = ruleSet.header?.sources.compactMap { $0.name?.value } ?? []
        for u in ruleSet.uncheckables where !hasSyntaxError(in: u.range) {
            // The reason is what keeps the coverage figure honest: a reviewer reads it instead of a rule.
            if u.reason.value.allSatisfy(\.isWhitespace) {
                error("no-reason", L("an uncheckable block must say why no rule can check its commitments",
                                     "uncheckable 块要说明为什么它的承诺无法用规则检查"), u.reason.range,
                      hint: L("uncheckable \"中央的总体部署，区县照录，无可检查的承接内容\" { … }"))
            }
            if u.citations.isEmpty {
                warning("empty-uncheckable", L("this uncheckable block cites nothing, so it sets nothing aside",
                                               "这个 uncheckable 块什么也没引用，没有把任何内容排除在检查之外"), u.reason.range,
                        hint: L("add the city's sentence: cite 建议 item 3 \"…\"", "加上上级依据：cite 建议 item 3 \"…\""))
            }
            for c in u.citations {
                checkSource(of: c, sourceNames)
                if c.item == nil && c.quote == nil {
                    error("uncheckable-document", L("this citation names neither an item nor a quotation, so it would set aside the whole document",
                                                    "这条引文既没写条目也没引原文，会把整份文件排除在检查之外"),
                          c.range, hint: L("name the item (cite 建议 item 3) or quote the sentence (cite 建议 item 3 \"…\")",
                                           "写明条目（cite 建议 item 3）或引用原句（cite 建议 item 3 \"…\"）"))
                }
            }
        }
    }

    // MARK: retirements

    private mutating func checkRetirements() {
        for r in ruleSet.retirements {
            for ref in r.old + r.exclusions + r.replacement { lookUp(ref) }
            for ref in r.exclusions where ref.isSplit { splitNotAllowed(ref, L("an exclusion", "排除词")) }
            for ref in r.replacement where ref.isSplit { splitNotAllowed(ref, L("a replacement", "替代说法")) }
            checkScopes(r.scopes)
            let old = r.old.flatMap { words($0) }
            let exclusions = r.exclusions.flatMap { words($0) }
            checkExclusions(aliases: r.old, resolvedAliases: old, ownExclusions: r.exclusions,
                            allExclusions: exclusions, owner: L("the retired words", "过时表述"))
            for ref in r.replacement {
                for new in words(ref) {
                    guard let o = old.first(where: { !$0.isEmpty && new.containsPhrase($0) }) else { continue }
                    // Fine when an exclusion covers the replacement: `retire "双控" except "碳排放双控" use "碳排放双控"`.
                    if exclusions.contains(where: { new.containsPhrase($0) && $0.containsPhrase(o) }) { continue }
                    error("replacement-retired", L("the replacement \"\(new)\" contains the retired word \"\(o)\", so using it would be reported as outdated",
                                                   "替代说法 \"\(new)\" 含有过时表述 \"\(o)\"，用了它也会被报为过时表述"),
                          ref.range, hint: L("add except \"\(new)\" after the retired words", "在过时表述之后加上 except \"\(new)\""))
                }
            }
        }
    }

    private func words(_ ref: TermRef) -> [String] {
        switch ref.kind {
        case .phrase(let s): [s]
        case .named(let n): resolved[n]?.aliases ?? []
        case .split: []
        }
    }

    /// A split phrase matches a subject and its change word apart; an exclusion or a replacement is one word.
    private mutating func splitNotAllowed(_ ref: TermRef, _ place: LocalizedText) {
        error("split-phrase-here", L("a split phrase cannot be \(place.en): it is one word", "拆分短语不能用作\(place.zh)：它是一个整词"), ref.range,
              hint: L("write the whole word in quotes, as in except \"研发中心\"", "把整个词写在引号里，如 except \"研发中心\""))
    }

    // MARK: tests

    private mutating func checkTests() {
        let ids = ruleSet.goals.map(\.id.value)
        let idSet = Set(ids)
        let retired = Set(ruleSet.retirements.flatMap { $0.old.flatMap { words($0) } + $0.old.map(\.text) })
        for test in ruleSet.tests {
            if test.plan == nil && !hasSyntaxError(in: test.range) {
                error("no-plan", L("test \"\(test.name.value)\" has no plan text", "测试 \"\(test.name.value)\" 没有规划文本"), test.name.range,
                      hint: L("add plan \"…\" with a few sentences of a plan, or plan file \"example.txt\"",
                              "加上 plan \"…\"，写几句规划原文，或写 plan file \"example.txt\""))
            }
            if let path = RuleSetLoader.planPath(of: test), !RuleSetLoader.isRegularFile(path), let p = test.plan {
                error("missing-plan-file", L("plan file not found: \(path)", "找不到规划文件：\(path)"), p.range,
                      hint: L("the path is relative to this rule file's folder", "路径相对于这个规则文件所在的文件夹"))
            }
            if test.expectations.isEmpty && !hasSyntaxError(in: test.range) {
                warning("no-expectations", L("test \"\(test.name.value)\" expects nothing", "测试 \"\(test.name.value)\" 没有任何 expect"),
                        test.name.range, hint: L("add expect 5.2 covered", "加上 expect 5.2 covered"))
            }
            for e in test.expectations {
                switch e.kind {
                case .goal(let id, _):
                    if !idSet.contains(id.value) {
                        error("unknown-goal", L("unknown goal \(id.value)", "未知的目标 \(id.value)"), id.range, hint: didYouMean(id.value, ids))
                    }
                case .outdated(let ref, _):
                    guard lookUp(ref) else { continue }
                    if !words(ref).contains(where: retired.contains) && !retired.contains(ref.text) {
                        error("not-retired", L("no retire statement retires \"\(ref.text)\"", "没有 retire 语句把 \"\(ref.text)\" 列为过时表述"), ref.range,
                              hint: didYouMean(ref.text, retired.sorted())
                                  ?? L("add retire \"\(ref.text)\" use \"…\"", "加上 retire \"\(ref.text)\" use \"…\""))
                    }
                }
            }
        }
    }

    // MARK: profiles

    private mutating func checkProfiles() {
        guard let header = ruleSet.header else { return }
        let ids = ruleSet.goals.map(\.id.value)
        let idSet = Set(ids)
        let tags = Set(ruleSet.goals.flatMap { $0.tags.map(\.value) })
        let areas = Set(ruleSet.goals.compactMap { $0.area?.value })
        for p in header.profiles {
            var broken = false
            for s in p.selectors + p.exceptions {
                switch s.kind {
                case .goal(let id) where !idSet.contains(id):
                    broken = true
                    error("unknown-goal", L("unknown goal \(id)", "未知的目标 \(id)"), s.range, hint: didYouMean(id, ids))
                case .tag(let t) where !tags.contains(t):
                    warning("unmatched-selector", L("no goal has the tag \(t)", "没有目标带标签 \(t)"), s.range, hint: didYouMean(t, tags.sorted()))
                case .area(let a) where !areas.contains(a):
                    warning("unmatched-selector", L("no goal is in the area \(a)", "没有目标属于领域 \(a)"), s.range, hint: didYouMean(a, areas.sorted()))
                default: break
                }
            }
            if !broken && ruleSet.goals(inProfile: p.name.value)?.isEmpty == true && !ruleSet.goals.isEmpty {
                warning("empty-profile", L("profile \(p.name.value) selects no goal", "profile \(p.name.value) 选不出任何目标"), p.name.range)
            }
        }
    }

    // MARK: unused

    /// Terms declared in the loaded files (not in included dictionaries) that nothing uses.
    ///
    /// A file or folder holding only terms is a dictionary: its terms are there to be included, so it
    /// is not checked for use.
    private mutating func checkUnused() {
        let entries = Set(ruleSet.entryPaths)
        let entryHasRules = ruleSet.files.contains { f in
            entries.contains(f.path) && f.statements.contains {
                switch $0 {
                case .goal, .retire: true
                default: false
                }
            }
        }
        // A syntax error may have swallowed the very line that used a term: stay quiet then.
        let entryHasSyntaxErrors = syntaxErrors.contains { entries.contains($0.start.file) }
        guard entryHasRules, !entryHasSyntaxErrors else { return }
        for t in ruleSet.terms where entries.contains(t.range.start.file) && !used.contains(t.name.value) {
            guard declarations[t.name.value]?.range == t.range, !hasSyntaxError(in: t.range) else { continue }
            warning("unused-term", L("term \(t.name.value) is never used", "术语 \(t.name.value) 没有用到"), t.name.range,
                    hint: L("use it in a clause, or move it to a shared dictionary that rule sets include",
                            "在条款里用上它，或把它移到供规则集 include 的共用词典里"))
        }
    }
}

extension SourceLocation {
    /// The span of a keyword of `length` scalars starting here.
    func rangeOfKeyword(_ length: Int) -> SourceRange {
        var end = self
        end.offset += length
        end.column += length
        return SourceRange(self, end)
    }
}
