// The HTML report's inline style and script. They are `StaticString`s so that `HTMLBuilder.raw`
// accepts them and nothing built at run time; the script's hash goes into the page's CSP.

extension HTMLReport {
    static let css: StaticString = #"""
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;
--covered:#116329;--covered-bg:#d2f4dc;--weak:#7d4e00;--weak-bg:#fff1b3;--missing:#a40e26;--missing-bg:#ffdce0;
--conflicting:#6639ba;--conflicting-bg:#eddeff;--outdated:#953800;--outdated-bg:#ffe2cc;--waived:#0550ae;--waived-bg:#ddf4ff;
--other:#424a53;--other-bg:#eaeef2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;font-size:15px;line-height:1.6;
font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",system-ui,-apple-system,"Segoe UI",sans-serif}
code,.hash,.loc{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;font-size:.86em}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
[hidden]{display:none!important}
.wrap{max-width:1240px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:1.7em;line-height:1.3;margin:.1em 0 .4em}
h2{font-size:1.25em;margin:1.8em 0 .6em;padding-bottom:.25em;border-bottom:1px solid var(--line)}
h4{font-size:.8em;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 .4em}
h5{font-size:.85em;margin:1em 0 .3em;color:var(--muted)}
.brand{margin:0;color:var(--muted);font-size:.85em;letter-spacing:.04em}
.muted,.hint,.note{color:var(--muted)}
.hint,.note{font-size:.88em}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:0 0 1em}
.meta dt{color:var(--muted)}.meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
.hash{word-break:break-all;color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.4em .6em;border-bottom:1px solid var(--line)}
thead th{font-size:.85em;color:var(--muted);font-weight:600;background:var(--soft);white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.3em 0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.plans td .hash{font-size:.72em}
.plans .file{overflow-wrap:anywhere}
.plans td:nth-child(2){min-width:14em}
.plans td:nth-child(3){min-width:12em}
.plans td:nth-child(6){white-space:nowrap}
table.plans{min-width:56em}
td.cov{white-space:nowrap}
.scroll{overflow-x:auto}
.cards{display:grid;grid-template-columns:minmax(220px,1fr) minmax(260px,1.3fr) minmax(280px,1.5fr);gap:16px}
.card{border:1px solid var(--line);border-radius:8px;padding:14px 16px;background:#fff}
.card .label{font-size:.8em;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.big{font-size:2.6em;font-weight:700;line-height:1.15;margin:.1em 0}
.bar{display:inline-block;vertical-align:middle;width:84px;height:10px;border-radius:5px;background:var(--other-bg);overflow:hidden;margin-right:.5em}
.bar.wide{display:block;width:100%;height:14px;border-radius:7px;margin:.3em 0 .5em}
.fill{display:block;height:100%}
.fill.hi{background:#2da44e}.fill.mid{background:#d4a72c}.fill.lo{background:#cf222e}
.chips{list-style:none;padding:0;margin:.5em 0 0;display:flex;flex-wrap:wrap;gap:6px}
.chip{padding:.15em .7em;border-radius:999px;font-size:.95em}
table.areas th,table.areas td{border:0;padding:.15em .4em}
table.areas th{font-weight:500;white-space:nowrap}
table.areas .barcell{width:100%}table.areas .bar{width:100%}
.badge{display:inline-block;padding:0 .55em;border-radius:999px;font-size:.82em;font-weight:600;white-space:nowrap;line-height:1.6}
.badge,.chip,.cell{color:var(--other);background:var(--other-bg)}
.b-covered,.c-covered{color:var(--covered);background:var(--covered-bg)}
.b-weak,.c-weak{color:var(--weak);background:var(--weak-bg)}.b-not-applicable,.c-not-applicable{color:#57606a;background:#eaeef2}
.b-missing,.c-missing{color:var(--missing);background:var(--missing-bg)}
.b-conflicting,.c-conflicting{color:var(--conflicting);background:var(--conflicting-bg)}
.b-outdated,.c-outdated{color:var(--outdated);background:var(--outdated-bg)}
.b-waived,.c-waived{color:var(--waived);background:var(--waived-bg)}
.c-none{color:var(--muted);background:#fff}
.sev{white-space:nowrap;font-size:.9em}
.s-error{color:#a40e26}.s-warning{color:#7d4e00}.s-info{color:#0550ae}
.sev.notgap{color:var(--muted)}
.gid{font-weight:700;font-variant-numeric:tabular-nums;white-space:nowrap}
.gid .muted{font-weight:400}
.area{display:inline-block;font-size:.8em;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 .4em;margin-left:.4em;white-space:nowrap}
td.area{display:table-cell;border:0;border-bottom:1px solid var(--line);margin:0;font-size:.9em;border-radius:0}
.msg{font-size:.85em;color:var(--muted);margin-top:.15em}
table.goals td.title{min-width:18em}
table.goals tbody tr:hover{background:#f6f8fa}
td.where{white-space:nowrap}
.controls{display:none;flex-wrap:wrap;gap:8px 14px;align-items:center;padding:10px 12px;background:var(--soft);border:1px solid var(--line);border-radius:8px;margin-bottom:.4em}
.js .controls{display:flex}
.controls label{font-size:.9em;color:var(--muted)}
.controls select,.controls input,.controls button{font:inherit;font-size:.92em;padding:.2em .4em;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--fg)}
.controls .q input{width:13em}
.controls select{max-width:14em}
.controls button{cursor:pointer}
.shown{font-size:.85em;color:var(--muted);margin:.3em 0}
th button.sort{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer}
th button.sort::after{content:" ↕";opacity:.35}
th[aria-sort=ascending] button.sort::after{content:" ▲";opacity:1}
th[aria-sort=descending] button.sort::after{content:" ▼";opacity:1}
table.matrix th[scope=row]{min-width:16em;font-weight:500}
table.matrix th.plan{white-space:normal;word-break:break-all;min-width:6em;max-width:12em;font-size:.8em;vertical-align:bottom}
.pn{display:inline-block;min-width:1.5em;text-align:center;border-radius:4px;background:var(--fg);color:#fff;font-size:.85em;margin-right:.2em}
td.cell{text-align:center;font-size:.85em;font-weight:600;border:2px solid #fff}
td.cell a{color:inherit;display:block}
td.share{white-space:nowrap;font-size:.9em}
tr.retired th[scope=row]{color:var(--outdated);font-weight:500}
tfoot th,tfoot td{font-weight:600;background:var(--soft);border-bottom:0}
table.matrix tfoot td{text-align:center}
td.plancol{font-size:.85em;overflow-wrap:anywhere;min-width:8em}
details.finding{border:1px solid var(--line);border-left:5px solid var(--other);border-radius:6px;margin:0 0 10px;background:#fff}
details.f-covered{border-left-color:#2da44e}details.f-weak{border-left-color:#d4a72c}
details.f-missing{border-left-color:#cf222e}details.f-conflicting{border-left-color:#8250df}
details.f-outdated{border-left-color:#bc4c00}details.f-waived{border-left-color:#0969da}
details.finding>summary{cursor:pointer;padding:8px 12px;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;list-style-position:outside}
details.finding>summary::marker{color:var(--muted)}
details.finding[open]>summary{border-bottom:1px solid var(--line);background:var(--soft)}
.ftitle{font-weight:600}
.fplan{margin-left:auto;font-size:.82em;color:var(--muted)}
.fbody{padding:8px 14px 10px}
.message{margin:.2em 0 .8em}
.pair{display:grid;grid-template-columns:3fr 2fr;gap:18px}
.pair>*{min-width:0}
p.where{overflow-wrap:anywhere}
.city{border-left:1px solid var(--line);padding-left:18px}
ol.evidence{margin:0;padding-left:1.4em}
ol.evidence li{margin:0 0 .7em}
blockquote{margin:0}
.sentence{line-height:1.75;word-break:break-word}
.quote{border-left:3px solid var(--line);padding:.2em .8em;background:var(--soft);line-height:1.75}
mark{background:#fff0a0;color:inherit;font-weight:700;padding:0 .1em;border-radius:2px;box-shadow:inset 0 -2px 0 #d4a72c}
.where{font-size:.82em;color:var(--muted);margin:.15em 0 0}
.loc{color:var(--fg)}
.path{margin-right:.3em}
.tag{display:inline-block;margin:0 .3em 0 0;padding:0 .45em;border:1px solid var(--line);border-radius:4px;font-size:.95em}
.qty{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.suggestions{margin-top:.6em;padding:.2em .8em .4em;border:1px dashed #bf8700;border-radius:6px;background:#fffbea}
.suggestions h5{color:#7d4e00;margin-top:.4em}
.none{color:var(--muted);font-style:italic;margin:.2em 0}
.doc{margin:0 0 .5em}
.rulemeta{font-size:.8em;color:var(--muted);margin:.6em 0 0}
.legend dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em}
.legend dd{margin:0}
.legend p{font-size:.85em}
@media (max-width:900px){.cards{grid-template-columns:1fr}.pair{grid-template-columns:1fr}.city{border-left:0;padding-left:0}}
@media print{
@page{margin:14mm 12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10pt}
.wrap{max-width:none;padding:0}
.controls,.noprint{display:none!important}
th button.sort::after{content:none!important}
a{color:inherit}
.scroll{overflow:visible}
details::details-content{content-visibility:visible;display:block}
details.finding>summary{list-style:none}
details.finding>summary::marker{content:""}
details.finding{break-inside:avoid}
h2{break-after:avoid}
tr{break-inside:avoid}
}
"""#

    static let script: StaticString = #"""
(function () {
  "use strict";
  var d = document, root = d.documentElement;
  root.classList.add("js");
  var table = d.getElementById("goal-table");
  var form = d.getElementById("filters");
  var shown = d.getElementById("shown");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var target = rows.map(function (r) { return d.getElementById(r.getAttribute("data-target")); });
  // Free text searches the row and its details (evidence sentences, citation), lower-cased once per language.
  var texts = [];
  function index() {
    texts = rows.map(function (r, i) {
      return (r.textContent + " " + (target[i] ? target[i].textContent : "")).toLowerCase();
    });
  }
  index();
  function chinese() { return root.getAttribute("data-lang") === "zh"; }
  function value(name) {
    var f = form.elements.namedItem(name);
    return f ? f.value : "";
  }
  function apply() {
    var st = value("status"), sev = value("severity"), area = value("area"), plan = value("plan");
    var q = value("q").trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r, i) {
      var ok = (st === "" || (st === "gaps" ? r.getAttribute("data-gap") === "1" : r.getAttribute("data-status") === st)) &&
        (sev === "" || r.getAttribute("data-severity") === sev) &&
        (area === "" || r.getAttribute("data-area") === area) &&
        (plan === "" || r.getAttribute("data-plan") === plan) &&
        (q === "" || texts[i].indexOf(q) >= 0);
      r.hidden = !ok;
      if (target[i]) target[i].hidden = !ok;
      if (ok) n++;
    });
    var all = rows.length;
    if (chinese()) {
      shown.textContent = n === all ? "共 " + all + " 条检查结果" : "显示 " + n + " 条，共 " + all + " 条检查结果";
    } else {
      var noun = all === 1 ? " finding" : " findings";
      shown.textContent = n === all ? all + noun : "Showing " + n + " of " + all + noun;
    }
  }

  // Sorting: a button in each column head; cells may carry a data-sort key (status rank, padded line).
  var collator = typeof Intl !== "undefined" ? new Intl.Collator("zh-CN", { numeric: true }) : null;
  function cmp(a, b) { return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0); }
  function key(r, c) {
    var cell = r.cells[c];
    if (!cell) return "";
    var k = cell.getAttribute("data-sort");
    return k !== null ? k : cell.textContent.trim();
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  // ?sort= names a column by its key, the same whatever language the heads are in.
  var names = heads.map(function (th) { return th.getAttribute("data-key"); });
  var sortCol = -1, sortDir = 1;
  function sortBy(c, dir) {
    sortCol = c;
    sortDir = dir;
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (i, j) { return dir * cmp(key(rows[i], c), key(rows[j], c)) || i - j; });
    order.forEach(function (i) { body.appendChild(rows[i]); });
    heads.forEach(function (h, k) {
      h.setAttribute("aria-sort", k === c ? (dir > 0 ? "ascending" : "descending") : "none");
    });
  }
  heads.forEach(function (th, c) {
    var b = d.createElement("button");
    b.type = "button";
    b.className = "sort";
    while (th.firstChild) b.appendChild(th.firstChild);
    th.appendChild(b);
    th.setAttribute("aria-sort", "none");
    b.addEventListener("click", function () { sortBy(c, sortCol === c ? -sortDir : 1); });
  });

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  var all = Array.prototype.slice.call(d.querySelectorAll("details.finding"));
  d.getElementById("expand-all").addEventListener("click", function () { all.forEach(function (x) { x.open = true; }); });
  d.getElementById("collapse-all").addEventListener("click", function () { all.forEach(function (x) { x.open = false; }); });

  // A link to a finding (from the table or the matrix) opens it, even when a filter hid it.
  function openTarget() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var t = id ? d.getElementById(id) : null;
    if (t && t.tagName === "DETAILS") { t.hidden = false; t.open = true; }
  }
  window.addEventListener("hashchange", openTarget);

  // Printing shows every finding expanded, then puts the page back as it was.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = all.filter(function (x) { return !x.open; });
    closed.forEach(function (x) { x.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (x) { x.open = false; });
    closed = [];
  });

  // Filters and the sort can be given in the address: report.html?status=gaps&area=产业&q=研发&sort=-severity
  var params = new URLSearchParams(location.search);
  var sort = params.get("sort");
  if (sort) {
    var desc = sort.charAt(0) === "-", col = names.indexOf(desc ? sort.slice(1) : sort);
    if (col >= 0) sortBy(col, desc ? -1 : 1);
  }
  ["status", "severity", "area", "plan", "q"].forEach(function (name) {
    var f = form.elements.namedItem(name), v = params.get(name);
    if (!f || v === null) return;
    if (f.tagName === "SELECT") {
      for (var i = 0; i < f.options.length; i++) if (f.options[i].value === v) f.value = v;
    } else {
      f.value = v;
    }
  });
  // The language switch rewrote the labels: search the new words, and say the count in the new language.
  d.addEventListener("plancheck:language", function () { index(); apply(); });
  apply();
  openTarget();
  // Reached only when everything above ran without an exception; the browser test looks for it.
  root.setAttribute("data-script", "ready");
})();
"""#
}
