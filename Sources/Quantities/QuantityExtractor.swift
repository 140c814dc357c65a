/// Finds every quantity in one sentence of normalized plan text, with its span.
///
/// Normalized means full-width digits, letters and `％` are ASCII and PDF spaces are removed. The scan
/// is one pass over the scalars, by hand, with a few look-backs of bounded length; it allocates only
/// the result. What it reads:
/// - Arabic numbers (`244.2`, `1,200`), Chinese numerals (`二〇三五`, `五百亿`, `十件`), mixed (`1.8万亩`);
/// - units of `Unit.table`, a magnitude before them (`2.4万家`, `30亿斤`), ratios (`1.61亿元/平方公里`);
/// - comparators before (`不低于`, `超过`, `达到`, `约`) and after (`以上`, `以内`, `左右`), ranges (`2-3个`);
/// - changes (`增长7.5%`, `下降15%以上`, `提高到15%`, `从3000亿元迈上5000亿元`, `由2015年的6.5万元提高到…`);
/// - years (`2025年`, `二〇三五年`, `到2025年` ≤), periods (`2021年-2025年`, `“十四五”时期`), plan ends
///   (`“十五五”期末` = 2030), `本世纪中叶` (2050), durations (`3年`, `五年`, and `五年内`/`今后五年`
///   resolved against `planPeriod`), ranks (`50强`).
///
/// What it skips, on purpose:
/// - dates (`2021年2月4日`, `2022-08-10`, `9月`, `4日`), clock times, ordinals and section numbers
///   (`第六章`, `第36位`), list markers (`一、`, `1.`), `五年规划`;
/// - identifiers: digits touching ASCII letters or `+` (`5G`, `S104`, `3+3+2`), runs of more than 15
///   digits; bare Arabic numbers with neither unit nor comparator (`12345热线`, phone numbers, `601`);
/// - text in quotes `“…”`/`「…」` of up to 24 scalars and in titles `《…》` of up to 80 (names such as
///   `“三类500强”`, `“民生100”工程`), except plan names (`“十四五”`);
/// - Chinese numerals not followed by a unit or classifier (`一谷三区`, `三高四新`, `十大`), set phrases
///   (`四个全面`, `两个确立`, `五位一体`…), `一` before a classifier (`一批`, `一个`: an article), a lone
///   `十百千万亿` unless it reads as a value (`十件`, `百强`, `千亿`), and tiers (`三级`).
public struct QuantityExtractor: Sendable, Hashable, Codable {
    /// The plan's period (e.g. 2026…2030), against which `五年内` and `今后五年` resolve to a year.
    public var planPeriod: ClosedRange<Int>?

    /// An extractor; pass the plan period to resolve relative deadlines.
    public init(planPeriod: ClosedRange<Int>? = nil) { self.planPeriod = planPeriod }

    /// The quantities in `sentence`, spans in its Unicode scalars.
    public func extract(from sentence: String) -> [Quantity] {
        extract(from: Array(sentence.unicodeScalars))
    }

    /// The quantities in `scalars`, spans as offsets into them.
    public func extract(from scalars: [Unicode.Scalar]) -> [Quantity] {
        scalars.withUnsafeBufferPointer { extract(from: $0) }
    }

    /// The quantities in a slice, spans as offsets from the slice's start.
    public func extract(from scalars: ArraySlice<Unicode.Scalar>) -> [Quantity] {
        scalars.withUnsafeBufferPointer { extract(from: $0) }
    }

    /// The quantities in `buffer`, spans as offsets into it.
    public func extract(from buffer: UnsafeBufferPointer<Unicode.Scalar>) -> [Quantity] {
        guard let start = QuantityExtractor.scanStart(buffer) else { return [] }
        var scan = QuantityScan(s: buffer, plan: planPeriod)
        scan.run(from: start)
        return scan.result()
    }
}

extension QuantityExtractor {
    /// False when `buffer` holds no ASCII digit, Chinese numeral or `本` (of `本世纪中叶`): every quantity
    /// starts at one of them, so the scan would find none. Nearly half of a plan's sentences are such.
    static func mayHoldQuantity(_ buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Bool { scanStart(buffer) != nil }

    /// Where the scan of `buffer` may start, nil when `mayHoldQuantity` is false: the first ASCII digit or
    /// scalar the scan looks at (a quote before the first numeral counts), found in the same pass, so the
    /// scan does not read the text before it a second time.
    static func scanStart(_ buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Int? {
        let starts = quantityStarts, interesting = interestingScalars
        var first: Int?
        // Past a scalar outside the BMP, which `ScalarBits` cannot rule out (the scan skips them).
        var may = false
        for i in buffer.indices {
            let c = buffer[i]
            let v = c.value
            if v < 0x80 {
                if isDigit(c) { return first ?? i }
            } else if v >= 0x10000 {
                if let first { return first }
                may = true
            } else if interesting.mayContain(c) {
                // Every quantity start is an interesting scalar.
                if first == nil {
                    first = i
                    if may { return i }
                }
                if starts.mayContain(c) { return first }
            }
        }
        return may ? buffer.count : nil
    }
}
