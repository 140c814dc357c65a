/// How the true value relates to the number written: at least, at most, about, or exactly.
public enum QuantityComparator: String, Sendable, Codable, Hashable, CaseIterable {
    /// At least: `以上 不低于 超过 突破 达到 力争 迈上 逾 过`.
    case atLeast = "≥"
    /// At most: `以内 以下 不超过 控制在 低于 之前`, and deadlines (`到2025年`).
    case atMost = "≤"
    /// About: `左右 约 近 上下`.
    case approximately = "≈"
    /// As written: no comparator word.
    case equal = "="
}

/// What a quantity states about its subject.
public enum QuantityKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// A level or amount: `244.2亿元`, `超过70%`, `100家左右`, `2-3个` (with `upper`).
    case level
    /// A growth by the value: `增长7.5%`, `新增2-3个`, `提高2个百分点`.
    case increase
    /// A reduction by the value: `下降15%以上`, `降低`, `减少`.
    case decrease
    /// A level reached by going up: `提高到15%`, `从3000亿元迈上5000亿元` (with `from`).
    case riseTo
    /// A level reached by going down: `下降到0.481吨标煤`, `降至0.85%`.
    case fallTo
    /// A place in a ranking, smaller is better: `50强`, `百强` (comparator ≤: within the top N).
    case rank
    /// A calendar year: `2025年`, `二〇三五年`, `“十五五”期末` (value is the year; no unit).
    case year
    /// A span of calendar years: `2021年-2025年`, `“十四五”时期` (value is the first year, `upper` the last).
    case period
    /// A length of time in years: `3年`, `五年`, `五年内` (unit 年; `year` set when it resolves to a deadline).
    case duration
}

extension QuantityKind {
    /// What the kind is called in Chinese messages.
    var chineseName: String {
        switch self {
        case .level: "水平值"
        case .increase: "增量"
        case .decrease: "减量"
        case .riseTo: "提高到的值"
        case .fallTo: "降低到的值"
        case .rank: "排名"
        case .year: "年份"
        case .period: "时期"
        case .duration: "期限"
        }
    }
}

