import Alignment
import Localization

extension Finding {
    /// The title in `language`: a goal's own (the rules' words), a retired term's said in that language.
    func title(in language: Language) -> String {
        guard kind == .retirement, language == .zh else { return title }
        return "停用表述：" + goal.dropFirst("retire:".count)
    }
}

extension Language {
    /// A status as a baseline report stores it (`weak`), in this language; an unknown one as it is.
    func statusWord(_ raw: String) -> String { Status(rawValue: raw).map { $0.word.text(self) } ?? raw }
}
