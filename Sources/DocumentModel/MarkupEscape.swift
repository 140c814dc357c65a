/// The one escaping policy for every HTML and XML plancheck writes (reports, JUnit, plan XML).
///
/// Plan and rule text is hostile input as far as the output is concerned (a plan may contain `<script>` or
/// `"><img onerror=…>`). Escaping `'` and `"` as well as `& < >` makes the same output safe in text and in
/// double- and single-quoted attributes, so no caller has to know which it is in. Characters HTML or XML 1.0
/// may not hold are dropped: they carry no text, and a plan written as plan XML then reads back to the same
/// words (a replacement character inside 研发投入强度 would stop a term from matching it).
public enum MarkupEscape {
    /// `s` with `& < > " '` replaced by character references, and the characters HTML and XML cannot hold
    /// left out.
    public static func escape(_ s: String) -> String {
        // Most text needs nothing: return it as is without building a copy.
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where isForbidden(u): continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    private static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "&", "<", ">", "\"", "'": true
        default: isForbidden(u)
        }
    }

    /// C0 controls other than tab, newline and carriage return, DEL and the C1 controls (which HTML does not
    /// allow in a document), and U+FFFE and U+FFFF (which XML 1.0 cannot hold).
    private static func isForbidden(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v <= 0x9F) || v == 0xFFFE || v == 0xFFFF
    }
}
