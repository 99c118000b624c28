// The report's inline CSS and script. The script only displays strings: amounts are sorted
// by comparing their decimal digits (cmpDecimal), never converted to floating point.
#include "tools/report/report_assets.hpp"

namespace kanzai::tools {

std::string_view report_css() {
    return R"CSS(
:root { --ink: #1d2733; --muted: #5d6b7a; --line: #d5dde5; --accent: #1f5fa8;
  --fill: #2f7d4f; --bg: #ffffff; --band: #f4f7fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: var(--bg); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 18px; border-bottom: 2px solid var(--accent); padding-bottom: 4px;
  margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.count { color: var(--muted); font-weight: normal; }
dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr;
  gap: 4px 16px; margin: 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
.hashes { margin-top: 8px; color: var(--muted); }
.hash { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
table.data { border-collapse: collapse; width: 100%; margin: 4px 0; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 8px;
  text-align: left; vertical-align: top; }
table.data th { background: var(--band); font-weight: 600; white-space: nowrap; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums;
  font-family: ui-monospace, monospace; font-size: 12px; white-space: nowrap; }
.scroll { overflow-x: auto; }
.cols { display: flex; gap: 24px; } .cols > table { flex: 1; }
.barcol { width: 30%; }
.bar { background: #e7ecf1; height: 14px; border-radius: 3px; overflow: hidden; }
.bar .fill { background: var(--fill); height: 100%; }
.histogram { display: flex; align-items: flex-end; gap: 6px; height: 180px;
  border-bottom: 1px solid var(--line); padding-top: 20px; }
.hcol { flex: 1; display: flex; flex-direction: column; justify-content: flex-end;
  height: 100%; text-align: center; }
.hbar { background: var(--accent); min-height: 1px; }
.hcount { font-size: 12px; color: var(--muted); }
.hlabel { font-size: 11px; color: var(--muted); height: 16px; margin-bottom: -18px; }
#recovery { padding-bottom: 20px; }
.note, .none { color: var(--muted); }
.controls { display: flex; gap: 12px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
.controls input { font: inherit; padding: 4px 8px; width: 320px; }
.controls button { font: inherit; padding: 3px 10px; }
#claims-table th { cursor: pointer; user-select: none; }
#claims-table th.sorted-asc::after { content: " \25B2"; }
#claims-table th.sorted-desc::after { content: " \25BC"; }
tr.claim-row { cursor: pointer; } tr.claim-row:hover { background: var(--band); }
tr.derivation td { background: #fbfcfd; padding: 8px 16px 12px; }
.derivation h4 { margin: 8px 0 4px; font-size: 13px; }
.derivation table { border-collapse: collapse; margin-bottom: 6px; }
.derivation td, .derivation th { padding: 2px 10px 2px 0; text-align: left; }
.derivation td.num { text-align: right; font-family: ui-monospace, monospace; }
.code { font-family: ui-monospace, monospace; font-size: 12px; }
td.reason { min-width: 200px; max-width: 360px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .controls, .no-print { display: none; }
  details.hashes { display: block; } details.hashes > * { display: block; }
  section { break-inside: avoid-page; } #claims { break-inside: auto; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)CSS";
}

std::string_view report_script() {
    return R"JS(
"use strict";
const DATA = JSON.parse(document.getElementById("claims-data").textContent);
const COLUMNS = ["claim_id", "customer_id", "claimant_id", "payee_id", "asset", "filed",
  "ledger", "admitted", "disputed", "class", "code", "reason", "value"];
const SHOWN = [0, 3, 4, 6, 7, 8, 12, 10, 11];
const AMOUNT = new Set([5, 6, 7, 8, 12]);
const PAGE_ROWS = 100;
const state = { query: "", column: 0, descending: false, page: 0, open: new Set() };
let view = DATA.rows.map((row, index) => index);

// Compares two decimal strings exactly (sign, integer digits, fraction digits).
function cmpDecimal(a, b) {
  if (a === b) return 0;
  if (a === "") return -1;
  if (b === "") return 1;
  const na = a[0] === "-", nb = b[0] === "-";
  if (na !== nb) return na ? -1 : 1;
  const sign = na ? -1 : 1;
  const [ia, fa = ""] = (na ? a.slice(1) : a).split(".");
  const [ib, fb = ""] = (nb ? b.slice(1) : b).split(".");
  const ta = ia.replace(/^0+/, ""), tb = ib.replace(/^0+/, "");
  if (ta.length !== tb.length) return sign * (ta.length < tb.length ? -1 : 1);
  if (ta !== tb) return sign * (ta < tb ? -1 : 1);
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, "0"), pb = fb.padEnd(width, "0");
  return pa === pb ? 0 : sign * (pa < pb ? -1 : 1);
}
function cmpText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function applyView() {
  const query = state.query.toLowerCase();
  view = [];
  for (let index = 0; index < DATA.rows.length; index++) {
    const row = DATA.rows[index];
    if (query === "" || [0, 1, 2, 3, 4, 10, 11].some(c => row[c].toLowerCase().includes(query))) {
      view.push(index);
    }
  }
  const column = state.column, compare = AMOUNT.has(column) ? cmpDecimal : cmpText;
  const direction = state.descending ? -1 : 1;
  view.sort((x, y) => direction * compare(DATA.rows[x][column], DATA.rows[y][column]) ||
    cmpText(DATA.rows[x][0], DATA.rows[y][0]));
  const pages = Math.max(1, Math.ceil(view.length / PAGE_ROWS));
  state.page = Math.min(state.page, pages - 1);
  render();
}

function table(headers, rows, className) {
  const node = el("table", undefined, className);
  const head = el("tr");
  headers.forEach(h => head.appendChild(el("th", h)));
  node.appendChild(head);
  rows.forEach(cells => {
    const tr = el("tr");
    cells.forEach((c, i) => {
      tr.appendChild(el("td", c, i > 0 && /^-?[0-9.]+$/.test(c) ? "num" : ""));
    });
    node.appendChild(tr);
  });
  return node;
}

// The derivation of one claim: the facts `kanzai explain` prints for it.
function derivation(row) {
  const box = el("div", undefined, "derivation");
  box.appendChild(el("h4", "Claim " + row[0] + " (" + row[4] + ")"));
  box.appendChild(table(["customer", "claimant", "payee", "class"],
    [[row[1], row[2], row[3], row[9] || "(none)"]]));
  box.appendChild(table(["filed", "ledger after set-off", "admitted", "disputed",
    "value of admitted"], [[row[5] || "(deemed)", row[6], row[7], row[8], row[12]]]));
  const setOff = DATA.setoff[row[1]];
  if (setOff) {
    box.appendChild(el("h4", "Set-off of customer " + row[1]));
    box.appendChild(table(["debt (D)", "value of positive balances (V)", "receivable"],
      [[setOff[0], setOff[1], setOff[2]]], "setoff-table"));
  }
  box.appendChild(el("h4", "Decision " + row[10]));
  box.appendChild(el("p", row[11]));
  const lines = DATA.alloc[row[0]] || [];
  box.appendChild(el("h4", "Allocations (" + lines.length + ")"));
  if (lines.length) {
    box.appendChild(table(["portion", "source", "amount", "asset", "tranche", "weight"],
      lines.map(a => [a[0], a[1], a[3], a[2], a[4], a[5] || ""]), "alloc-table"));
  }
  const payouts = DATA.pay[row[3]] || [];
  box.appendChild(el("h4", "Payouts of payee " + row[3] + " (" + payouts.length +
    ", all claims of the payee)"));
  if (payouts.length) {
    box.appendChild(table(["payout", "amount", "asset", "tranche", "status"],
      payouts.map(p => [p[0], p[2], p[1], p[3], p[4]]), "payout-table"));
  }
  return box;
}

function render() {
  const body = document.getElementById("claims-body");
  body.textContent = "";
  const start = state.page * PAGE_ROWS;
  for (const index of view.slice(start, start + PAGE_ROWS)) {
    const row = DATA.rows[index];
    const tr = el("tr", undefined, "claim-row");
    tr.dataset.claim = row[0];
    for (const c of SHOWN) {
      const td = el("td", row[c], AMOUNT.has(c) ? "num" : c === 10 ? "code" : c === 11 ?
        "reason" : "");
      td.dataset.col = COLUMNS[c];
      tr.appendChild(td);
    }
    const payouts = DATA.pay[row[3]] || [];
    const td = el("td", String(payouts.length), "num");
    td.dataset.col = "payouts";
    tr.appendChild(td);
    tr.addEventListener("click", () => toggle(row[0]));
    body.appendChild(tr);
    if (state.open.has(row[0])) {
      const extra = el("tr", undefined, "derivation");
      const cell = el("td");
      cell.colSpan = SHOWN.length + 1;
      cell.appendChild(derivation(row));
      extra.appendChild(cell);
      body.appendChild(extra);
    }
  }
  const pages = Math.max(1, Math.ceil(view.length / PAGE_ROWS));
  document.getElementById("page-info").textContent = "page " + (state.page + 1) + " of " +
    pages + " \u00b7 " + view.length + " of " + DATA.rows.length + " claims";
  document.querySelectorAll("#claims-table th[data-col]").forEach(th => {
    const c = Number(th.dataset.col);
    th.className = c === state.column ? (state.descending ? "sorted-desc" : "sorted-asc") : "";
  });
}

function toggle(claimId) {
  if (state.open.has(claimId)) state.open.delete(claimId); else state.open.add(claimId);
  render();
}

function showClaim(claimId) {
  state.query = claimId;
  document.getElementById("claims-search").value = claimId;
  state.open.add(claimId);
  state.page = 0;
  applyView();
}

document.getElementById("claims-search").addEventListener("input", event => {
  state.query = event.target.value;
  state.page = 0;
  applyView();
});
document.querySelectorAll("#claims-table th[data-col]").forEach(th => {
  th.addEventListener("click", () => {
    const c = Number(th.dataset.col);
    state.descending = state.column === c ? !state.descending : false;
    state.column = c;
    applyView();
  });
});
document.getElementById("page-prev").addEventListener("click", () => {
  state.page = Math.max(0, state.page - 1); render();
});
document.getElementById("page-next").addEventListener("click", () => {
  const pages = Math.max(1, Math.ceil(view.length / PAGE_ROWS));
  state.page = Math.min(pages - 1, state.page + 1); render();
});
document.querySelectorAll("a.claim-link").forEach(a => {
  a.addEventListener("click", () => showClaim(a.dataset.claim));
});
if (location.hash.startsWith("#claim=")) showClaim(decodeURIComponent(location.hash.slice(7)));
else applyView();
)JS";
}

}  // namespace kanzai::tools
