/// The words around numbers that the extractor reads, matched scalar by scalar.
enum Lexicon {
    /// What a word before a number does to it.
    enum Effect: Sendable, Equatable {
        /// A comparator word; a strong one (`不低于`, `超过`) is kept over a trailing `左右`.
        case compare(QuantityComparator, strong: Bool)
        /// A change by the value: `增长` (increase) or `下降` (decrease).
        case change(QuantityKind)
        /// A change to the value: `提高到` (up), `下降到` (down), `到`/`至` (either way), with a comparator (`迈上` ≥).
        case to(Direction, QuantityComparator?)
        /// The start of a change: `从`, `由`.
        case from
        /// A yearly average: `年均`, `每年`.
        case annual
        /// A future span: `今后`, `未来` (before `五年`).
        case future
        /// A deadline before a year: `截至`, `不晚于` (and `到`, `至`).
        case deadline
        /// A word that only links: `累计`, `为`, `保持在`.
        case neutral
    }

    /// Which way a change to a level goes.
    enum Direction: Sendable, Equatable { case up, down, either }

    struct Word: Sendable {
        let scalars: [Unicode.Scalar]
        let effect: Effect
        /// Characters that must not stand right before the word (`通过` is not `过`).
        let notAfter: Set<Unicode.Scalar>
    }

    static let prefixWords: [(String, Effect, String)] = [
        // at least
        ("不低于", .compare(.atLeast, strong: true), ""), ("不少于", .compare(.atLeast, strong: true), ""),
        ("不小于", .compare(.atLeast, strong: true), ""), ("不下于", .compare(.atLeast, strong: true), ""),
        ("超过", .compare(.atLeast, strong: true), ""), ("超出", .compare(.atLeast, strong: true), ""),
        ("高于", .compare(.atLeast, strong: true), ""), ("大于", .compare(.atLeast, strong: true), ""),
        ("多于", .compare(.atLeast, strong: true), ""), ("突破", .compare(.atLeast, strong: true), ""),
        ("至少", .compare(.atLeast, strong: true), ""), ("逾", .compare(.atLeast, strong: true), ""),
        ("过", .compare(.atLeast, strong: true), "通经不越度跨难错路透闯"),
        ("超", .compare(.atLeast, strong: true), "赶高"),
        ("达到", .compare(.atLeast, strong: false), ""),
        ("达", .compare(.atLeast, strong: false), "发到抵通表传送下直"),
        ("力争", .compare(.atLeast, strong: false), ""),
        // at most
        ("不超过", .compare(.atMost, strong: true), ""), ("不高于", .compare(.atMost, strong: true), ""),
        ("不大于", .compare(.atMost, strong: true), ""), ("不多于", .compare(.atMost, strong: true), ""),
        ("控制在", .compare(.atMost, strong: true), ""), ("低于", .compare(.atMost, strong: true), ""),
        ("少于", .compare(.atMost, strong: true), ""), ("小于", .compare(.atMost, strong: true), ""),
        ("至多", .compare(.atMost, strong: true), ""), ("最多", .compare(.atMost, strong: true), ""),
        ("不足", .compare(.atMost, strong: true), ""),
        // about
        ("约", .compare(.approximately, strong: false), "制节签契公履违预特相邀婚和条合"),
        ("大约", .compare(.approximately, strong: false), ""), ("约为", .compare(.approximately, strong: false), ""),
        ("近", .compare(.approximately, strong: false), "最附邻临就靠亲贴逼晚新接将"),
        ("接近", .compare(.approximately, strong: false), ""), ("将近", .compare(.approximately, strong: false), ""),
        ("大概", .compare(.approximately, strong: false), ""),
        // to a level
        ("迈上", .to(.up, .atLeast), ""), ("跃上", .to(.up, .atLeast), ""), ("跨上", .to(.up, .atLeast), ""),
        ("提高到", .to(.up, nil), ""), ("提高至", .to(.up, nil), ""), ("提升到", .to(.up, nil), ""),
        ("提升至", .to(.up, nil), ""), ("增长到", .to(.up, nil), ""), ("增长至", .to(.up, nil), ""),
        ("增加到", .to(.up, nil), ""), ("增加至", .to(.up, nil), ""), ("增至", .to(.up, nil), ""),
        ("升至", .to(.up, nil), ""), ("上升到", .to(.up, nil), ""), ("上升至", .to(.up, nil), ""),
        ("扩大到", .to(.up, nil), ""), ("扩大至", .to(.up, nil), ""), ("跃升至", .to(.up, nil), ""),
        ("跃升到", .to(.up, nil), ""), ("增长为", .to(.up, nil), ""),
        ("下降到", .to(.down, nil), ""), ("下降至", .to(.down, nil), ""), ("降低到", .to(.down, nil), ""),
        ("降低至", .to(.down, nil), ""), ("降至", .to(.down, nil), ""), ("降到", .to(.down, nil), ""),
        ("减少到", .to(.down, nil), ""), ("减少至", .to(.down, nil), ""), ("减至", .to(.down, nil), ""),
        ("压减到", .to(.down, nil), ""), ("压减至", .to(.down, nil), ""), ("压缩到", .to(.down, nil), ""),
        ("压缩至", .to(.down, nil), ""), ("缩小到", .to(.down, nil), ""), ("缩小至", .to(.down, nil), ""),
        ("下降为", .to(.down, nil), ""),
        ("到", .to(.either, nil), ""), ("至", .to(.either, nil), "甚乃以"),
        // change by
        ("增长", .change(.increase), ""), ("增加", .change(.increase), ""), ("提高", .change(.increase), ""),
        ("提升", .change(.increase), ""), ("上升", .change(.increase), ""), ("增幅", .change(.increase), ""),
        ("增速", .change(.increase), ""), ("涨幅", .change(.increase), ""), ("新增", .change(.increase), ""),
        ("增", .change(.increase), "倍"), ("扩大", .change(.increase), ""),
        ("下降", .change(.decrease), ""), ("降低", .change(.decrease), ""), ("减少", .change(.decrease), ""),
        ("压减", .change(.decrease), ""), ("削减", .change(.decrease), ""), ("降幅", .change(.decrease), ""),
        ("缩小", .change(.decrease), ""), ("压缩", .change(.decrease), ""),
        ("减", .change(.decrease), "缩削压"), ("降", .change(.decrease), "下霜空投"),
        // from
        ("从", .from, "服顺自听"), ("由", .from, "自理缘"),
        // yearly
        ("年均", .annual, ""), ("年平均", .annual, ""), ("平均每年", .annual, ""), ("每年", .annual, ""),
        // future spans
        ("今后", .future, ""), ("未来", .future, ""),
        // deadlines
        ("截至", .deadline, ""), ("截止", .deadline, ""), ("截止到", .deadline, ""), ("至迟", .deadline, ""),
        ("最迟", .deadline, ""), ("不晚于", .deadline, ""),
        // links
        ("平均", .neutral, ""), ("累计", .neutral, ""), ("分别", .neutral, ""), ("为", .neutral, "作成因认称"),
        ("合计", .neutral, ""), ("总计", .neutral, ""), ("保持在", .neutral, ""), ("稳定在", .neutral, ""),
        ("维持在", .neutral, ""), ("保持", .neutral, ""), ("稳定", .neutral, ""), ("实现", .neutral, ""),
        ("再", .neutral, ""),
    ]

