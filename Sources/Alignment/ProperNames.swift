import DocumentModel

/// Whether a term's words stand inside a longer proper name: the campaign `城乡统筹·幸福株洲` is not the
/// goal 建设幸福株洲. A middle dot joins the parts of a name; when the word across the dot is no alias of
/// the rule set, the name is something else's.
///
/// Two goal words joined by a dot are the city's own naming and count: `“人文株洲·百个故事进校园”`. A name in
/// quotation marks counts too, since the city writes its programmes and slogans in quotes and a district
/// copies them (`“人工智能+”行动`, `“不刁难企业负面清单”`, `“制造名城 幸福株洲”`); so does a title in `《…》`.
enum ProperNames {
    /// Whether the words at `hit` (offsets in the sentence `s`) are joined by a middle dot to a word that
    /// no alias match ends at (before the dot) or starts at (after it).
    static func isInsideLongerName(_ hit: Range<Int>, in s: UnsafeBufferPointer<Unicode.Scalar>,
                                   aliasEnds: (Int) -> Bool, aliasStarts: (Int) -> Bool) -> Bool {
        let a = hit.lowerBound, b = hit.upperBound
        guard a >= 0, a < b, b <= s.count else { return false }
        if a >= 2, isDot(s[a - 1]), isWordScalar(s[a - 2]), !aliasEnds(a - 1) { return true }
        if b + 1 < s.count, isDot(s[b]), isWordScalar(s[b + 1]), !aliasStarts(b + 1) { return true }
        return false
    }

    @inline(__always) static func isDot(_ c: Unicode.Scalar) -> Bool {
        c == "·" || c == "・" || c == "•" || c == "‧"
    }
}
