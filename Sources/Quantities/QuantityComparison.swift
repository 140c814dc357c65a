import Localization

/// The outcome of holding a value (a district's) against a target (a city's).
public enum QuantityComparison: Hashable, Sendable, Codable {
    /// The value commits to at least what the target asks, in time.
    case satisfies
    /// The value commits to less than the target asks; the reason quotes both.
    case weaker(reason: LocalizedText)
    /// The value is due later than the target's year.
    case laterYear(value: Int, target: Int)
    /// The units cannot be compared (`%` against `个百分点`, `亿元` against `%`, or a unit against none).
    case incompatibleUnit(value: String?, target: String?)
    /// The two state different things (a growth rate against a level, a year against an amount, a count
    /// against another dimension).
    case notComparable(reason: LocalizedText)

    /// Whether the value satisfies the target.
    public var isSatisfied: Bool { self == .satisfies }
}

extension Quantity {
    /// What the quantity measures, for deciding whether two can be compared.
    enum Family: String { case level, increase, decrease, rank, time, duration }

    var family: Family {
        switch kind {
        case .level, .riseTo, .fallTo: return .level
        case .increase: return .increase
        case .decrease: return .decrease
        case .rank: return .rank
        case .year, .period: return .time
        case .duration: return .duration
        }
    }

    /// Whether the target is a floor (more is better) rather than a ceiling.
    var isFloor: Bool {
        switch comparator {
        case .atLeast: return true
        case .atMost: return false
        case .equal, .approximately:
            switch kind {
            case .fallTo, .rank, .year, .period, .duration: return false
            default: return true
            }
        }
    }

    /// Compares this value (a district's) with `target` (a city's): direction, unit, year.
    ///
    /// - A target with `≥` (or `=`/`≈` on a level, a rise, a growth or a decrease) is a floor: the value's
    ///   lowest committed figure (the lower bound of a range) must reach it; a value capped with `≤` is weaker.
    /// - A target with `≤` (or `=`/`≈` on a fall, a rank, a year) is a ceiling, symmetrically.
    /// - Units are converted (`亿元` ↔ `万元`); they must be commensurable (`Unit.isCommensurable(with:)`). A
    ///   count against another dimension (or the reverse) is `notComparable`: it is not about the same thing.
    ///   A unitless target compares with the value in base units; a unitless value against a target with a
    ///   unit is `incompatibleUnit` (resolve it first with `resolvingUnit(_:)`).
    /// - When the target has a year, the value's year (or `defaultYear`, e.g. the plan's last year) must not
    ///   be later. Checks run in this order: kinds, units, value, year; the first failure is returned.
    public func compare(to target: Quantity, defaultYear: Int? = nil) -> QuantityComparison {
        guard family == target.family else {
            return .notComparable(reason: LocalizedText(en: "\(kind.rawValue) \(self) cannot stand for \(target.kind.rawValue) \(target)",
                                                        zh: "\(kind.chineseName)\(self)不能当作\(target.kind.chineseName)\(target)"))
        }
        if family == .time {
            let mine = Int(upper ?? value), theirs = Int(target.upper ?? target.value)
            if target.isFloor {
                return mine >= theirs ? .satisfies : .weaker(reason: LocalizedText(en: "\(self) is before \(target)", zh: "\(self)早于\(target)"))
            }
            return mine > theirs ? .laterYear(value: mine, target: theirs) : .satisfies
        }
        // Bring the value into the target's unit.
        var low = value, high = upper ?? value
        if let tu = target.unit {
            guard let mu = unit else { return .incompatibleUnit(value: nil, target: tu.symbol) }
            // A count and another dimension measure different things: in `建成功率半导体创新中心1个` the 1个
            // counts centres, not the size of an industry asked in 元. It neither meets nor contradicts it.
            if mu.dimension != tu.dimension && (mu.dimension == .count || tu.dimension == .count) {
                return .notComparable(reason: LocalizedText(en: "\(mu.symbol) and \(tu.symbol) measure different things",
                                                            zh: "\(mu.symbol)与\(tu.symbol)计量的不是同一种量"))
            }
            guard mu.isCommensurable(with: tu), let l = mu.convert(low, to: tu), let h = mu.convert(high, to: tu) else {
                return .incompatibleUnit(value: mu.symbol, target: tu.symbol)
            }
            low = l
            high = h
        } else if let mu = unit {
            low *= mu.factor
            high *= mu.factor
        }
        let tLow = target.value, tHigh = target.upper ?? target.value
        let floor = target.isFloor
        if floor {
            if comparator == .atMost && !(kind == .rank) && upper == nil {
                return .weaker(reason: LocalizedText(en: "\(self) sets a ceiling where \(target) asks for a floor",
                                                     zh: "\(self)设的是上限，而\(target)要求的是下限"))
            }
            if low < tLow - Quantity.tolerance(tLow) {
                return .weaker(reason: LocalizedText(en: "\(self) is less than \(target)", zh: "\(self)低于\(target)"))
            }
        } else {
            if comparator == .atLeast && upper == nil {
                return .weaker(reason: LocalizedText(en: "\(self) sets a floor where \(target) asks for a ceiling",
                                                     zh: "\(self)设的是下限，而\(target)要求的是上限"))
            }
            if high > tHigh + Quantity.tolerance(tHigh) {
                return .weaker(reason: LocalizedText(en: "\(self) is more than \(target)", zh: "\(self)高于\(target)"))
            }
        }
        if let ty = target.year, let my = year ?? defaultYear, my > ty {
            return .laterYear(value: my, target: ty)
        }
        return .satisfies
    }

    /// A relative tolerance for comparing decimals read from text.
    static func tolerance(_ v: Double) -> Double { max(abs(v), 1) * 1e-9 }
}