    /// Prefix words indexed by their last scalar, longest first.
    static let byLastScalar: [Unicode.Scalar: [Word]] = {
        var d: [Unicode.Scalar: [Word]] = [:]
        for (text, effect, notAfter) in prefixWords {
            let w = Word(scalars: Array(text.unicodeScalars), effect: effect, notAfter: Set(notAfter.unicodeScalars))
            d[w.scalars.last!, default: []].append(w)
        }
        for k in d.keys { d[k]!.sort { $0.scalars.count > $1.scalars.count } }
        return d
    }()

    /// The last scalars of `byLastScalar`, to rule out most scalars without hashing.
    static let lastScalars = ScalarBits(byLastScalar.keys)

    /// The longest prefix word ending right before `end`, if any.
    static func word(in s: UnsafeBufferPointer<Unicode.Scalar>, endingAt end: Int) -> Word? {
        guard end > 0, lastScalars.mayContain(s[end - 1]), let candidates = byLastScalar[s[end - 1]] else { return nil }
        outer: for w in candidates {
            let len = w.scalars.count
            guard end >= len else { continue }
            for o in 0..<len where s[end - len + o] != w.scalars[o] { continue outer }
            if end > len, w.notAfter.contains(s[end - len - 1]) { continue }
            return w
        }
        return nil
    }

