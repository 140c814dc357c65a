/// What a unit measures; values can be compared only within one dimension.
public enum Dimension: String, Sendable, Codable, CaseIterable {
    /// Renminbi: 元, 万元, 亿元.
    case money
    /// US dollars: 美元, 万美元, 亿美元.
    case dollars
    /// A share: %, ‰.
    case percent
    /// A difference of shares: 个百分点 (never convertible to %).
    case percentagePoints
    /// Counted things: 家, 个, 所, 项, 件 (the classifier is kept in the unit's symbol).
    case count
    /// People: 人, 万人.
    case people
    /// Area: 平方米, 平方公里, 亩, 公顷.
    case area
    /// Length: 米, 公里.
    case length
    /// Energy in standard coal: 吨标煤.
    case energy
    /// Mass: 吨, 万吨.
    case mass
    /// A span of time in years: 年.
    case years
    /// A span of time in days: 天.
    case days
    /// A multiple: 倍.
    case times
    /// Electric power: 千瓦, 万千瓦, 兆瓦.
    case power
    /// Electric energy: 千瓦时, 万千瓦时, 亿千瓦时 (not convertible to 吨标煤).
    case electricity
    /// Volume: 立方米, 万立方米, 亿立方米.
    case volume
    /// A unit per unit, e.g. 亿元/平方公里 or 人/所; comparable when both parts are.
    case ratio
}

