import DocumentModel
import Quantities

/// How firmly a sentence commits to a subject it names, weakest first.
public enum CommitmentClass: Int, Sendable, Codable, Comparable, CaseIterable, CustomStringConvertible {
    /// Named only: in passing, in the review of the past, or in a background analysis.
    case mentionOnly = 0
    /// Stated as one of the plan's goals (under a 目标 heading: `居民收入增长和经济增长基本同步`), without a
    /// commitment verb, quantity or deadline.
    case goalStatement = 1
    /// Committed with a commitment verb (确保, 力争, 建成, 推进…) but no quantity or deadline.
    case verb = 2
    /// Committed with a deadline (`到2025年`) but no quantity.
    case deadline = 3
    /// Committed with a quantity about the subject.
    case quantity = 4
    /// Committed with a quantity and a deadline.
    case quantityAndDeadline = 5

    public static func < (a: CommitmentClass, b: CommitmentClass) -> Bool { a.rawValue < b.rawValue }

    /// Whether the class counts as a commitment.
    public var isCommitment: Bool { self != .mentionOnly }

    public var description: String {
        switch self {
        case .mentionOnly: "mentioned only"
        case .goalStatement: "stated as a goal of the plan"
        case .verb: "committed with a commitment verb"
        case .deadline: "committed with a deadline"
        case .quantity: "committed with a quantity"
        case .quantityAndDeadline: "committed with a quantity and a deadline"
        }
    }
}

/// Which sections look back rather than forward: 发展成就, “十三五”回顾, 发展基础, 发展环境.
///
/// Their sentences report the past or analyse the setting; they never count as commitments.
public enum ReviewSections {
    /// Words in a heading that mark a review or background section.
    public static let markers = ["成就", "回顾", "成效", "发展基础", "基础条件", "现状", "过去五年", "发展环境", "机遇和挑战",
                                 "面临的形势", "国内外形势", "工作回顾"]

    /// For each section id of `doc`, whether it or a heading above it is a review section.
    public static func flags(for doc: PlanDocument) -> [Bool] { flags(for: doc, markers: markers) }

    /// For each section id of `doc`, whether its title or a title above it holds one of `markers`.
    static func flags(for doc: PlanDocument, markers: [String]) -> [Bool] {
        var flags = [Bool](repeating: false, count: doc.allSections.count)
        let words = markers.map { Array($0.unicodeScalars) }
        func walk(_ sections: [Section], inherited: Bool) {
            for s in sections {
                let title = ArraySlice(s.title.unicodeScalars)
                let own = words.contains { title.contains($0) }
                flags[s.id] = inherited || own
                walk(s.children, inherited: inherited || own)
            }
        }
        walk(doc.sections, inherited: false)
        return flags
    }
}

/// Which sections state the plan's goals: 主要目标, “十四五”规划目标, 二〇三五年远景目标, 主要指标.
///
/// Plans write their goals as states to be reached (`创新能力更强。研发投入大幅增加`), without the verbs of
/// the task chapters; under such a heading a sentence that names a subject commits to it.
public enum GoalSections {
    /// Words in a heading that mark a goal section.
    public static let markers = ["目标", "主要指标"]
    /// Words that make such a heading an account of goals met (`“十三五”规划目标完成情况`), not a goal section.
    public static let accounts = ["完成情况", "实现情况", "评估"]

    /// For each section id of `doc`, whether it or a heading above it is a goal section.
    public static func flags(for doc: PlanDocument) -> [Bool] {
        let goal = ReviewSections.flags(for: doc, markers: markers)
        let account = ReviewSections.flags(for: doc, markers: accounts)
        return zip(goal, account).map { $0 && !$1 }
    }
}

/// The words by which a plan commits to something.
public enum CommitmentVerbs {
    /// Verbs and phrases that bind: a target will be met.
    public static let binding = ["确保", "力争", "争取", "达到", "建成", "完成", "实现", "突破", "争创", "创建", "形成", "保持",
                                 "确立", "超过", "不低于", "控制在", "提高到", "提升到", "迈上", "跻身", "进入", "跨越"]
    /// The imperatives of a plan's tasks: the plan undertakes to act.
    public static let action = ["推进", "推动", "加快", "加强", "实施", "打造", "建设", "发展", "培育", "提升", "壮大", "构建",
                                "完善", "健全", "深化", "促进", "支持", "引导", "鼓励", "落实", "坚持", "扩大", "优化", "强化",
                                "做大", "做强", "做优", "引进", "布局", "谋划", "开展", "创新", "提高", "增强", "巩固", "拓展",
                                "加大", "建立", "设立", "启动", "融入", "对接", "争当", "筑牢", "守住", "严格", "坚决"]

