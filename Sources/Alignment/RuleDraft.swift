import DocumentModel
import Foundation
import Quantities
import RuleLanguage

/// What `RuleDrafter` needs beyond the document.
public struct RuleDraftOptions: Sendable {
    /// How the draft's goals cite the document (`建议`); derived from its title when nil.
    public var sourceName: String?
    /// Indicator terms known to a shared dictionary (`研发强度` → its aliases), to name indicators found.
    public var dictionary: [String: [String]]
    /// Where the dictionary lives, for the comment telling the author what to include.
    public var dictionaryPath: String?
    /// The file the draft is for, as the header comment names it.
    public var documentPath: String?

    public init(sourceName: String? = nil, dictionary: [String: [String]] = [:], dictionaryPath: String? = nil,
                documentPath: String? = nil) {
        self.sourceName = sourceName
        self.dictionary = dictionary
        self.dictionaryPath = dictionaryPath
        self.documentPath = documentPath
    }
}

/// A drafted rule file and what it holds.
public struct RuleDraft: Sendable {
    /// The rule file's text, in canonical layout.
    public var text: String
    /// How the document was cut into goals (`numbered items`, `paragraphs opening with 全会提出`…).
    public var basis: String
    public var goals: Int
    public var targets: Int
    /// How many `TODO` marks the author must settle.
    public var todos: Int

    /// `basis` as the draft's header comment says it in Chinese.
    public var chineseBasis: String { RuleDrafter.basisChinese(basis) }
}

/// Drafts a rule file from a city document: one goal per numbered item (or per `全会提出` paragraph), its
/// title, a citation of its first sentence, candidate phrases and a target for each quantity.
///
/// The draft is a starting point for a rule author: every choice the text cannot settle (area, severity,
/// which phrases a district plan will use) is left as a `TODO` comment. It always passes `rules lint`:
/// a clause that would not check clean is written as a comment instead.
public enum RuleDrafter {
    /// Paragraph openings that mark a goal in a communiqué without numbered items.
    static let paragraphMarkers = ["全会提出", "全会强调", "会议提出", "会议强调"]

    /// One stretch of the document that becomes a goal.
    struct Unit {
        var id: String
        var title: String
        var item: String?
        var sentences: [Sentence]
        var review: Bool
        /// The area its top-level part's heading names (`三、迭代升级…产业体系` → 产业), if any.
        var area: String? = nil
    }

    /// The areas of a five-year plan, each with the words of a part heading that name it, in the order they
    /// are tried: `九、激发文化创新创造活力` is 文化 before it is 创新.
    static let areaWords: [(String, [String])] = [
        ("乡村", ["乡村", "农业", "农村"]), ("文化", ["文化"]), ("生态", ["生态", "绿色发展", "美丽"]), ("安全", ["安全"]),
        ("民生", ["民生", "公共服务", "共同富裕"]), ("治理", ["治理", "法治", "民主", "党的领导", "凝聚各方力量"]),
        ("创新", ["创新", "科技", "人才"]), ("开放", ["开放", "改革"]), ("内需", ["内需", "需求", "消费"]),
        ("区域", ["区域", "城乡融合", "新型城镇化"]), ("产业", ["产业", "制造"]),
    ]

    /// The area a part heading names, if any.
    static func area(ofHeading heading: String) -> String? {
        areaWords.first { _, words in words.contains { heading.containsPhrase($0) } }?.0
    }

    /// Words of the cited sentence that set a goal's severity: binding ones make it an error; a title that
    /// only supports or encourages makes it info (the bundled rules' convention).
    static func severity(title: String, sentence: String) -> String? {
        if CommitmentFinder.bindingWords.contains(where: { sentence.containsPhrase($0) || title.containsPhrase($0) }) { return "error" }
        if ["支持", "鼓励", "探索"].contains(where: { title.hasPrefix($0) }) { return "info" }
        return nil
    }

