import RuleLanguage

/// The district a plan is for, read from its title (`株洲市荷塘区国民经济和社会发展…纲要` → `荷塘区`), so that
/// goals written for some places only (`applies 醴陵市, 攸县`) are checked where they belong.
public enum District {
    /// The ends of the names of administrative units, as titles write them.
    static let unitEnds: Set<Character> = ["省", "市", "区", "县", "旗"]
    /// Words that end like a unit but name none: `株洲市城市总体规划` is the city's.
    static let notUnits: Set<String> = ["城市", "都市", "市区", "城区", "县城", "地区", "社区", "园区", "景区", "片区",
                                        "街区", "矿区", "山区", "辖区", "新城区", "老城区", "全市", "全区", "全县", "我市", "我区", "我县"]

    /// The last of the administrative units the title starts with (`湖南省` `株洲市` `醴陵市` → `醴陵市`), or nil
    /// when it starts with none.
    public static func of(title: String?) -> String? {
        guard let title else { return nil }
        var rest = Substring(title.filter { !$0.isWhitespace })
        // A party or government body before the place: 中共株洲市委, 株洲市人民政府 keep the place in front.
        if rest.hasPrefix("中共") { rest = rest.dropFirst(2) }
        var last: String?
        outer: while !rest.isEmpty {
            // The shortest run of two to six Chinese characters ending a unit: `株洲市`, then `荷塘区`.
            for length in 2...6 {
                let name = rest.prefix(length)
                guard name.count == length, name.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) else { break }
                if let end = name.last, unitEnds.contains(end), !notUnits.contains(String(name)) {
                    last = String(name)
                    rest = rest.dropFirst(length)
                    continue outer
                }
            }
            break
        }
        return last
    }
}