    /// Every commitment word in one automaton: a sentence is scanned once, not once per word.
    static let automaton = TermAutomaton(patterns: binding + action)

    /// Whether `s` contains one of the commitment words.
    static func present(in s: ArraySlice<Unicode.Scalar>) -> Bool { automaton.containsMatch(in: s) }
}

/// Per-sentence facts the engine needs, computed once per document and only for sentences that matter.
struct SentenceFacts {
    let doc: PlanDocument
    let extractor: QuantityExtractor
    let period: ClosedRange<Int>?
    let reviewSection: [Bool]
    let goalSection: [Bool]
    // Per-sentence caches, filled on first use: many goals ask about the same sentences.
    private var quantityCache: [[Quantity]?]
    private var verbCache: [UInt8]   // 0 unknown, 1 no, 2 yes
    private var pastCache: [UInt8]

    init(doc: PlanDocument, period: ClosedRange<Int>?) {
        self.doc = doc
        self.period = period
        extractor = QuantityExtractor(planPeriod: period)
        reviewSection = ReviewSections.flags(for: doc)
        goalSection = GoalSections.flags(for: doc)
        quantityCache = Array(repeating: nil, count: doc.sentences.count)
        verbCache = Array(repeating: 0, count: doc.sentences.count)
        pastCache = Array(repeating: 0, count: doc.sentences.count)
    }

    /// Whether sentence `i` stands in a review or background section.
    func isReview(_ i: Int) -> Bool { doc.sentences[i].section.map { reviewSection[$0] } ?? false }

    /// Whether sentence `i` stands in a goal section (and not in a review).
    func isGoalStatement(_ i: Int) -> Bool { doc.sentences[i].section.map { goalSection[$0] } ?? false }

    /// The quantities of sentence `i`, extracted on first use.
    mutating func quantities(_ i: Int) -> [Quantity] {
        if let q = quantityCache[i] { return q }
        let q = extractor.extract(from: doc.scalars(of: doc.sentences[i]))
        quantityCache[i] = q
        return q
    }

    /// Whether the sentence reports the past: it names a year before the plan period and none within it.
    mutating func isPast(_ i: Int) -> Bool {
        guard let period else { return false }
        if pastCache[i] != 0 { return pastCache[i] == 2 }
        let years = quantities(i).filter { $0.kind == .year || $0.kind == .period }.map { Int($0.upper ?? $0.value) }
        let past = !years.isEmpty && years.allSatisfy { $0 < period.lowerBound }
        pastCache[i] = past ? 2 : 1
        return past
    }

    /// Whether sentence `i` holds a commitment verb.
    mutating func hasVerb(_ i: Int) -> Bool {
        if verbCache[i] == 0 { verbCache[i] = CommitmentVerbs.present(in: doc.scalars(of: doc.sentences[i])) ? 2 : 1 }
        return verbCache[i] == 2
    }

    /// How firmly sentence `i` commits to the subject found at `hit` (scalar offsets within the sentence).
    mutating func classify(_ i: Int, subject hit: Range<Int>) -> CommitmentClass {
        if isReview(i) || isPast(i) { return .mentionOnly }
        let s = doc.scalars(of: doc.sentences[i])
        let clause = SentenceFacts.clause(around: hit, in: s)
        let qs = quantities(i)
        let hasQuantity = qs.contains { !$0.isTime && $0.span.overlaps(clause) }
        let hasDeadline = qs.contains { q in
            q.isTime && (period.map { q.kind == .period ? Int(q.upper ?? q.value) >= $0.lowerBound : Int(q.value) >= $0.lowerBound } ?? true)
        }
        let hasVerb = hasVerb(i)
        switch (hasQuantity, hasDeadline) {
        case (true, true): return .quantityAndDeadline
        case (true, false): return .quantity
        case (false, true): return .deadline
        case (false, false): return hasVerb ? .verb : isGoalStatement(i) ? .goalStatement : .mentionOnly
        }
    }

    /// The clause (between `,，;；:：。`) holding `hit`, as offsets within the sentence.
    static func clause(around hit: Range<Int>, in s: ArraySlice<Unicode.Scalar>) -> Range<Int> {
        // `、` joins items of one clause, so it does not end one.
        func stop(_ c: Unicode.Scalar) -> Bool {
            switch c { case ",", "，", ";", "；", ":", "：", "。": true; default: false }
        }
        var a = hit.lowerBound, b = hit.upperBound
        let base = s.startIndex
        while a > 0, !stop(s[base + a - 1]) { a -= 1 }
        while b < s.count, !stop(s[base + b]) { b += 1 }
        return a..<b
    }
}