    /// Drafts the rule file for `doc`.
    public static func draft(_ doc: PlanDocument, options: RuleDraftOptions = RuleDraftOptions()) -> RuleDraft {
        let period = planPeriod(doc)
        let (units, basis) = cut(doc)
        let source = options.sourceName.flatMap { RuleFormatter.isValidName($0) ? $0 : nil } ?? sourceName(for: doc)
        var out = Lines()
        let title = doc.title ?? (doc.file as NSString).lastPathComponent
        out.comment("草稿：由 plancheck extract 从 \(options.documentPath ?? doc.file) 生成，\(units.count) 条目标（\(basisChinese(basis))）。")
        out.comment("每条目标都要人工审定后再用：TODO 处要作者决定；短语是文中的写法，区县纲要常换说法，")
        out.comment("请改成 term 并补上别名；量化目标只照原文，不要替城市加码。写好后运行 plancheck rules lint 和 rules test。")
        out.line("ruleset \(RuleFormatter.stringLiteral(title + " 衔接检查（草稿）")) {")
        out.line("  source \(source) = \(RuleFormatter.stringLiteral(title))")
        if let period { out.line("  period \(period.lowerBound)..\(period.upperBound)") } else {
            out.todo("  ", "未能从文中判断规划期，请写 period 2026..2030 这样的一行。")
        }
        var areas: [String] = []   // in the order the document reaches them
        for u in units { if let a = u.area, !areas.contains(a) { areas.append(a) } }
        if areas.isEmpty {
            out.todo("  ", "写出 areas（产业, 创新, 开放, 民生, 生态, 治理……）。")
        } else {
            out.line("  areas " + areas.joined(separator: ", "))
        }
        out.line("  default severity warning")
        if let d = options.dictionaryPath {
            out.todo("  ", "共用的指标词典在 \(d)：include 它之后，指标可写作词条名（研发强度）而不是原文短语。")
        }
        out.line("}")
        out.blank()

        var targets = 0
        let extractor = QuantityExtractor(planPeriod: period)
        for unit in units {
            let text = unit.sentences.map { doc.text(of: $0) }
            out.line("goal \(goalID(unit.id)) \(RuleFormatter.stringLiteral(unit.title)) {")
            let first = unit.sentences.first { !$0.isHeading }.map { trimEnd(doc.text(of: $0)) } ?? unit.title
            if let a = unit.area { out.line("  area \(a)") }
            let severity = self.severity(title: unit.title, sentence: first)
            if let severity { out.line("  severity \(severity)") }
            out.todo("  ", (unit.area == nil ? "area；" : "") + (severity == nil ? "severity 按原文措辞（确保、坚决、严格为 error，支持、鼓励为 info）；" : "核对 severity；")
                     + "weight 按分量。")
            let item = unit.item.map { " item \(itemToken($0))" } ?? ""
            out.line("  cite \(source)\(item) \(RuleFormatter.stringLiteral(first))")
            if unit.review {
                out.todo("  ", "这一条回顾过去或分析形势，多半不是区县要承接的目标：删去，或改写成要求。")
            }
            // The goal's subject: quoted phrases first, then named programmes, then the title's key words.
            let quoted = quotedPhrases(text)
            let programmes = namedProgrammes(text).filter { p in !quoted.contains { $0.contains(p) || p.contains($0) } }
            let subject = unit.title.split(whereSeparator: { ",，".contains($0) }).lazy.compactMap { keyWords(of: String($0)) }.first
            var main = [subject].compactMap { $0 } + Array(quoted.prefix(3))
            main = dedupe(main)
            if main.isEmpty { main = [unit.title] }
            out.todo("  ", "区县纲要会怎样写这件事？把短语换成它们的写法（多个写法用 term 列出）。")
            out.clause("  ", "require commitment \(termSet(main))", period: period)
            if quoted.count > 3 || !programmes.isEmpty {
                let rest = dedupe(Array(quoted.dropFirst(3)) + programmes).filter { !main.contains($0) }
                if !rest.isEmpty {
                    out.todo("  ", "文中的提法和工程、行动；要求区县写出的留下，其余删去。")
                    out.clause("  ", "suggest mention \(termSet(Array(rest.prefix(8))))", period: period)
                }
            }
            let indicators = options.dictionary.filter { _, aliases in
                aliases.contains { a in text.contains { $0.containsPhrase(a) } }
            }.keys.sorted()
            if !indicators.isEmpty {
                out.todo("  ", "文中的指标（词典词条）：\(indicators.joined(separator: "、"))。")
            }
            // A target for each quantity the item states about the future; figures of the past are only counted.
            var seen = Set<String>()
            var pastFigures: [String] = []
            for (k, s) in unit.sentences.enumerated() where !s.isHeading {
                let scalars = doc.scalars(of: s)
                let qs = extractor.extract(from: scalars)
                let past = SentenceFacts.reportsThePast(qs, in: scalars, period: period)
                let deadline = qs.filter(\.isTime).compactMap { q -> Int? in
                    let y = Int(q.upper ?? q.value)
                    return period.map { $0.contains(y) ? y : nil } ?? nil
                }.max()
                for q in tightestRanks(qs.filter { !$0.isTime && $0.kind != .duration && !namesAClass($0, in: scalars) }, in: scalars) {
                    let quote = String(scalars: scalars[(scalars.startIndex + q.span.lowerBound)..<(scalars.startIndex + q.span.upperBound)])
                    if unit.review || past {
                        pastFigures.append(quote)
                        continue
                    }
                    for subject in subjects(of: q, in: scalars, dictionary: options.dictionary) {
                        guard let clause = targetClause(subject: subject, q, deadline: deadline ?? period?.upperBound, period: period) else { continue }
                        guard seen.insert(clause).inserted else { continue }
                        let assumed = q.unit == nil && q.kind != .rank ? "单位按“元”补上了，请核对；" : ""
                        out.todo("  ", "原文“\(quote)”（第\(k + 1)句）：\(assumed)主语是否就是“\(subject)”？区县不承接这一项时改成 when mention … then。")
                        if out.clause("  ", "expect " + clause, period: period) { targets += 1 }
                    }
                }
            }
            if !pastFigures.isEmpty {
                out.todo("  ", "原文的\(dedupe(pastFigures).map { "“\($0)”" }.joined(separator: "、"))是过去的数，不是目标，没有写成 target。")
            }
            out.line("}")
            out.blank()
        }
        let text = out.text
        let formatted = RuleFormatter.format(source: text, path: "draft.rules").output ?? text
        return RuleDraft(text: formatted, basis: basis, goals: units.count, targets: targets, todos: out.todos)
    }

