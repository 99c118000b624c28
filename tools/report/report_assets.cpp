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
tr.claim-row.highlight td { background: #fff3bf; }
.warning { background: #fff3bf; border-left: 4px solid #c98a00; padding: 6px 10px; }
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
// The claims are embedded in chunks of INDEX.per_chunk rows, each zlib-compressed JSON in
// base64 (the script element "chunk-K"): a chunk is decompressed only when a page, a search or a
// deep link needs it, and only a few stay decompressed at a time.
const INDEX = JSON.parse(document.getElementById("claims-index").textContent);
const COLUMNS = ["claim_id", "customer_id", "claimant_id", "payee_id", "asset", "filed",
  "ledger", "admitted", "disputed", "class", "code", "reason", "value"];
const SHOWN = [0, 3, 4, 6, 7, 8, 12, 10, 11];
const AMOUNT = new Set([5, 6, 7, 8, 12]);
const PAGE_ROWS = 100;
const SORT_ALL_MAX = 200000;   // sorting every claim needs them all decompressed at once
const MATCHES_MAX = 100000;    // a search keeps at most this many matches
const CACHE_MAX = 40;          // decompressed chunks kept
const state = { query: "", column: 0, descending: false, page: 0, open: new Set(),
  highlight: null };
// null: every claim in claim order (page p is in chunk floor(p*100/per_chunk)); else the
// matches of a search or a sort, as [chunk, row] pairs.
let view = null;
let generation = 0;            // a newer search or sort makes an older one stop
const cache = new Map();

async function chunk(number) {
  if (cache.has(number)) {
    const data = cache.get(number);
    cache.delete(number); cache.set(number, data);   // most recently used last
    return data;
  }
  const text = document.getElementById("chunk-" + number).textContent;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  const data = JSON.parse(await new Response(stream).text());
  cache.set(number, data);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
  return data;
}

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
function status(text) { document.getElementById("claims-status").textContent = text; }
function viewLength() { return view === null ? INDEX.total : view.length; }
function pagesCount() { return Math.max(1, Math.ceil(viewLength() / PAGE_ROWS)); }

// Rebuilds the view for the search and sort: scans the chunks one by one, keeping matches.
async function applyView() {
  const mine = ++generation;
  const query = state.query.toLowerCase();
  const sorted = state.column !== 0 || state.descending;
  if (query === "" && !sorted) { view = null; status(""); return render(); }
  if (query === "" && INDEX.total > SORT_ALL_MAX) {
    status("sorting every claim needs a search first at this size (" + INDEX.total +
      " claims); decisions.csv has them all");
    state.column = 0; state.descending = false; view = null;
    return render();
  }
  const found = [], rows = [];
  for (let number = 0; number < INDEX.chunks; number++) {
    const data = await chunk(number);
    if (mine !== generation) return;
    data.rows.forEach((row, index) => {
      if (found.length < MATCHES_MAX && (query === "" ||
          [0, 1, 2, 3, 4, 10, 11].some(c => row[c].toLowerCase().includes(query)))) {
        found.push([number, index]); rows.push(row);
      }
    });
    if (number % 20 === 19) status("searched " + (number + 1) + " of " + INDEX.chunks +
      " parts, " + found.length + " matches");
  }
  const column = state.column, compare = AMOUNT.has(column) ? cmpDecimal : cmpText;
  const direction = state.descending ? -1 : 1;
  const order = found.map((pair, i) => i);
  order.sort((x, y) => direction * compare(rows[x][column], rows[y][column]) ||
    cmpText(rows[x][0], rows[y][0]));
  view = order.map(i => found[i]);
  status(found.length >= MATCHES_MAX ? "the first " + MATCHES_MAX + " matches" : "");
  state.page = Math.min(state.page, pagesCount() - 1);
  return render();
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

// The derivation of one claim: the facts `kanzai explain` prints for it. `data` is the chunk
// of the claim, which holds its allocations, its payee's payouts and its customer's set-off.
function derivation(row, data) {
  const box = el("div", undefined, "derivation");
  box.appendChild(el("h4", "Claim " + row[0] + " (" + row[4] + ")"));
  box.appendChild(table(["customer", "claimant", "payee", "class"],
    [[row[1], row[2], row[3], row[9] || "(none)"]]));
  box.appendChild(table(["filed", "ledger after set-off", "admitted", "disputed",
    "value of admitted"], [[row[5] || "(deemed)", row[6], row[7], row[8], row[12]]]));
  const setOff = data.setoff[row[1]];
  if (setOff) {
    box.appendChild(el("h4", "Set-off of customer " + row[1]));
    box.appendChild(table(["debt (D)", "value of positive balances (V)", "receivable"],
      [[setOff[0], setOff[1], setOff[2]]], "setoff-table"));
  }
  box.appendChild(el("h4", "Decision " + row[10]));
  box.appendChild(el("p", row[11]));
  const lines = data.alloc[row[0]] || [];
  box.appendChild(el("h4", "Allocations (" + lines.length + ")"));
  if (lines.length) {
    box.appendChild(table(["portion", "source", "amount", "asset", "tranche", "weight"],
      lines.map(a => [a[0], a[1], a[3], a[2], a[4], a[5] || ""]), "alloc-table"));
  }
  const payouts = data.pay[row[3]] || [];
  box.appendChild(el("h4", "Payouts of payee " + row[3] + " (" + payouts.length +
    ", all claims of the payee)"));
  if (payouts.length) {
    box.appendChild(table(["payout", "amount", "asset", "tranche", "status"],
      payouts.map(p => [p[0], p[2], p[1], p[3], p[4]]), "payout-table"));
  }
  return box;
}

// The [chunk, row] pairs of the current page.
function pageRows() {
  const start = state.page * PAGE_ROWS, end = Math.min(viewLength(), start + PAGE_ROWS);
  const pairs = [];
  for (let at = start; at < end; at++) {
    pairs.push(view === null ? [Math.floor(at / INDEX.per_chunk), at % INDEX.per_chunk]
                             : view[at]);
  }
  return pairs;
}

async function render() {
  const mine = generation;
  const pairs = pageRows();
  const datas = new Map();
  for (const [number] of pairs) if (!datas.has(number)) datas.set(number, await chunk(number));
  if (mine !== generation) return;
  const body = document.getElementById("claims-body");
  body.textContent = "";
  for (const [number, index] of pairs) {
    const data = datas.get(number), row = data.rows[index];
    const tr = el("tr", undefined, "claim-row" + (row[0] === state.highlight ?
      " highlight" : ""));
    tr.dataset.claim = row[0];
    for (const c of SHOWN) {
      const td = el("td", row[c], AMOUNT.has(c) ? "num" : c === 10 ? "code" : c === 11 ?
        "reason" : "");
      td.dataset.col = COLUMNS[c];
      tr.appendChild(td);
    }
    const payouts = data.pay[row[3]] || [];
    const td = el("td", String(payouts.length), "num");
    td.dataset.col = "payouts";
    tr.appendChild(td);
    tr.addEventListener("click", () => toggle(row[0]));
    body.appendChild(tr);
    if (state.open.has(row[0])) {
      const extra = el("tr", undefined, "derivation");
      const cell = el("td");
      cell.colSpan = SHOWN.length + 1;
      cell.appendChild(derivation(row, data));
      extra.appendChild(cell);
      body.appendChild(extra);
    }
  }
  document.getElementById("page-info").textContent = "page " + (state.page + 1) + " of " +
    pagesCount() + " \u00b7 " + viewLength() + " of " + INDEX.total + " claims";
  document.querySelectorAll("#claims-table th[data-col]").forEach(th => {
    const c = Number(th.dataset.col);
    const sorted = view !== null && c === state.column;
    th.className = sorted ? (state.descending ? "sorted-desc" : "sorted-asc") : "";
  });
}

function toggle(claimId) {
  if (state.open.has(claimId)) state.open.delete(claimId); else state.open.add(claimId);
  render();
}

// The chunk that holds `claimId`: chunks are in claim order (decisions.csv is sorted by
// claim_id), so the last chunk whose first claim is not above it; every chunk otherwise.
async function locate(claimId) {
  let low = 0, high = INDEX.chunks - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (INDEX.first[middle] <= claimId) low = middle; else high = middle - 1;
  }
  const candidates = [low];
  for (let number = 0; number < INDEX.chunks; number++) if (number !== low) candidates.push(number);
  for (const number of candidates) {
    const index = (await chunk(number)).rows.findIndex(row => row[0] === claimId);
    if (index >= 0) return number * INDEX.per_chunk + index;
  }
  return -1;
}

// A deep link (#claim=ID): the claim's page in claim order, its derivation open, the row
// highlighted and scrolled into view.
async function showClaim(claimId) {
  const at = await locate(claimId);
  if (at < 0) { status("no claim " + claimId + " in this run"); return; }
  ++generation;
  state.query = ""; state.column = 0; state.descending = false; view = null;
  document.getElementById("claims-search").value = "";
  state.page = Math.floor(at / PAGE_ROWS);
  state.open.add(claimId);
  state.highlight = claimId;
  await render();
  const row = [...document.querySelectorAll("#claims-body tr.claim-row")]
    .find(tr => tr.dataset.claim === claimId);
  if (row) row.scrollIntoView({ block: "center" });
}

function linkedClaim() {
  if (!location.hash.startsWith("#claim=")) return null;
  const raw = location.hash.slice(7);
  try { return decodeURIComponent(raw); } catch (error) { return raw; }
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
  state.page = Math.min(pagesCount() - 1, state.page + 1); render();
});
document.querySelectorAll("a.claim-link").forEach(a => {
  // The same link again does not change the address: no hashchange, so open it here.
  a.addEventListener("click", () => {
    if (location.hash === a.getAttribute("href")) showClaim(a.dataset.claim);
  });
});
window.addEventListener("hashchange", () => {
  const claimId = linkedClaim();
  if (claimId !== null) showClaim(claimId);
});
const firstClaim = linkedClaim();
if (firstClaim !== null) showClaim(firstClaim); else render();
)JS";
}

}  // namespace kanzai::tools
