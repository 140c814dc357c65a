/// One scan of a sentence for quantities: `run` reads the numbers left to right into `tokens`, each
/// finished with its unit and the words around it (`finish`); `result` then links changes and years and
/// makes the quantities. See `QuantityExtractor` for what it reads and skips.
struct QuantityScan {
    /// The sentence's scalars.
    let s: UnsafeBufferPointer<Unicode.Scalar>
    /// Their count.
    let n: Int
    /// The plan's period, against which `五年内` resolves.
    let plan: ClosedRange<Int>?
    /// The quantities found so far, in the order their numbers stand.
    var tokens: [Token] = []

    /// Quotes up to this many scalars long are names (`“三类500强”`), their numbers skipped.
    static let longestQuotedName = 24
    /// Titles `《…》` up to this many scalars long are names, their numbers skipped.
    static let longestTitle = 80

    init(s: UnsafeBufferPointer<Unicode.Scalar>, plan: ClosedRange<Int>?) {
        self.s = s
        self.n = s.count
        self.plan = plan
    }

    /// Scans from `start`: nothing before it is a digit or a scalar the scan looks at.
    mutating func run(from start: Int = 0) {
        var i = start
        let interesting = interestingScalars
        while i < n {
            let c = s[i]
            let v = c.value
            if v < 0x80 {
                i = isDigit(c) ? max(scanNumber(at: i), i + 1) : i + 1
                continue
            }
            // Most scalars are CJK text with nothing to read: one bit test each.
            if v >= 0x10000 || !interesting.mayContain(c) { i += 1; continue }
            switch c {
            case "“": i = skipQuote(at: i, close: "”", limit: Self.longestQuotedName)
            case "「": i = skipQuote(at: i, close: "」", limit: Self.longestQuotedName)
            case "《": i = skipQuote(at: i, close: "》", limit: Self.longestTitle)
            case "第": i = skipOrdinal(at: i)
            case "本": i = century(at: i)
            default: i = ChineseNumeral.isChineseNumeralCharacter(c) ? max(scanNumber(at: i), i + 1) : i + 1
            }
        }
    }

    // MARK: skipping

    /// Past a quote or title of at most `limit` scalars opening at `i`, but into a plan name (`“十四五”`), which
    /// is read; past only the opening mark when it does not close in time.
    func skipQuote(at i: Int, close: Unicode.Scalar, limit: Int) -> Int {
        var j = i + 1
        while j < n, j - i <= limit {
            if s[j] == close {
                // Closed after three characters: perhaps a plan name.
                if j - i == 4, isPlanName(at: i + 1) != nil { return i + 1 }
                return j + 1
            }
            j += 1
        }
        return i + 1
    }

    /// `第` and the number after it: an ordinal.
    func skipOrdinal(at i: Int) -> Int {
        var j = i + 1
        while j < n, isDigit(s[j]) || ChineseNumeral.isChineseNumeralCharacter(s[j])
                || (s[j] == "." && j + 1 < n && isDigit(s[j + 1])) {
            j += 1
        }
        return j
    }

    /// Digits, letters, dots and the like of an identifier (`S104`, `5G`, `3+3+2`, `10:29:27`).
    func skipIdentifier(from i: Int) -> Int {
        var j = i
        while j < n {
            let c = s[j]
            if isDigit(c) || isLetter(c) || c == "+" || c == "." || c == ":" || c == "_" || c == "-" || c == "/" {
                j += 1
            } else {
                break
            }
        }
        return j
    }

    /// The plan number at `i` for a plan name `十X五` (十一五 … 十六五), if one is written there.
    func isPlanName(at i: Int) -> Int? {
        guard i + 2 < n, s[i] == "十", s[i + 2] == "五" else { return nil }
        // Plain digits only, not `ChineseNumeral.chineseDigit`: plan names are never written 十两五 or 十壹五.
        let k: Int
        switch s[i + 1] {
        case "一": k = 11
        case "二": k = 12
        case "三": k = 13
        case "四": k = 14
        case "五": k = 15
        case "六": k = 16
        default: return nil
        }
        if i + 3 < n, ChineseNumeral.isChineseNumeralCharacter(s[i + 3]) || s[i + 3] == "年" { return nil }
        return k
    }

    /// Appends `t`, room for a few made at the first: growing one by one would reallocate each time.
    mutating func add(_ t: Token) {
        if tokens.isEmpty { tokens.reserveCapacity(8) }
        tokens.append(t)
    }
}