    // MARK: Cutting the document into goals

    /// Numbered items (with their `——` lines as sub-goals), else `全会提出` paragraphs, else headed sections,
    /// else the whole text.
    static func cut(_ doc: PlanDocument) -> ([Unit], String) {
        let review = ReviewSections.flags(for: doc)
        var bySection = [[Sentence]](repeating: [], count: doc.allSections.count)
        var loose: [Sentence] = []
        for s in doc.sentences { if let id = s.section { bySection[id].append(s) } else { loose.append(s) } }
        func below(_ s: Section) -> [Sentence] { bySection[s.id] + s.children.flatMap(below) }
        // Each section's area: the one its top-level heading names.
        var areaOf = [String?](repeating: nil, count: doc.allSections.count)
        func walk(_ sections: [Section], _ inherited: String?) {
            for s in sections {
                let a = inherited ?? area(ofHeading: s.title)
                areaOf[s.id] = a
                walk(s.children, a)
            }
        }
        for top in doc.sections { walk([top], nil) }

        let items = doc.allSections.filter { $0.kind == .item }
        if !items.isEmpty {
            var units: [Unit] = []
            for s in items {
                let n = s.number.map(String.init) ?? s.label
                units.append(Unit(id: n, title: cleanTitle(s.title), item: n, sentences: below(s), review: review[s.id], area: areaOf[s.id]))
                for (k, d) in s.children.filter({ $0.kind == .dashItem }).enumerated() {
                    units.append(Unit(id: "\(n).\(k + 1)", title: cleanTitle(d.title), item: n, sentences: below(d), review: review[d.id],
                                      area: areaOf[d.id]))
                }
            }
            return (units, "numbered items")
        }
        let paragraphs = self.paragraphs(doc)
        let marked = paragraphs.filter { p in
            guard let s = p.first else { return false }
            return paragraphMarkers.contains { doc.text(of: s).hasPrefix($0) }
        }
        if !marked.isEmpty {
            let units = marked.enumerated().map { k, p -> Unit in
                Unit(id: "\(k + 1)", title: paragraphTitle(doc.text(of: p[0])), item: "\(k + 1)", sentences: p, review: false)
            }
            return (units, "paragraphs opening with 全会提出")
        }
        let leaves = doc.allSections.filter { s in
            [.part, .chapter, .section, .numberedPart, .parenthesized, .subitem].contains(s.kind) && !bySection[s.id].isEmpty
        }
        if !leaves.isEmpty {
            let units = leaves.enumerated().map { k, s in
                Unit(id: "\(k + 1)", title: cleanTitle(s.title.isEmpty ? s.label : s.title), item: nil, sentences: bySection[s.id], review: review[s.id],
                     area: areaOf[s.id])
            }
            return (units, "sections")
        }
        let all = doc.sentences
        return ([Unit(id: "1", title: cleanTitle(doc.title ?? "全文"), item: nil, sentences: all, review: false)], "the whole text")
    }