    /// Set phrases whose numerals are names, not quantities (`四个全面`, `两个确立`, `五位一体`…).
    static let setPhrases: [Unicode.Scalar: [[Unicode.Scalar]]] = {
        let phrases = [
            "两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "三个代表", "三个高地", "两个毫不动摇",
            "两个统筹", "六个坚持", "四个高于", "四个十大", "两个责任", "三个务必", "四个最严", "四个服务",
            "五位一体", "八项规定", "三项制度", "两个一百年", "两个大局", "三个有利于", "四个革命", "一个中心",
            "两个基本点", "四个不摘", "两个结合", "两个先行", "三个转变", "四个机制", "两个健康", "三个一批",
            "五个一批", "四个一批", "一带一路", "三高四新", "一谷三区", "两型社会", "三个百分之百",
        ]
        var d: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for p in phrases {
            let s = Array(p.unicodeScalars)
            d[s[0], default: []].append(s)
        }
        return d
    }()

    /// The length of the set phrase starting at `start`, if one does.
    static func setPhrase(in s: UnsafeBufferPointer<Unicode.Scalar>, at start: Int) -> Int? {
        guard let candidates = setPhrases[s[start]] else { return nil }
        outer: for p in candidates {
            guard start + p.count <= s.count else { continue }
            for o in 0..<p.count where s[start + o] != p[o] { continue outer }
            return p.count
        }
        return nil
    }

    /// Whether `word` is spelled in `s` at `start`.
    @inline(__always)
    static func has(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ word: [Unicode.Scalar]) -> Bool {
        guard start >= 0, start + word.count <= s.count else { return false }
        for o in 0..<word.count where s[start + o] != word[o] { return false }
        return true
    }

    private static func w(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    /// QuantityComparator words after a value, longest first.
    static let suffixWords: [([Unicode.Scalar], QuantityComparator)] = [
        (w("及以上"), .atLeast), (w("或以上"), .atLeast), (w("以上"), .atLeast),
        (w("及以下"), .atMost), (w("以下"), .atMost), (w("以内"), .atMost), (w("之内"), .atMost),
        (w("左右"), .approximately), (w("上下"), .approximately),
    ]
    /// QuantityComparator words after a year, longest first.
    static let yearSuffixWords: [([Unicode.Scalar], QuantityComparator)] = [
        (w("前后"), .approximately), (w("以前"), .atMost), (w("之前"), .atMost), (w("前"), .atMost),
        (w("以后"), .atLeast), (w("之后"), .atLeast),
    ]
    static let plan = w("规划"), program = w("计划"), since = w("以来")
    static let endOfPeriod = [w("期末"), w("末期"), w("末")]
    static let wholePeriod = [w("时期"), w("期间")]
    static let midCentury = w("本世纪中叶"), endOfCentury = w("本世纪末")
    static let upDown = w("上下游")
    static let percentOf = w("百分之")

    /// Words that begin with a one-character unit but are not one (`千亿台阶`, `3项目`, `5年轻`).
    static let wordsAfterNumbers: [Unicode.Scalar: Set<Unicode.Scalar>] = {
        let words = [
            "台阶", "台湾", "条件", "条例", "项目", "家庭", "家乡", "家园", "户籍", "户口", "处理", "处置", "次数",
            "位置", "座谈", "部门", "部署", "种类", "类型", "场景", "场所", "场馆", "间隔", "段落", "片区", "块状",
            "份额", "支撑", "支持", "轮流", "所有", "所以", "所在", "个性", "个体", "件事", "年轻", "年度", "年代",
            "批准", "批复", "套餐", "张力", "只有", "只要", "只是", "名称", "名单", "名片", "名牌", "名城", "名校",
            "名企", "名所", "人才", "人民", "人口", "人员", "人均", "人工", "米粮", "吨位", "天然", "天下", "倍增", "位一",
        ]
        var d: [Unicode.Scalar: Set<Unicode.Scalar>] = [:]
        for word in words {
            let s = Array(word.unicodeScalars)
            d[s[0], default: []].insert(s[1])
        }
        return d
    }()

    static let sessionWords = [w("全会"), w("会议"), w("全体"), w("代表大会"), w("党代会")]

    /// Whether a session's name follows (`九次全会`): the count is an ordinal.
    static func startsSession(_ s: UnsafeBufferPointer<Unicode.Scalar>, at k: Int) -> Bool {
        sessionWords.contains { has(s, k, $0) }
    }

    /// Whether the one-character unit at `k` begins a longer word instead (`台阶`, `项目`).
    static func startsWord(_ s: UnsafeBufferPointer<Unicode.Scalar>, at k: Int, unitLength: Int) -> Bool {
        guard unitLength == 1, k + 1 < s.count, let next = wordsAfterNumbers[s[k]] else { return false }
        return next.contains(s[k + 1])
    }
}
