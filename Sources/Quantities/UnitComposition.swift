/// Magnitudes, roots, ratios and the fast matcher the extractor uses.
extension Unit {
    /// The multiplier of a magnitude character written before a unit (`十 百 千 万 亿`), if it is one.
    static func magnitude(of s: Unicode.Scalar) -> Double? {
        switch s {
        case "十": return 10
        case "百": return 100
        case "千": return 1000
        case "万": return 10_000
        case "亿": return 100_000_000
        default: return nil
        }
    }

    /// The unit without its magnitude prefix (`亿元` → `元`, `万亩` → `亩`, `家` → `家`).
    public var root: Unit {
        if dimension == .ratio { return self }
        // Most units (every classifier) start with no magnitude: no need to take the symbol apart.
        guard let first = symbol.unicodeScalars.first, Unit.magnitude(of: first) != nil else { return self }
        let scalars = Array(symbol.unicodeScalars)
        var i = 0
        while i < scalars.count - 1, Unit.magnitude(of: scalars[i]) != nil {
            i += 1
            if let r = Unit.bySpelling[String(String.UnicodeScalarView(scalars[i...]))], r.dimension == dimension {
                return r
            }
        }
        return self
    }

    /// The classifier a count is counted in (`家` for `家` and `万家`), or nil for other dimensions.
    public var classifier: String? { dimension == .count ? root.symbol : nil }

    /// This unit with a magnitude written before it (`万` + `家` → `万家`, factor × 10⁴).
    public func scaled(by magnitude: Double, prefix: String) -> Unit {
        if magnitude == 1 { return self }
        if let u = Unit.bySpelling[prefix + symbol], u.dimension == dimension { return u }
        return Unit(prefix + symbol, dimension, factor * magnitude)
    }

    /// The unit `numerator` per `denominator`, e.g. `亿元/平方公里` (factor in base units per base unit).
    public static func ratio(_ numerator: Unit, per denominator: Unit) -> Unit {
        Unit(numerator.symbol + "/" + denominator.symbol, .ratio, numerator.factor / denominator.factor)
    }

    /// The two parts of a ratio unit, if this is one and both parts are known.
    public var ratioParts: (numerator: Unit, denominator: Unit)? {
        guard dimension == .ratio else { return nil }
        let scalars = Array(symbol.unicodeScalars)
        guard let slash = scalars.firstIndex(of: "/"),
              let a = Unit.named(String(String.UnicodeScalarView(scalars[..<slash]))),
              let b = Unit.named(String(String.UnicodeScalarView(scalars[(slash + 1)...]))) else { return nil }
        return (a, b)
    }

    /// The base unit of this unit's dimension (元, %, 平方米…), in which `factor` is expressed.
    public var baseUnit: Unit {
        switch dimension {
        case .money: return Unit("元", .money)
        case .dollars: return Unit("美元", .dollars)
        case .percent: return Unit("%", .percent)
        case .percentagePoints: return Unit("个百分点", .percentagePoints)
        case .count: return root.factor == 1 ? root : Unit(root.symbol, .count)
        case .people: return Unit("人", .people)
        case .area: return Unit("平方米", .area)
        case .length: return Unit("米", .length)
        case .energy: return Unit("吨标煤", .energy)
        case .mass: return Unit("吨", .mass)
        case .years: return Unit("年", .years)
        case .days: return Unit("天", .days)
        case .times: return Unit("倍", .times)
        case .power: return Unit("千瓦", .power)
        case .electricity: return Unit("千瓦时", .electricity)
        case .volume: return Unit("立方米", .volume)
        case .ratio:
            if let (a, b) = ratioParts { return Unit.ratio(a.baseUnit, per: b.baseUnit) }
            return Unit(symbol, .ratio)
        }
    }

    /// Whether a value in this unit can stand against a value in `other` in a target comparison.
    ///
    /// Stricter than `isComparable(with:)`: counts must count the same thing (`家` with `家` or `万家`;
    /// the generic `个` goes with any classifier), and ratios must have comparable parts.
    public func isCommensurable(with other: Unit) -> Bool {
        guard dimension == other.dimension else { return false }
        switch dimension {
        case .count:
            let a = root.symbol, b = other.root.symbol
            return a == b || a == "个" || b == "个"
        case .ratio:
            if let (a1, b1) = ratioParts, let (a2, b2) = other.ratioParts {
                return a1.isCommensurable(with: a2) && b1.isCommensurable(with: b2)
            }
            return symbol == other.symbol
        default:
            return true
        }
    }

    /// Percent, the unit of shares and rates.
    public static let percent = Unit("%", .percent)

    /// The unit a subject term implies when a value was written without one (`投入强度` → `%`), if any.
    ///
    /// Only shares are inferred (terms ending in 率, 强度, 比重, 占比, 比例, 依存度, 贡献率, 覆盖率);
    /// callers that know better pass their own unit to `Quantity.resolvingUnit(_:)`.
    public static func implied(bySubject subject: String) -> Unit? {
        let endings = ["率", "强度", "比重", "占比", "比例", "依存度", "份额"]
        for e in endings where subject.hasSuffix(e) { return .percent }
        return nil
    }

    /// Spellings indexed by their first scalar, longest first, as scalar arrays.
    private static let byFirstScalar: [Unicode.Scalar: [([Unicode.Scalar], Unit)]] = {
        var d: [Unicode.Scalar: [([Unicode.Scalar], Unit)]] = [:]
        for row in table {
            let scalars = Array(row.spelling.unicodeScalars)
            d[scalars[0], default: []].append((scalars, row.unit))
        }
        for k in d.keys { d[k]!.sort { $0.0.count > $1.0.count } }
        return d
    }()

    /// The first scalars of `byFirstScalar`, to rule out most scalars without hashing.
    private static let firstScalars = ScalarBits(byFirstScalar.keys)

    /// The longest unit spelled in `buffer` at `index`, with its length, without allocating.
    static func match(_ buffer: UnsafeBufferPointer<Unicode.Scalar>, at index: Int) -> (unit: Unit, length: Int)? {
        guard index < buffer.count, firstScalars.mayContain(buffer[index]),
              let candidates = byFirstScalar[buffer[index]] else { return nil }
        outer: for (spelling, unit) in candidates {
            guard index + spelling.count <= buffer.count else { continue }
            for (o, c) in spelling.enumerated() where buffer[index + o] != c { continue outer }
            return (unit, spelling.count)
        }
        return nil
    }
}
