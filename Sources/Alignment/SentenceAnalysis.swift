import DocumentModel
import Quantities

/// Where a goal is named without a commitment, in the order a weak finding lists them.
enum MentionPlace: CaseIterable, CustomStringConvertible {
    case inPassing, review, vision, glossary

    var description: String {
        switch self {
        case .inPassing: "in passing"
        case .review: "in the review of the past"
        case .vision: "in the vision beyond the period"
        case .glossary: "in the glossary"
        }
    }

    /// The place as a Chinese weak finding says it (仅顺带提及、见于发展回顾).
    var chinese: String {
        switch self {
        case .inPassing: "顺带提及"
        case .review: "见于发展回顾"
        case .vision: "见于规划期之后的远景"
        case .glossary: "见于名词解释"
        }
    }
}

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

    /// The class as the Chinese trace says it.
    public var chinese: String {
        switch self {
        case .mentionOnly: "仅提及"
        case .goalStatement: "作为规划目标表述"
        case .verb: "有部署动词"
        case .deadline: "有时限"
        case .quantity: "有量化指标"
        case .quantityAndDeadline: "有量化指标和时限"
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
    public static func flags(for doc: PlanDocument) -> [Bool] { SectionMarkers.flags(for: doc, lists: [markers])[0] }
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
        let lists = SectionMarkers.flags(for: doc, lists: [markers, accounts])
        return combine(goal: lists[0], account: lists[1])
    }

    /// Goal sections less accounts of goals met.
    static func combine(goal: [Bool], account: [Bool]) -> [Bool] { zip(goal, account).map { $0 && !$1 } }
}

/// Which sections look past the plan period: 二〇三五年远景目标.
///
/// A vision is no commitment of the period: its sentences commit only a clause whose `by` is that late.
public enum VisionSections {
    /// Words in a heading that mark a vision.
    public static let markers = ["远景"]
    /// Words that make such a heading cover the period too (`“十四五”时期主要目标和二〇三五年远景目标`).
    public static let period = ["个五年", "五年规划", "主要目标", "规划目标", "十三五", "十四五", "十五五", "十六五"]

    /// Both lists in one matcher: Foundation's `contains` on every heading cost 46.7M instructions in five plans.
    static let words = MarkerWords([markers, period])

    /// Whether a heading's title marks a vision and not the period as well.
    static func isVision(title: String) -> Bool {
        var t = title
        return t.withUTF8 { words.lists(in: $0) } == 0b01
    }
}

/// Which sections state the plan's guiding ideas and principles (指导思想, 基本原则): they name nearly every
/// goal in passing, so the task chapters are shown before them as evidence.
public enum PrincipleSections {
    /// Words in a heading that mark such a section.
    public static let markers = ["指导思想", "基本原则", "发展原则", "总体要求", "总体思路", "指导方针"]
}

/// Section headings matched against lists of marker words, every list in one walk of the section tree.
enum SectionMarkers {
    /// For each list, for each section id of `doc`: whether its title or a title above it holds a word of the list.
    static func flags(for doc: PlanDocument, lists: [[String]]) -> [[Bool]] {
        let words = MarkerWords(lists)
        var flags = [[Bool]](repeating: [Bool](repeating: false, count: doc.allSections.count), count: lists.count)
        func walk(_ sections: [Section], inherited: UInt64) {
            for s in sections {
                var title = s.title
                let mask = inherited | title.withUTF8 { words.lists(in: $0) }
                for l in flags.indices where mask & (1 << UInt64(l)) != 0 { flags[l][s.id] = true }
                walk(s.children, inherited: mask)
            }
        }
        walk(doc.sections, inherited: 0)
        return flags
    }
}

/// Marker words as UTF-8, found in a title's UTF-8 bytes: a byte match of a whole encoded word is a match
/// of its scalars (UTF-8 is self-synchronizing), and titles need not be decoded.
struct MarkerWords {
    private let words: [(list: Int, bytes: [UInt8])]
    /// Words by their third byte modulo 64 (the first two of a CJK character vary little):
    /// `bucketWords[bucketStart[b]..<bucketStart[b + 1]]`, so each title position is tried against a word or two.
    private let bucketStart: [Int]
    private let bucketWords: [Int]
    /// Words shorter than three bytes, tried at every position.
    private let shortWords: [Int]

