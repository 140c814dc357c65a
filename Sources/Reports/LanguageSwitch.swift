import Foundation
import Localization

/// The 中文 / English switch of the HTML pages: buttons in the page and the script that swaps every text the
/// page carries in both languages (`HTMLBuilder.element(_:say:)`, attributes given as `localized`).
enum LanguageSwitch {
    /// The switch's buttons; hidden until the script runs (without it there is nothing to switch with), the
    /// page's own language pressed.
    static func buttons(_ h: inout HTMLBuilder) {
        h.element("div", ["class": "langs", "role": "group", "aria-label": "语言 / Language"]) { h in
            for l in [Language.zh, .en] {
                h.element("button", ["type": "button", "data-set-lang": l.rawValue, "lang": l == .zh ? "zh-CN" : "en",
                                     "aria-pressed": l == h.language ? "true" : "false"], text: l == .zh ? "中文" : "English")
            }
        }
    }

    /// The buttons' look, shared by the pages.
    static let css: StaticString = #"""
.langs{display:none;gap:0;float:right;margin:0 0 .5em 1em}
.js .langs{display:inline-flex}
.langs button{font:inherit;font-size:.85em;padding:.15em .8em;border:1px solid var(--line);background:var(--bg,#fff);color:var(--muted);cursor:pointer}
.langs button:first-child{border-radius:6px 0 0 6px}.langs button:last-child{border-radius:0 6px 6px 0;border-left:0}
.langs button[aria-pressed=true]{background:var(--fg);color:var(--bg,#fff);border-color:var(--fg)}
"""#

    /// Swaps the page's language: `?lang=en` in the address, or a click on the switch. Every element with
    /// `data-en` gets that language's text, every `data-en-title` (placeholder, aria-label) attribute its
    /// value; `lang` follows, and a `plancheck:language` event lets the page's other script redo what it wrote.
    static let script: StaticString = #"""
(function () {
  "use strict";
  var d = document, root = d.documentElement;
  root.classList.add("js");
  var attributes = ["title", "placeholder", "aria-label"];
  var buttons = Array.prototype.slice.call(d.querySelectorAll("button[data-set-lang]"));
  function each(selector, f) { Array.prototype.forEach.call(d.querySelectorAll(selector), f); }
  function set(lang) {
    if (lang !== "zh" && lang !== "en") return;
    root.setAttribute("data-lang", lang);
    root.lang = lang === "zh" ? "zh-CN" : "en";
    each("[data-en]", function (e) { e.textContent = e.getAttribute("data-" + lang); });
    attributes.forEach(function (a) {
      each("[data-en-" + a + "]", function (e) { e.setAttribute(a, e.getAttribute("data-" + lang + "-" + a)); });
    });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-set-lang") === lang)); });
    d.dispatchEvent(new CustomEvent("plancheck:language", { detail: lang }));
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { set(b.getAttribute("data-set-lang")); });
  });
  var asked = new URLSearchParams(location.search).get("lang");
  if (asked && asked !== root.getAttribute("data-lang")) set(asked);
  root.setAttribute("data-language-script", "ready");
})();
"""#

    /// `'sha256-…'` of an inline script, as a content security policy names it (base64 of the digest).
    static func hash(_ script: StaticString) -> String {
        let hex = Array(Digest.sha256Hex(Array(HTMLBuilder.string(script).utf8)).utf8)
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        let bytes = stride(from: 0, to: hex.count, by: 2).map { nibble(hex[$0]) << 4 | nibble(hex[$0 + 1]) }
        return "'sha256-" + Data(bytes).base64EncodedString() + "'"
    }
}