/// A quantity found in a sentence: the value as written, its unit, comparator, kind, year and span.
public struct Quantity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What the quantity states (a level, a growth, a year…).
    public var kind: QuantityKind
    /// The number as written in `unit` (the lower bound of a range; the target of a change; the year).
    ///
    /// A unitless number has its magnitude folded in (`5000亿` → 5×10¹¹, `千亿` → 10¹¹).
    public var value: Double
    /// The upper bound of a range (`2-3个` → 3) or the last year of a period.
    public var upper: Double?
    /// The unit as written (`亿元`, `万亩`, `家`), or nil when none was written or inferred.
    public var unit: Unit?
    /// How the true value relates to `value`.
    public var comparator: QuantityComparator
    /// The year the value refers to: its own year, a deadline before it in the sentence, or a period's end.
    public var year: Int?
    /// The starting value of a change (`从3000亿元…` → 3000), in `fromUnit`.
    public var from: Double?
    /// The unit of `from`.
    public var fromUnit: Unit?
    /// The year of the starting value (`由2015年的6.5万元…` → 2015).
    public var fromYear: Int?
    /// Whether the value is a yearly average (`年均增长8%`, `平均每年8家`).
    public var annual: Bool
    /// Whether `unit` was not written but implied by the subject (see `resolvingUnit(_:)`).
    public var unitInferred: Bool
    /// The whole expression, comparator and change words included, as scalar offsets in the sentence.
    public var span: Range<Int>
    /// Only the number(s) and unit, as scalar offsets in the sentence.
    public var valueSpan: Range<Int>

    /// Creates a quantity; the defaults make a plain level such as a rule's target.
    public init(
        kind: QuantityKind = .level, value: Double, upper: Double? = nil, unit: Unit? = nil,
        comparator: QuantityComparator = .equal, year: Int? = nil, from: Double? = nil, fromUnit: Unit? = nil,
        fromYear: Int? = nil, annual: Bool = false, unitInferred: Bool = false,
        span: Range<Int> = 0..<0, valueSpan: Range<Int>? = nil
    ) {
        self.kind = kind
        self.value = value
        self.upper = upper
        self.unit = unit
        self.comparator = comparator
        self.year = year
        self.from = from
        self.fromUnit = fromUnit
        self.fromYear = fromYear
        self.annual = annual
        self.unitInferred = unitInferred
        self.span = span
        self.valueSpan = valueSpan ?? span
    }

    /// A target as a rule states it, e.g. `Quantity.target(.atLeast, 3.2, in: .percent, by: 2030)`.
    public static func target(
        _ comparator: QuantityComparator, _ value: Double, in unit: Unit?, by year: Int? = nil,
        kind: QuantityKind = .level, upper: Double? = nil
    ) -> Quantity {
        Quantity(kind: kind, value: value, upper: upper, unit: unit, comparator: comparator, year: year)
    }

    /// A target with its unit spelled (`"%"`, `"亿元"`); an unknown spelling leaves it unitless (prefer `in:`).
    public static func target(
        _ comparator: QuantityComparator, _ value: Double, _ unit: String? = nil, by year: Int? = nil,
        kind: QuantityKind = .level, upper: Double? = nil
    ) -> Quantity {
        Quantity(kind: kind, value: value, upper: upper, unit: unit.flatMap(Unit.named),
                 comparator: comparator, year: year)
    }

    /// Whether the value is a range (`2-3个`); periods are not ranges.
    public var isRange: Bool { upper != nil && kind != .period }

    /// Whether the quantity is a point or span in time (a year, a period, or a duration that resolved to a deadline).
    public var isTime: Bool { kind == .year || kind == .period || (kind == .duration && year != nil) }

    /// `value` in the base unit of its dimension (亿元 → 元, 万亩 → 平方米); unitless values as they are.
    public var baseValue: Double { value * (unit?.factor ?? 1) }

    /// `upper` in the base unit of its dimension.
    public var baseUpper: Double? { upper.map { $0 * (unit?.factor ?? 1) } }

    /// `value` expressed in `other`, or nil when the units cannot be converted (or the value is unitless).
    public func value(in other: Unit) -> Double? { unit?.convert(value, to: other) }

    /// This quantity with `unit` as the unit its subject implies, if none was written; marks `unitInferred`.
    ///
    /// A unitless value holds its magnitude (`5000亿` is 5×10¹¹), so it is read in the root of `unit`
    /// (`元` for `亿元`) and expressed in `unit`: `5000亿` with `亿元` gives 5000 亿元.
    public func resolvingUnit(_ unit: Unit) -> Quantity {
        guard self.unit == nil, kind != .year, kind != .period else { return self }
        var q = self
        let (num, den) = unit.dimension == .ratio ? (1.0, 1.0) : (unit.root.factor, unit.factor)
        q.value = value * num / den
        q.upper = upper.map { $0 * num / den }
        if from != nil && fromUnit == nil { q.from = from.map { $0 * num / den }; q.fromUnit = unit }
        q.unit = unit
        q.unitInferred = true
        return q
    }

    /// A short rendering for messages: `≥3.2% (2030年)`, `2–3个`, `3000亿元→≥5000亿元`, `2021–2025年`.
    public var description: String {
        let cmp = comparator == .equal ? "" : comparator.rawValue
        let u = unit?.symbol ?? ""
        switch kind {
        case .year:
            return cmp + Quantity.format(value) + "年"
        case .period:
            return Quantity.format(value) + "–" + Quantity.format(upper ?? value) + "年"
        default:
            break
        }
        var body = cmp + Quantity.format(value)
        if let upper { body = Quantity.format(value) + "–" + Quantity.format(upper) }
        body += u
        if let from { body = Quantity.format(from) + (fromUnit?.symbol ?? "") + "→" + body }
        var prefix = ""
        switch kind {
        case .increase: prefix = "+"
        case .decrease: prefix = "−"
        case .rank: return "前" + Quantity.format(value) + (year.map { " (\($0)年)" } ?? "")
        default: break
        }
        if annual { prefix = "年均" + prefix }
        let y = (year != nil && kind != .duration) ? " (\(year!)年)" : (kind == .duration && year != nil ? " (→\(year!)年)" : "")
        return prefix + body + y
    }

    /// A number without a trailing `.0`, deterministic.
    static func format(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
