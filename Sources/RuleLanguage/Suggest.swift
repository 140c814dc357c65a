/// Finds the name a misspelling most likely meant, for `did you mean …?` hints.
public enum Suggest {
    /// The edit distance between two strings, counted in Unicode scalars (one Chinese character is one edit).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    ///
    /// Close enough means at most a third of the longer name's characters differ (at least one), so
    /// `研发强读` finds `研发强度` but `产业` does not find `创新`. Ties go to the first candidate in order.
    public static func closest<S: Sequence>(to name: String, in candidates: S) -> String? where S.Element == String {
        var best: (String, Int)?
        let length = name.unicodeScalars.count
        for c in candidates where c != name {
            let other = c.unicodeScalars.count
            let limit = max(1, max(length, other) / 3)
            // The distance is at least the difference in length: skip the work when that is already too far.
            guard abs(length - other) <= limit else { continue }
            let d = distance(name, c)
            guard d <= limit else { continue }
            if best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }
}