    /// Body sentences grouped into paragraphs: a line that does not end a sentence runs on into the next
    /// one (newspapers and PDFs break paragraphs across lines and pages).
    static func paragraphs(_ doc: PlanDocument) -> [[Sentence]] {
        var out: [[Sentence]] = []
        var current: [Sentence] = []
        var lastLine = -1
        var open = false
        for s in doc.sentences where !s.isHeading {
            if s.line != lastLine && !open && !current.isEmpty {
                out.append(current)
                current = []
            }
            current.append(s)
            lastLine = s.line
            let line = doc.source.line(s.line)
            let lastChar = line.last { !$0.properties.isWhitespace }
            open = lastChar.map { !"。！？；!?;".unicodeScalars.contains($0) } ?? false
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The plan period a document speaks of: the 五年规划 its title names, else the one it names most.
    static func planPeriod(_ doc: PlanDocument) -> ClosedRange<Int>? {
        let periods: [(String, String, ClosedRange<Int>)] = [
            ("第十五个五年", "十五五", 2026...2030), ("第十四个五年", "十四五", 2021...2025), ("第十三个五年", "十三五", 2016...2020),
        ]
        if let t = doc.title, let p = periods.first(where: { t.contains($0.0) || t.contains($0.1) }) { return p.2 }
        let text = doc.sentences.map { doc.text(of: $0) }.joined()
        let counts = periods.map { p in text.components(separatedBy: p.1).count - 1 }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0 else { return nil }
        return periods[best].2
    }

    static func sourceName(for doc: PlanDocument) -> String {
        let t = doc.title ?? ""
        for (word, name) in [("建议", "建议"), ("公报", "公报"), ("纲要", "纲要"), ("政府工作报告", "报告"), ("代表大会", "党代会"), ("报告", "报告")]
        where t.contains(word) { return name }
        return "文件"
    }

    static func basisChinese(_ basis: String) -> String {
        switch basis {
        case "numbered items": "每个编号条目一条，“——”行为子目标"
        case "paragraphs opening with 全会提出": "每个以“全会提出”“全会强调”开头的段落一条，item 为段落序号"
        case "sections": "每个有正文的标题一条"
        default: "全文一条"
        }
    }

    // MARK: Phrases

    /// Quoted `“…”` phrases of 2 to 12 characters, in order of appearance, without plan names.
    static func quotedPhrases(_ text: [String]) -> [String] {
        var out: [String] = []
        for t in text {
            var rest = Substring(t)
            while let open = rest.firstIndex(of: "“"), let close = rest[open...].firstIndex(of: "”") {
                let phrase = String(rest[rest.index(after: open)..<close])
                rest = rest[rest.index(after: close)...]
                let n = phrase.count
                guard n >= 2, n <= 12, !["十四五", "十五五", "十三五"].contains(phrase), !out.contains(phrase) else { continue }
                out.append(phrase)
            }
        }
        return out
    }

    /// Programmes named after a verb: `实施产业集群梯度培育工程` → 产业集群梯度培育工程.
    static func namedProgrammes(_ text: [String]) -> [String] {
        let pattern = #"(?:实施|开展|推进|启动|打造|创建|争创|建设|深化)([\p{Han}A-Za-z0-9“”+]{2,12}?(?:工程|行动|计划|战略|示范区|试验区|先行区|示范城市|示范基地))"#
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        var out: [String] = []
        for t in text {
            for m in re.matches(in: t, range: NSRange(t.startIndex..., in: t)) {
                guard let r = Range(m.range(at: 1), in: t) else { continue }
                let p = String(t[r]).replacingOccurrences(of: "“", with: "").replacingOccurrences(of: "”", with: "")
                if p.count >= 4, !out.contains(p) { out.append(p) }
            }
        }
        return out
    }

    /// Verbs a title opens with; what follows is what the goal is about (`大力发展现代服务业` → 现代服务业).
    static let titleVerbs = ["更加注重", "大力发展", "大力推进", "加快推进", "深入推进", "全面推进", "持续推进", "扎实推进", "加快建设", "全面加强",
                             "持续优化", "全面提升", "持续提升", "全面扩大", "精准有力", "充分激发", "主动服务", "主动对接", "着力打造",
                             "加快", "推进", "推动", "促进", "提高", "提升", "完善", "健全", "深化", "建设", "弘扬", "强化", "营造",
                             "优化", "培育", "坚持", "办好", "实施", "打造", "扩大", "增进", "加强", "梯度培育", "提振", "激发", "融入",
                             "服务", "对接", "全面", "持续", "深入", "大力", "积极", "突出", "着力", "扎实推动", "贯彻", "繁荣发展",
                             "用好", "和"]

    /// Titles that name a kind of section, not a subject.
    static let genericTitles: Set<String> = ["指导思想", "基本要求", "主要目标", "基本原则", "发展目标", "总体要求", "远景目标"]

    /// The words of a title after its opening verbs, when at least two characters are left.
    static func keyWords(of title: String) -> String? {
        if genericTitles.contains(title) { return nil }
        var t = Substring(title)
        var changed = true
        while changed {
            changed = false
            for v in titleVerbs where t.hasPrefix(v) && t.count > v.count + 1 {
                t = t.dropFirst(v.count)
                changed = true
            }
        }
        var s = String(t).trimmingCharacters(in: .whitespaces)
        // 建设更有实力的国家重要先进制造业高地 → 国家重要先进制造业高地: the degree is the city's ambition,
        // not words a district repeats.
        if s.hasPrefix("更有"), let de = s.firstIndex(of: "的"), s.distance(from: s.startIndex, to: de) <= 5 {
            s = String(s[s.index(after: de)...])
        }
        return s.count >= 2 && s.count <= 16 ? s : nil
    }

    /// The words a quantity is about: the clause before it, opening verbs and comparator words trimmed,
    /// a `、` list split (`陶瓷、电子信息等产业集群迈上千亿台阶` gives 陶瓷 and 电子信息), an indicator
    /// name of the dictionary preferred.
    static func subjects(of q: Quantities.Quantity, in s: ArraySlice<Unicode.Scalar>, dictionary: [String: [String]]) -> [String] {
        let clause = SentenceFacts.clause(around: q.span, in: s)
        var before = String(scalars: s[(s.startIndex + clause.lowerBound)..<(s.startIndex + q.span.lowerBound)])
        // A list line `千亿产业集群:力争新增2-3个` names its subject before the colon.
        if clause.lowerBound > 0, ":：".unicodeScalars.contains(s[s.startIndex + clause.lowerBound - 1]),
           before.trimmingCharacters(in: CharacterSet(charactersIn: "力争新增达到超过提高到为")).isEmpty {
            let label = SentenceFacts.clause(around: (clause.lowerBound - 1)..<(clause.lowerBound - 1), in: s)
            before = String(scalars: s[(s.startIndex + label.lowerBound)..<(s.startIndex + clause.lowerBound - 1)])
        }
        // A count comes before what it counts (`培育3个国家先进制造业集群`): the words after it are the subject.
        if q.unit?.dimension == .count, q.span.upperBound < clause.upperBound {
            var after = String(scalars: s[(s.startIndex + q.span.upperBound)..<(s.startIndex + clause.upperBound)])
            if let cut = after.firstIndex(where: { "、等和及与".contains($0) }) { after = String(after[..<cut]) }
            if after.count >= 2 && after.count <= 16 && after.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
                return [after]
            }
        }
        let aliases = dictionary.values.flatMap { $0 }.filter { before.containsPhrase($0) }.sorted { $0.count > $1.count }
        var subject = aliases.first ?? before
        if aliases.isEmpty {
            subject = Self.withoutLeadingYear(subject)
            var trimmed = true
            // Verbs, time words and comparators around the noun phrase, however they are stacked (`今年地区生产总值将突破`).
            while trimmed {
                trimmed = false
                for p in ["力争", "推动", "实现", "确保", "争取", "努力", "跻身", "进入", "全市", "全区", "我市", "使", "让", "推进", "新增",
                          "培育", "建成", "今年", "明年", "届时", "预计"] where subject.hasPrefix(p) {
                    subject.removeFirst(p.count)
                    trimmed = true
                }
                for p in ["迈上", "达到", "突破", "超过", "提高到", "提升到", "保持在", "控制在", "稳定在", "年均", "增长", "下降", "降低",
                          "提高", "达", "过", "为", "在", "至", ":", "：", "等产业集群", "等产业", "等", "将", "要", "力争", "百强榜", "排名",
                          "前"] where subject.hasSuffix(p) {
                    subject.removeLast(p.count)
                    trimmed = true
                }
            }
        }
        subject = subject.trimmingCharacters(in: CharacterSet(charactersIn: " “”\"'、"))
        // A change's subject carries its direction: the engine reads 下降/增长 in the subject's name.
        let direction = q.kind == .decrease ? "下降" : q.kind == .increase ? "增长" : ""
        var parts = subject.contains("、") ? subject.components(separatedBy: "、") : [subject]
        parts = parts.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " “”")) }.filter { $0.count >= 2 && $0.count <= 20 }
        return parts.map { direction.isEmpty || $0.hasSuffix(direction) ? $0 : $0 + direction }
    }

    /// `到2030年地区生产总值` → `地区生产总值`: a year opening the clause times the figure, it is not its subject.
    static func withoutLeadingYear(_ s: String) -> String {
        var rest = Substring(s)
        if rest.hasPrefix("到") { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4 else { return s }
        rest = rest.dropFirst(4)
        guard rest.hasPrefix("年") else { return s }
        return String(rest.dropFirst())
    }

    /// `target "陶瓷" >= 1000亿 by 2030` for a quantity, or nil when it cannot be written as one.
    static func targetClause(subject: String, _ q: Quantities.Quantity, deadline: Int?, period: ClosedRange<Int>?) -> String? {
        let by = (q.year ?? deadline).flatMap { y in period.map { $0.contains(y) ? " by \(y)" : "" } ?? " by \(y)" } ?? ""
        let subjectText = RuleFormatter.stringLiteral(subject)
        if q.kind == .rank {
            return "target \(subjectText) <= \(chineseNumeral(Int(q.value)))\(by)"
        }
        guard let value = number(q.value, unit: q.unit) else { return nil }
        if let upper = q.upper, let high = number(upper, unit: q.unit) {
            return "target \(subjectText) between \(value) and \(high)\(by)"
        }
        let cmp = q.comparator == .atMost || q.kind == .fallTo ? "<=" : ">="
        return "target \(subjectText) \(cmp) \(value)\(by)"
    }

    /// A value as the rule language writes it: `3.2%`, `1000亿元`; a unitless magnitude as `1000亿`.
    static func number(_ v: Double, unit: Quantities.Unit?) -> String? {
        func plain(_ x: Double) -> String {
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            var s = String(format: "%.4f", x)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        if let unit { return plain(v) + unit.symbol }
        // A bare 亿 in a city's targets is money (迈上千亿台阶, 过五百亿): the unit is written, and the draft says so.
        if v >= 1e8, (v / 1e8) == (v / 1e8).rounded() { return plain(v / 1e8) + "亿元" }
        if v >= 1e4, (v / 1e4) == (v / 1e4).rounded() { return plain(v / 1e4) + "万" }
        return nil
    }

    /// The quantities of one sentence with, of the ranks in one clause, only the tightest: `百强榜50强` is a
    /// place among the top 50, not also among the top 100.
    static func tightestRanks(_ qs: [Quantities.Quantity], in s: ArraySlice<Unicode.Scalar>) -> [Quantities.Quantity] {
        var best: [Range<Int>: Int] = [:]   // clause → index of its tightest rank in `qs`
        for (k, q) in qs.enumerated() where q.kind == .rank {
            let clause = SentenceFacts.clause(around: q.span, in: s)
            if let b = best[clause], qs[b].value <= q.value { continue }
            best[clause] = k
        }
        let kept = Set(best.values)
        return qs.enumerated().filter { $0.element.kind != .rank || kept.contains($0.offset) }.map(\.element)
    }

    /// `50` → `五十`: ranks are written in Chinese numerals, since a place in a ranking has no unit.
    static func chineseNumeral(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard n > 0, n < 10000 else { return String(n) }
        var out = ""
        var zero = false
        for (place, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let d = (n / place) % 10
            if d == 0 {
                if !out.isEmpty { zero = true }
                continue
            }
            if zero { out += "零"; zero = false }
            if !(place == 10 && d == 1 && out.isEmpty) { out.append(digits[d]) }
            out += name
        }
        return out
    }

    /// Whether a value only names a class of things (`千亿产业`, `百亿企业`, `千亿级`): not a target.
    static func namesAClass(_ q: Quantities.Quantity, in s: ArraySlice<Unicode.Scalar>) -> Bool {
        let end = s.startIndex + q.span.upperBound
        guard end < s.endIndex else { return false }
        let next = String(scalars: s[end..<min(end + 2, s.endIndex)])
        return ["产业", "企业", "园区", "集群"].contains(next) || next.hasPrefix("级")
    }

    // MARK: Small helpers

    static func termSet(_ phrases: [String]) -> String {
        let list = phrases.map { RuleFormatter.stringLiteral($0) }
        return list.count == 1 ? list[0] : "any(\(list.joined(separator: ", ")))"
    }

    static func dedupe(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func trimEnd(_ s: String) -> String {
        var t = s
        while let last = t.last, "。；;！!？?".contains(last) { t.removeLast() }
        return t
    }

    static func cleanTitle(_ s: String) -> String {
        let t = trimEnd(s.trimmingCharacters(in: .whitespaces))
        return t.isEmpty ? "（无标题）" : t
    }

    /// A communiqué paragraph's title: its first clause after the marker (`全会提出,坚持制造强市,…`).
    static func paragraphTitle(_ first: String) -> String {
        var t = Substring(first)
        for m in paragraphMarkers where t.hasPrefix(m) { t = t.dropFirst(m.count) }
        for p in ["了", ",", "，", ":", "："] where t.hasPrefix(p) { t = t.dropFirst(p.count) }
        let clauses = t.split(whereSeparator: { ",，。；;".contains($0) })
        var title = clauses.prefix(2).joined(separator: ",")
        if title.count > 40 { title = String(title.prefix(39)) + "…" }
        return cleanTitle(title)
    }

    /// A goal id: the number as is (`6`, `5.1`), else a quoted string.
    static func goalID(_ id: String) -> String {
        id.allSatisfy({ $0.isNumber || $0 == "." }) && !id.hasSuffix(".") ? id : RuleFormatter.stringLiteral(id)
    }

    static func itemToken(_ item: String) -> String {
        item.allSatisfy(\.isNumber) ? item : RuleFormatter.stringLiteral(item)
    }

    /// The draft's lines, counting TODO marks; clauses are checked before they are written.
    struct Lines {
        var lines: [String] = []
        var todos = 0
        var text: String { lines.joined(separator: "\n") + "\n" }

        mutating func line(_ s: String) { lines.append(s) }
        mutating func blank() { lines.append("") }
        mutating func comment(_ s: String) { lines.append("# " + s) }
        mutating func todo(_ indent: String, _ s: String) {
            lines.append(indent + "# TODO: " + s.replacingOccurrences(of: "\n", with: " "))
            todos += 1
        }

        /// Writes the clause when it checks clean on its own, else a TODO comment holding it.
        @discardableResult
        mutating func clause(_ indent: String, _ clause: String, period: ClosedRange<Int>?) -> Bool {
            if RuleDrafter.checksClean(clause, period: period) {
                lines.append(indent + clause)
                return true
            }
            todo(indent, "写不成规则，请改写：\(clause)")
            return false
        }
    }

    /// Whether a clause, alone in a goal of a rule set with `period`, loads without errors or warnings.
    static func checksClean(_ clause: String, period: ClosedRange<Int>?) -> Bool {
        let header = period.map { "ruleset \"x\" {\n  period \($0.lowerBound)..\($0.upperBound)\n}\n" } ?? ""
        let text = header + "goal x \"x\" {\n  cite \"x\" \"x\"\n  \(clause)\n}\n"
        let loaded = RuleSetLoader.load(source: text, path: "/dev/null/draft-check.rules")
        return loaded.diagnostics.isEmpty
    }
}