/// A unit of measure as Chinese plans write it, with its factor to the dimension's base unit.
public struct Unit: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The canonical spelling, e.g. `亿元`.
    public let symbol: String
    /// What it measures.
    public let dimension: Dimension
    /// Multiply a value in this unit by `factor` to get the dimension's base unit (元, %, 平方米…).
    public let factor: Double

    /// A unit spelled `symbol`, measuring `dimension`, worth `factor` base units.
    public init(_ symbol: String, _ dimension: Dimension, _ factor: Double = 1) {
        self.symbol = symbol
        self.dimension = dimension
        self.factor = factor
    }

    /// The symbol, as written in plans.
    public var description: String { symbol }

    /// Whether values in the two units can be compared (same dimension).
    public func isComparable(with other: Unit) -> Bool { dimension == other.dimension }

    /// `value` expressed in `other`, or nil when the dimensions differ.
    public func convert(_ value: Double, to other: Unit) -> Double? {
        guard isComparable(with: other) else { return nil }
        return value * factor / other.factor
    }

    /// Every unit the project knows, with the spellings that name it.
    public static let table: [(spelling: String, unit: Unit)] = {
        let yuan = Unit("元", .money), wanYuan = Unit("万元", .money, 1e4), yiYuan = Unit("亿元", .money, 1e8)
        let qianYi = Unit("千亿元", .money, 1e11), wanYi = Unit("万亿元", .money, 1e12)
        let usd = Unit("美元", .dollars), wanUSD = Unit("万美元", .dollars, 1e4), yiUSD = Unit("亿美元", .dollars, 1e8)
        let pct = Unit("%", .percent), permille = Unit("‰", .percent, 0.1)
        let pp = Unit("个百分点", .percentagePoints)
        let m2 = Unit("平方米", .area), wanM2 = Unit("万平方米", .area, 1e4), km2 = Unit("平方公里", .area, 1e6)
        let mu = Unit("亩", .area, 10_000.0 / 15.0), wanMu = Unit("万亩", .area, 1e4 * 10_000.0 / 15.0)
        let ha = Unit("公顷", .area, 1e4)
        let m = Unit("米", .length), km = Unit("公里", .length, 1000)
        let tce = Unit("吨标煤", .energy), wanTce = Unit("万吨标煤", .energy, 1e4)
        let t = Unit("吨", .mass), wanT = Unit("万吨", .mass, 1e4)
        let jin = Unit("斤", .mass, 0.0005), kg = Unit("公斤", .mass, 0.001)
        let kw = Unit("千瓦", .power), wanKw = Unit("万千瓦", .power, 1e4), mw = Unit("兆瓦", .power, 1e3)
        let kwh = Unit("千瓦时", .electricity), wanKwh = Unit("万千瓦时", .electricity, 1e4)
        let yiKwh = Unit("亿千瓦时", .electricity, 1e8)
        let m3 = Unit("立方米", .volume), wanM3 = Unit("万立方米", .volume, 1e4), yiM3 = Unit("亿立方米", .volume, 1e8)
        let person = Unit("人", .people), wanPerson = Unit("万人", .people, 1e4)
        var rows: [(String, Unit)] = [
            ("元", yuan), ("万元", wanYuan), ("亿元", yiYuan), ("千亿元", qianYi), ("万亿元", wanYi),
            ("美元", usd), ("万美元", wanUSD), ("亿美元", yiUSD),
            ("%", pct), ("％", pct), ("‰", permille),
            ("个百分点", pp), ("百分点", pp),
            ("平方米", m2), ("㎡", m2), ("万平方米", wanM2), ("平方公里", km2), ("平方千米", km2), ("k㎡", km2),
            ("亩", mu), ("万亩", wanMu), ("公顷", ha),
            ("米", m), ("公里", km), ("千米", km),
            ("吨标煤", tce), ("吨标准煤", tce), ("万吨标煤", wanTce), ("万吨标准煤", wanTce),
            ("吨", t), ("万吨", wanT), ("斤", jin), ("公斤", kg), ("千克", kg),
            ("千瓦", kw), ("万千瓦", wanKw), ("兆瓦", mw),
            ("千瓦时", kwh), ("万千瓦时", wanKwh), ("亿千瓦时", yiKwh),
            ("立方米", m3), ("万立方米", wanM3), ("亿立方米", yiM3),
            ("人", person), ("名", person), ("位", Unit("位", .people)), ("万人", wanPerson), ("万名", wanPerson),
            ("年", Unit("年", .years)), ("个月", Unit("个月", .years, 1.0 / 12)),
            ("天", Unit("天", .days)), ("日", Unit("天", .days)), ("小时", Unit("小时", .days, 1.0 / 24)),
            ("倍", Unit("倍", .times)),
            ("千元", Unit("千元", .money, 1e3)),
        ]
        for classifier in ["家", "个", "所", "项", "件", "座", "条", "户", "张", "台", "套", "处", "批", "支", "级", "类", "只", "辆", "床",
                           "列", "种", "次", "场", "间", "栋", "轮", "份", "部", "段", "块", "片", "人次"] {
            rows.append((classifier, Unit(classifier, .count)))
        }
        return rows
    }()

    static let bySpelling: [String: Unit] = {
        var d: [String: Unit] = [:]
        for row in table { d[row.spelling] = row.unit }
        return d
    }()

    /// The longest spelling in the table, so callers know how far to look ahead.
    public static let longestSpelling: Int = table.map { $0.spelling.unicodeScalars.count }.max() ?? 1

    /// The unit spelled exactly `text`, if any: a spelling of the table, a magnitude before one
    /// (`亿斤`, `万家`: the factor scaled), or a ratio of two (`亿元/平方公里`).
    public static func named(_ text: String) -> Unit? {
        if let u = bySpelling[text] { return u }
        let scalars = Array(text.unicodeScalars)
        if let slash = scalars.firstIndex(of: "/"), slash > 0, slash < scalars.count - 1,
           let a = named(String(String.UnicodeScalarView(scalars[..<slash]))),
           let b = named(String(String.UnicodeScalarView(scalars[(slash + 1)...]))), a.dimension != .ratio, b.dimension != .ratio {
            return Unit.ratio(a, per: b)
        }
        var magnitude = 1.0
        var i = 0
        while i < scalars.count - 1, let m = Unit.magnitude(of: scalars[i]) { magnitude *= m; i += 1 }
        guard i > 0, let root = bySpelling[String(String.UnicodeScalarView(scalars[i...]))],
              root.dimension != .ratio, root.dimension != .years, root.dimension != .days else { return nil }
        return Unit(text, root.dimension, root.factor * magnitude)
    }

    /// The longest unit spelled at the start of `scalars`, with how many scalars it takes.
    public static func longestPrefix<C: Collection>(of scalars: C) -> (unit: Unit, length: Int)?
    where C.Element == Unicode.Scalar {
        var best: (Unit, Int)?
        var s = String.UnicodeScalarView()
        for (i, c) in scalars.prefix(longestSpelling).enumerated() {
            s.append(c)
            if let u = bySpelling[String(s)] { best = (u, i + 1) }
        }
        return best.map { (unit: $0.0, length: $0.1) }
    }
}