    init(_ lists: [[String]]) {
        precondition(lists.count <= 64, "one bit per list")
        words = lists.enumerated().flatMap { l, list in list.map { (l, Array($0.utf8)) } }.filter { !$0.bytes.isEmpty }
        var buckets = [[Int]](repeating: [], count: 64)
        var short: [Int] = []
        for (i, w) in words.enumerated() {
            if w.bytes.count < 3 { short.append(i) } else { buckets[Int(w.bytes[2] & 63)].append(i) }
        }
        bucketStart = buckets.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        bucketWords = buckets.flatMap { $0 }
        shortWords = short
    }

    /// Bit `l` set for each list `l` with a word in `text`.
    func lists(in text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var found: UInt64 = 0
        func test(_ w: Int, at i: Int) {
            let (l, bytes) = words[w]
            guard i + bytes.count <= text.count else { return }
            for k in bytes.indices where text[i + k] != bytes[k] { return }
            found |= 1 << UInt64(l)
        }
        for i in text.indices {
            // A word starts with the first byte of a character, never with a continuation byte.
            if text[i] & 0xC0 == 0x80 { continue }
            for w in shortWords { test(w, at: i) }
            guard i + 2 < text.count else { continue }
            let b = Int(text[i + 2] & 63)
            for k in bucketStart[b]..<bucketStart[b + 1] { test(bucketWords[k], at: i) }
        }
        return found
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
    /// Each sentence's range in `doc.normalized`, and whether it stands in a review, goal, glossary, vision
    /// or principle section (`SectionBits`): read from `doc.sentences`, each access would copy (and retain)
    /// a whole `Sentence`.
    private let ranges: [Range<Int>]
    private let sectionBits: [UInt8]
    /// Per sentence of a vision section, the latest year its headings name (0: none).
    private let sectionVisionYear: [Int32]
    // Per-sentence caches, filled on first use: many goals ask about the same sentences.
    private var quantityCache: [[Quantity]?]
    private var verbCache: [UInt8]   // 0 unknown, 1 no, 2 yes
    /// What classing needs of a sentence's quantities, worked out with them: `TimeFacts` bits, and where the
    /// spans of its values (not times) are in `valueSpans`.
    private var timeFacts: [UInt8]
    private var valueSpanBounds: [Range<Int32>]
    private var valueSpans: [Range<Int>] = []
    /// Per value span, the furthest end of it and the spans before it in its sentence (spans are sorted by
    /// start): whether any reaches into a clause is then one bisection, not a walk through every value.
    private var valueReach: [Int] = []
    /// The clause stops of each long sentence, found on first use: scanning out to a clause's ends for
    /// every hit made a 1.4 MB sentence without a comma take 13 s.
    private var stopCache: [Int: [Int]] = [:]

    private enum TimeFacts {
        static let known: UInt8 = 1, past: UInt8 = 2, deadline: UInt8 = 4, beyond: UInt8 = 8
    }
    private enum SectionBits {
        static let review: UInt8 = 1, goal: UInt8 = 2, glossary: UInt8 = 4, vision: UInt8 = 8, principle: UInt8 = 16
    }
    /// The latest year after the period a sentence names, when it names none within it (0: none).
    private var beyondYear: [Int32]

    init(doc: PlanDocument, period: ClosedRange<Int>?) {
        self.doc = doc
        self.period = period
        extractor = QuantityExtractor(planPeriod: period)
        let lists = SectionMarkers.flags(for: doc, lists: [ReviewSections.markers, GoalSections.markers, GoalSections.accounts,
                                                           PrincipleSections.markers])
        let review = lists[0], goal = GoalSections.combine(goal: lists[1], account: lists[2])
        let principle = lists[3]
        reviewSection = review
        goalSection = goal
        // A vision section, the latest year its headings name, and the glossary, section by section.
        var visionYear = [Int32](repeating: -1, count: doc.allSections.count)
        var glossary = [Bool](repeating: false, count: doc.allSections.count)
        let extractor = self.extractor
        func walk(_ sections: [Section], year: Int32, inGlossary: Bool) {
            for s in sections {
                var y = year
                // The heading's own words: a vision under a chapter titled for the period is still a vision.
                if VisionSections.isVision(title: s.title) {
                    let named = extractor.extract(from: Normalizer.normalize(Array(s.title.unicodeScalars)).scalars[...])
                        .filter { $0.kind == .year }.map { Int32(clamping: Int($0.value)) }.max() ?? 0
                    y = max(y, named)
                }
                visionYear[s.id] = y
                glossary[s.id] = inGlossary || s.kind == .glossary
                walk(s.children, year: y, inGlossary: glossary[s.id])
            }
        }
        walk(doc.sections, year: -1, inGlossary: false)
        var ranges: [Range<Int>] = []
        var bits: [UInt8] = []
        var sentenceVision: [Int32] = []
        ranges.reserveCapacity(doc.sentences.count)
        bits.reserveCapacity(doc.sentences.count)
        sentenceVision.reserveCapacity(doc.sentences.count)
        doc.sentences.withUnsafeBufferPointer { sentences in
            // Field by field: a `for s in` loop would copy every sentence.
            for i in sentences.indices {
                ranges.append(sentences[i].range)
                guard let id = sentences[i].section else { bits.append(0); sentenceVision.append(0); continue }
                var b: UInt8 = review[id] ? SectionBits.review : 0
                if goal[id] { b |= SectionBits.goal }
                if glossary[id] { b |= SectionBits.glossary }
                if visionYear[id] >= 0 { b |= SectionBits.vision }
                if principle[id] { b |= SectionBits.principle }
                bits.append(b)
                sentenceVision.append(max(0, visionYear[id]))
            }
        }
        self.ranges = ranges
        sectionBits = bits
        sectionVisionYear = sentenceVision
        quantityCache = Array(repeating: nil, count: doc.sentences.count)
        verbCache = Array(repeating: 0, count: doc.sentences.count)
        timeFacts = Array(repeating: 0, count: doc.sentences.count)
        beyondYear = Array(repeating: 0, count: doc.sentences.count)
        valueSpanBounds = Array(repeating: 0..<0, count: doc.sentences.count)
    }

    /// The normalized scalars of sentence `i`.
    func scalars(_ i: Int) -> ArraySlice<Unicode.Scalar> { doc.normalized[ranges[i]] }

    /// Whether sentence `i` stands in a review or background section.
    func isReview(_ i: Int) -> Bool { sectionBits[i] & SectionBits.review != 0 }

    /// Whether sentence `i` stands in a goal section (and not in a review).
    func isGoalStatement(_ i: Int) -> Bool { sectionBits[i] & SectionBits.goal != 0 }

    /// Whether sentence `i` stands in the glossary (名词解释): a definition commits to nothing.
    func isGlossary(_ i: Int) -> Bool { sectionBits[i] & SectionBits.glossary != 0 }

    /// Whether sentence `i` stands among the guiding ideas or principles (指导思想, 基本原则).
    func isPrinciple(_ i: Int) -> Bool { sectionBits[i] & SectionBits.principle != 0 }

    /// The year a vision sentence looks to — the latest year after the period it names when it names none
    /// within it, else, in a vision section, the year its heading names (`Int.max` when none does) — or nil
    /// when the sentence is about the period.
    mutating func visionYear(_ i: Int) -> Int? {
        let own = timeFacts(i) & TimeFacts.beyond != 0 ? Int(beyondYear[i]) : nil
        if timeFacts[i] & TimeFacts.deadline != 0 { return nil }
        guard sectionBits[i] & SectionBits.vision != 0 else { return own }
        let heading = sectionVisionYear[i] > 0 ? Int(sectionVisionYear[i]) : Int.max
        return own.map { max($0, sectionVisionYear[i] > 0 ? heading : $0) } ?? heading
    }

    /// Whether sentence `i` speaks of the plan period itself: not the review, the past, the glossary or a
    /// vision past the period. What a target compares and a mention is shown by first.
    /// With `by`, a vision up to that year is about the period too: the clause asks for it.
    mutating func isAboutThePeriod(_ i: Int, by year: Int? = nil) -> Bool {
        !isReview(i) && !isPast(i) && !isGlossary(i) && !isVision(i, by: year)
    }

    /// Where sentence `i` stands, for a mention that commits to nothing: what a weak finding says.
    mutating func whereMentioned(_ i: Int) -> MentionPlace {
        if isReview(i) || isPast(i) { return .review }
        if isVision(i) { return .vision }
        if isGlossary(i) { return .glossary }
        return .inPassing
    }

    /// Whether sentence `i` commits only beyond the period, later than `by` (nil: the period's end).
    mutating func isVision(_ i: Int, by year: Int? = nil) -> Bool {
        guard let v = visionYear(i) else { return false }
        guard let year else { return true }
        return v > year
    }

    /// The quantities of sentence `i`, extracted on first use.
    mutating func quantities(_ i: Int) -> [Quantity] {
        if let q = quantityCache[i] { return q }
        let q = extractor.extract(from: scalars(i))
        quantityCache[i] = q
        noteTimeFacts(i, q)
        return q
    }

    /// Whether a sentence with the quantities `qs` (found in `text`) reports the past: it names a year (or a
    /// period) before `period` and none within or after it. A baseline year is no report of the past:
    /// `在2020年基础上下降16%`, `较2020年降低18%` say what is to come. The one rule for `check`, `rules
    /// coverage` and `extract`.
    static func reportsThePast(_ qs: [Quantity], in text: ArraySlice<Unicode.Scalar>, period: ClosedRange<Int>?) -> Bool {
        guard let period else { return false }
        var sawYear = false
        for q in qs where q.kind == .year || q.kind == .period {
            if Int(q.upper ?? q.value) >= period.lowerBound { return false }
            if isBaseline(q.span, in: text) { continue }
            sawYear = true
        }
        return sawYear
    }

    /// Whether the year at `span` (offsets in `text`) is a baseline: after 较, 比 or 在, or before 基础上.
    static func isBaseline(_ span: Range<Int>, in text: ArraySlice<Unicode.Scalar>) -> Bool {
        let a = text.startIndex + span.lowerBound, b = text.startIndex + span.upperBound
        guard a >= text.startIndex, b <= text.endIndex else { return false }
        if a > text.startIndex, ["较", "比", "在"].contains(text[a - 1]) { return true }
        var k = b
        if k < text.endIndex, text[k] == "的" { k += 1 }
        return text[k...].starts(with: "基础上".unicodeScalars)
    }

    /// Records what `classify` and `isPast` ask of the quantities `qs` of sentence `i`.
    private mutating func noteTimeFacts(_ i: Int, _ qs: [Quantity]) {
        var facts = TimeFacts.known
        if Self.reportsThePast(qs, in: scalars(i), period: period) { facts |= TimeFacts.past }
        let first = Int32(valueSpans.count)
        var reach = Int.min
        var beyond = 0
        for q in qs {
            if q.isTime {
                // A deadline falls in the period; a year after it is a vision (`到二〇三五年`), not a deadline.
                let first = Int(q.value), last = q.kind == .period ? Int(q.upper ?? q.value) : first
                if let period, first > period.upperBound {
                    beyond = max(beyond, last)
                } else if period.map({ last >= $0.lowerBound }) ?? true {
                    facts |= TimeFacts.deadline
                }
            } else {
                valueSpans.append(q.span)
                if !q.span.isEmpty { reach = max(reach, q.span.upperBound) }
                valueReach.append(reach)
            }
        }
        valueSpanBounds[i] = first..<Int32(valueSpans.count)
        if beyond > 0 && facts & TimeFacts.deadline == 0 {
            facts |= TimeFacts.beyond
            beyondYear[i] = Int32(clamping: beyond)
        }
        timeFacts[i] = facts
    }

    /// The `TimeFacts` of sentence `i`, extracting its quantities on first use.
    private mutating func timeFacts(_ i: Int) -> UInt8 {
        if timeFacts[i] == 0 { _ = quantities(i) }
        return timeFacts[i]
    }

    /// Whether the sentence reports the past: it names a year before the plan period and none within it.
    mutating func isPast(_ i: Int) -> Bool {
        guard period != nil else { return false }
        return timeFacts(i) & TimeFacts.past != 0
    }

    /// Whether sentence `i` holds a commitment verb.
    mutating func hasVerb(_ i: Int) -> Bool {
        if verbCache[i] == 0 { verbCache[i] = CommitmentVerbs.present(in: scalars(i)) ? 2 : 1 }
        return verbCache[i] == 2
    }

    /// How firmly sentence `i` commits to the subject found at `hit` (scalar offsets within the sentence),
    /// for a clause that accepts commitments up to the year `by` (nil: the period's end).
    mutating func classify(_ i: Int, subject hit: Range<Int>, by: Int? = nil) -> CommitmentClass {
        if isReview(i) || isPast(i) || isGlossary(i) || isVision(i, by: by) { return .mentionOnly }
        let facts = timeFacts(i)
        let clause = self.clause(i, around: hit)
        let bounds = Int(valueSpanBounds[i].lowerBound)..<Int(valueSpanBounds[i].upperBound)
        let hasQuantity: Bool
        if bounds.count <= 8 {
            hasQuantity = bounds.contains { valueSpans[$0].overlaps(clause) }
        } else {
            // The spans that start before the clause ends; one of them overlaps it if the furthest reaches in.
            var lo = bounds.lowerBound, hi = bounds.upperBound
            while lo < hi {
                let mid = (lo + hi) >> 1
                if valueSpans[mid].lowerBound < clause.upperBound { lo = mid + 1 } else { hi = mid }
            }
            hasQuantity = !clause.isEmpty && lo > bounds.lowerBound && valueReach[lo - 1] > clause.lowerBound
        }
        // A vision a clause accepts (`by 2035`) commits with its year as a deadline.
        let hasDeadline = facts & TimeFacts.deadline != 0 || (by != nil && visionYear(i) != nil)
        switch (hasQuantity, hasDeadline) {
        case (true, true): return .quantityAndDeadline
        case (true, false): return .quantity
        case (false, true): return .deadline
        case (false, false): return hasVerb(i) ? .verb : isGoalStatement(i) ? .goalStatement : .mentionOnly
        }
    }

    /// Sentences longer than this find their clauses in a list of their stops rather than by scanning.
    static let longSentence = 512

    /// The clause of sentence `i` holding `hit`, as `clause(around:in:)` finds it.
    mutating func clause(_ i: Int, around hit: Range<Int>) -> Range<Int> {
        guard ranges[i].count > Self.longSentence else { return Self.clause(around: hit, in: scalars(i)) }
        let stops: [Int]
        if let cached = stopCache[i] { stops = cached } else {
            stops = scalars(i).indices.filter { Self.isClauseStop(doc.normalized[$0]) }.map { $0 - ranges[i].lowerBound }
            stopCache[i] = stops
        }
        // The first stop at or after `k`.
        func firstStop(from k: Int) -> Int {
            var lo = 0, hi = stops.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if stops[mid] < k { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let before = firstStop(from: hit.lowerBound), after = firstStop(from: hit.upperBound)
        let a = before > 0 ? stops[before - 1] + 1 : 0
        return a..<(after < stops.count ? stops[after] : max(ranges[i].count, hit.upperBound))
    }

    /// Whether `c` ends a clause; `、` joins items of one clause, so it does not end one.
    static func isClauseStop(_ c: Unicode.Scalar) -> Bool {
        switch c { case ",", "，", ";", "；", ":", "：", "。": true; default: false }
    }

    /// The clause (between `,，;；:：。`) holding `hit`, as offsets within the sentence.
    static func clause(around hit: Range<Int>, in s: ArraySlice<Unicode.Scalar>) -> Range<Int> {
        s.withUnsafeBufferPointer { s in
            var a = hit.lowerBound, b = hit.upperBound
            while a > 0, !isClauseStop(s[a - 1]) { a -= 1 }
            while b < s.count, !isClauseStop(s[b]) { b += 1 }
            return a..<b
        }
    }
}
