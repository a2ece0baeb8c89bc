// paynorm mapping preview: raw payload in, unified output out, with the provenance of every field.
// State (provider, resource, options, payload or example name, view) lives in the URL hash.
// paynorm itself runs in a Web Worker (worker.js): the page never blocks on a big payload, shows
// a busy state with the stage and elapsed time, and replaces a running job when the input changes.
// The page is a static site: every file it loads is relative to this one (npm run build:www).
import {
  JsonSyntaxError,
  absolutePath,
  parentPath,
  parseJson,
  renderRawWithMark,
  renderSource,
  renderValue,
} from "./json-view.js";

const $ = (id) => document.getElementById(id);
const ui = {
  provider: $("provider"),
  resource: $("resource"),
  example: $("example"),
  remoteData: $("remote-data"),
  exclude: $("exclude"),
  input: $("input"),
  source: $("source"),
  sourceNote: $("source-note"),
  paneInput: $("pane-input"),
  panes: $("panes"),
  showInput: $("show-input"),
  showOutput: $("show-output"),
  edit: $("edit"),
  summary: $("summary"),
  rerun: $("rerun"),
  busy: $("busy"),
  busyText: $("busy-text"),
  cancel: $("cancel"),
  copy: $("copy"),
  download: $("download"),
  outputStatus: $("output-status"),
  error: $("error"),
  fields: $("fields"),
  resultJson: $("result-json"),
  inspectorBody: $("inspector-body"),
  inspectorEmpty: $("inspector-empty"),
  coverage: $("coverage"),
  share: $("share"),
  shareStatus: $("share-status"),
  file: $("file"),
  dropzone: $("dropzone"),
  fieldNames: $("field-names"),
  inputNote: $("input-error-note"),
};

/** Provider name -> label ("Checkout.com"), from the registry (`providers()`) at start. */
const PROVIDER_LABEL = {};
/** Providers whose webhooks are verified with a username and password (`webhook_secret: "basic"`). */
const BASIC_AUTH = new Set();
const RESOURCES = ["customers", "orders", "payments"];
/**
 * Inputs longer than this (characters) stay out of the text box and the highlighted view: laying
 * out either takes the main thread about 0.6 s per 400 KB here (contended), so they get the size
 * + excerpt view instead.
 */
const SOURCE_LIMIT = 500_000;
/** Inputs longer than this show the busy state at once (smaller ones only if a job takes > 150 ms). */
const BIG_INPUT = 200_000;
/** The compressed payload goes into the URL only up to this many characters. */
const URL_DATA_LIMIT = 100_000;
/** List rows rendered at a time ("Show more" adds as many again). */
const PAGE_ROWS = 250;
/** The compact list's columns per resource (paths into each unified item). */
const LIST_COLUMNS = {
  customers: ["id", "name", "email", "phone"],
  orders: ["id", "status", "amount", "currency"],
  payments: ["id", "status", "amount", "currency"],
};

const state = { example: "", view: "preview", mode: "normalize" };
let examples = [];
const exampleText = new Map();
let sourceIndex = new Map();
let sourceFor = null; // the text the source view shows (it is rendered on demand)
let explanation = null;
let outputJson = null; // the unified JSON text of the current result
let pinned = null; // the field button clicked (stays selected until Escape or another click)
let coverageRows = [];
/**
 * A payload longer than SOURCE_LIMIT is kept here, never in the textarea: Chromium takes seconds
 * to lay out a text box holding megabytes (4.5 s for 5.5 MB, measured here, contended), which was
 * most of the freeze a big paste caused. The input pane then shows its size and an excerpt.
 */
let bigText = null;
const inputText = () => bigText ?? ui.input.value;

// ---------------------------------------------------------------- the worker

let worker = null;
let current = null; // the explain job running: {id, text, size, t0, stage}
let jobSeq = 0;
let replaced = 0;
const waiting = new Map(); // id -> resolve, for non-explain calls (coverage)
let busyTimer = 0;
let tickTimer = 0;

function spawn() {
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (e) => onMessage(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    fatal(`the worker failed: ${e.message || "it could not load paynorm"}`);
  };
}

function post(job) {
  if (!worker) spawn();
  worker.postMessage(job);
}

/** Asks the worker something that is not an explain job; resolves to its answer. */
function call(kind, extra = {}) {
  const id = ++jobSeq;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    post({ ...extra, id, kind });
  });
}

/** Terminates the worker (a fresh one starts on the next job); its pending answers never come. */
function stopWorker(reason = "stopped") {
  worker?.terminate();
  worker = null;
  for (const [id, w] of waiting) {
    waiting.delete(id);
    w.reject(new Error(reason));
  }
}

/** Starts mapping `text`, replacing (terminating) a job still running. */
function submit(text) {
  if (current) {
    stopWorker("replaced by a newer input");
    replaced += 1;
    document.body.dataset.replaced = String(replaced);
  }
  const fresh = !worker;
  current = { id: ++jobSeq, text, size: new Blob([text]).size, t0: performance.now(), stage: fresh ? "Loading paynorm" : "Mapping" };
  document.body.dataset.job = String(current.id);
  document.body.dataset.state = "busy";
  ui.panes.setAttribute("aria-busy", "true");
  ui.rerun.hidden = true;
  ui.copy.disabled = true; // never copy or download the previous result by mistake
  ui.download.disabled = true;
  clearTimeout(busyTimer);
  busyTimer = setTimeout(showBusy, text.length > BIG_INPUT ? 0 : 150);
  post({ id: current.id, kind: "explain", provider: ui.provider.value, resource: ui.resource.value, text, options: options() });
}

function showBusy() {
  if (!current) return;
  ui.busy.hidden = false;
  if (ui.fields.firstChild || !ui.error.hidden) {
    ui.fields.classList.add("stale");
    ui.error.classList.add("stale");
    ui.summary.textContent = "The previous result is dimmed until the new one is ready.";
  } else {
    ui.summary.textContent = "";
  }
  const tick = () => {
    if (!current) return;
    const s = ((performance.now() - current.t0) / 1000).toFixed(1);
    ui.busyText.textContent = `${current.stage} ${formatSize(current.size)}… ${s} s`;
  };
  tick();
  clearInterval(tickTimer);
  tickTimer = setInterval(tick, 100);
}

function endBusy() {
  clearTimeout(busyTimer);
  clearInterval(tickTimer);
  ui.busy.hidden = true;
  ui.fields.classList.remove("stale");
  ui.error.classList.remove("stale");
  ui.panes.removeAttribute("aria-busy");
}

async function onMessage(msg) {
  const wait = waiting.get(msg.id);
  if (wait) {
    waiting.delete(msg.id);
    if ("ok" in msg) wait.resolve(msg.ok);
    else wait.reject(new Error(msg.fatal ?? "unexpected answer"));
    return;
  }
  if (!current || msg.id !== current.id) return; // a job that was replaced
  if (msg.stage) {
    current.stage = msg.stage === "mapping" ? "Mapping" : msg.stage;
    return;
  }
  const job = current;
  if (msg.fatal) return fatal(msg.fatal);
  if (msg.error) {
    current = null;
    endBusy();
    showError(msg.error, job.text);
    finish(job, "error");
    return;
  }
  current.stage = "Rendering";
  if (!ui.busy.hidden) {
    ui.busyText.textContent = `Rendering ${formatSize(job.size)}…`;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // let it paint
    if (current !== job) return;
  }
  current = null;
  endBusy();
  renderExplanation(msg.ok.explanation, msg.ok.json);
  finish(job, "ok");
}

function finish(job, result) {
  const ms = performance.now() - job.t0;
  document.body.dataset.shown = String(job.id);
  document.body.dataset.state = result;
  document.body.dataset.ms = String(Math.round(ms));
}

function fatal(message) {
  const job = current;
  current = null;
  stopWorker(message);
  endBusy();
  ui.summary.textContent = `The preview failed: ${message}`;
  if (job) finish(job, "failed");
  console.error(message);
}

function cancel() {
  if (!current) return;
  const job = current;
  const s = ((performance.now() - job.t0) / 1000).toFixed(1);
  current = null;
  stopWorker();
  endBusy();
  clearOutput();
  ui.summary.textContent = `Cancelled after ${s} s (${formatSize(job.size)}). Change the input or run it again.`;
  ui.rerun.hidden = false;
  if (document.activeElement === ui.cancel || document.activeElement === document.body) ui.rerun.focus(); // keyboard users keep their place
  finish(job, "cancelled");
}

/** Bytes in decimal units (1 MB = 1,000,000 bytes), as file sizes are usually quoted. */
function formatSize(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

// ---------------------------------------------------------------- running paynorm

function options() {
  const exclude = ui.exclude.value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const opts = {};
  if (!ui.remoteData.checked) opts.remote_data = false;
  if (exclude.length) opts.exclude_fields = exclude;
  return opts;
}

function clearOutput() {
  pinned = null;
  explanation = null;
  outputJson = null;
  clearHighlights();
  showInspector(null);
  ui.error.hidden = true;
  ui.error.replaceChildren();
  delete ui.error.dataset.code;
  delete ui.error.dataset.path;
  ui.input.removeAttribute("aria-invalid");
  ui.inputNote.textContent = "";
  ui.fields.replaceChildren();
  ui.resultJson.textContent = "";
  ui.copy.disabled = true;
  ui.download.disabled = true;
}

function run() {
  const text = inputText();
  sourceFor = null; // the source view is rendered again when it is shown
  const big = bigText !== null;
  ui.edit.disabled = big || !text.trim();
  ui.sourceNote.hidden = !big;
  if (big) showExcerpt([]);
  if (!text.trim()) {
    if (current) {
      stopWorker();
      current = null;
      endBusy();
    }
    clearOutput();
    ui.summary.textContent = "No input yet: paste a payload, drop a file or pick an example.";
    ui.rerun.hidden = true;
    document.body.dataset.state = "empty";
    setRawMode("edit");
    return;
  }
  if (big) setRawMode("big");
  else if (document.activeElement !== ui.input) setRawMode("view");
  submit(text);
}

/** The highlighted source view of the current input, rendered when first needed. */
function ensureSource() {
  const text = inputText();
  if (sourceFor === text) return;
  sourceFor = text;
  sourceIndex = new Map();
  if (!text.trim() || text.length > SOURCE_LIMIT) {
    ui.source.textContent = "";
    return;
  }
  try {
    sourceIndex = renderSource(ui.source, parseJson(text));
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    ui.source.textContent = text; // the error, once paynorm reports it, marks the position
  }
  if (ui.error.dataset.code) markErrorInSource();
}

/** One raw view: the editor ("edit") or the highlighted read-only view ("view"). */
function setRawMode(mode, { focus = false } = {}) {
  if (bigText !== null) mode = "big";
  else if (mode === "view" && (ui.edit.disabled || !ui.input.value.trim())) mode = "edit";
  ui.paneInput.dataset.raw = mode;
  ui.edit.setAttribute("aria-pressed", String(mode === "edit"));
  ui.edit.textContent = mode === "edit" ? "Done" : "Edit";
  if (mode === "view") ensureSource();
  if (focus) (mode === "edit" ? ui.input : ui.source).focus();
}

/** Narrow screens show one pane at a time: the input or the output. */
function setShow(which) {
  ui.panes.dataset.show = which;
  ui.showInput.setAttribute("aria-pressed", String(which === "input"));
  ui.showOutput.setAttribute("aria-pressed", String(which === "output"));
}

let lastError = null; // {error, text} for marking the source view when it is rendered later

function showError(err, text) {
  clearOutput();
  ui.summary.textContent = "paynorm rejected this input.";
  const code = document.createElement("code");
  code.className = "code";
  code.textContent = err.code;
  const msg = document.createElement("p");
  msg.className = "error-message";
  msg.textContent = err.message;
  const head = document.createElement("p");
  head.className = "error-head";
  head.append(document.createTextNode("NormalizeError "), code);
  ui.error.replaceChildren(head, msg);
  ui.error.dataset.code = err.code;
  if (err.path) ui.error.dataset.path = err.path;
  ui.error.hidden = false;

  // Where: the worker located the path (or its nearest parent) in the text; invalid_json says
  // "line L column C".
  let range = err.range;
  let where = null;
  let offset = null;
  if (err.path && range) {
    where = err.at === err.path ? `at ${err.path}` : `${err.path} is not in the input; its parent ${err.at} is highlighted`;
  } else if (err.code === "invalid_json") {
    const m = /line (\d+) column (\d+)/.exec(err.message);
    if (m) {
      const lines = text.split("\n");
      const line = Math.min(Number(m[1]), lines.length);
      offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, Number(m[2]) - 1);
      offset = Math.min(offset, text.length);
      range = [offset, Math.min(offset + 1, text.length)];
      where = `at line ${m[1]}, column ${m[2]}`;
    }
  }
  lastError = { err, text, offset, range };
  if (range) {
    const go = document.createElement("button");
    go.type = "button";
    go.className = "btn btn-small";
    go.textContent = bigText !== null ? "Show it in the input" : "Select it in the editor";
    go.addEventListener("click", () => selectInEditor(range));
    const p = document.createElement("p");
    p.className = "error-where";
    const inView = text.length <= SOURCE_LIMIT;
    p.append(document.createTextNode(`${where[0].toUpperCase()}${where.slice(1)}${inView ? " (marked in the read-only view)" : ""}. `), go);
    ui.error.append(p);
    ui.input.setAttribute("aria-invalid", "true");
    ui.inputNote.textContent = `Error ${err.code} ${where}`;
  }
  if (ui.paneInput.dataset.raw === "view") markErrorInSource();
  if (bigText !== null && range) showExcerpt([range], "is-error");
}

function markErrorInSource() {
  if (!lastError || lastError.text !== inputText() || !ui.error.dataset.code) return;
  const { err, offset } = lastError;
  let target = null;
  if (err.path && err.at) target = sourceIndex.get(err.at)?.el ?? null;
  else if (offset !== null) target = renderRawWithMark(ui.source, lastError.text, offset);
  if (!target) return;
  target.classList.add("is-error");
  target.id = "error-target";
  scrollIntoSource(target);
}

function selectInEditor([start, end]) {
  setShow("input");
  if (bigText !== null) {
    showExcerpt([[start, end]], "is-error");
    return;
  }
  setRawMode("edit");
  ui.input.focus();
  ui.input.setSelectionRange(start, end);
  // Scroll the textarea so the selection is visible (approximate: by line).
  const line = ui.input.value.slice(0, start).split("\n").length - 1;
  const lh = parseFloat(getComputedStyle(ui.input).lineHeight) || 20;
  ui.input.scrollTop = Math.max(0, line * lh - ui.input.clientHeight / 3);
}

function scrollIntoSource(elm) {
  const box = ui.source.getBoundingClientRect();
  const r = elm.getBoundingClientRect();
  if (r.top < box.top || r.bottom > box.bottom) {
    ui.source.scrollTop += r.top - box.top - box.height / 3;
  }
}

// ---------------------------------------------------------------- the unified output

function renderExplanation(ex, json) {
  clearOutput();
  lastError = null;
  explanation = ex;
  outputJson = json;
  const auto = ui.provider.value === "auto" || ui.resource.value === "auto";
  const shape = ex.list ? `list of ${ex.items.length}` : "single object";
  ui.summary.textContent = `${PROVIDER_LABEL[ex.provider] ?? ex.provider} · ${ex.resource} · ${shape}${auto ? " (auto-detected)" : ""}`;
  ui.summary.dataset.provider = ex.provider;
  ui.summary.dataset.resource = ex.resource;
  ui.resultJson.textContent = json;
  ui.copy.disabled = false;
  ui.download.disabled = false;
  if (ex.list) renderList(ex);
  else ui.fields.replaceChildren(renderItem(ex, 0, ex.result, "h3"));
}

/** One item's field rows (every unified field, then remote_data). */
function renderItem(ex, n, out, headTag) {
  const item = ex.items[n];
  const group = document.createElement("section");
  group.className = "item";
  const h = document.createElement(headTag);
  h.className = "item-head";
  h.textContent = ex.list ? `result[${n}] ← ${item.path}` : `${ex.resource.replace(/s$/, "")} ← ${item.path}`;
  group.append(h);
  const list = document.createElement("ul");
  list.className = "field-list";
  for (const f of item.fields) list.append(fieldRow(ex, n, item, f, out ?? {}));
  if (out && "remote_data" in out) list.append(remoteDataRow(ex, n, item, out.remote_data));
  group.append(list);
  return group;
}

/** A list: a compact table (one row per item), an item's fields expanded on demand. */
function renderList(ex) {
  const results = ex.result.result;
  const columns = LIST_COLUMNS[ex.resource] ?? ["id"];
  const frag = document.createDocumentFragment();
  const cursor = document.createElement("p");
  cursor.className = "cursor";
  cursor.append("next_cursor: ", renderValue(ex.result.next_cursor));
  frag.append(cursor);

  const wrap = document.createElement("div");
  wrap.className = "list-wrap";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", `result: ${results.length} ${ex.resource}`);
  const table = document.createElement("table");
  table.className = "items";
  table.setAttribute("role", "table");
  const cap = document.createElement("caption");
  cap.className = "visually-hidden";
  cap.textContent = `${results.length} ${ex.resource}; expand a row for all its fields and their sources`;
  const thead = document.createElement("thead");
  const hr = document.createElement("tr");
  hr.setAttribute("role", "row");
  for (const c of ["#", ...columns]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.setAttribute("role", "columnheader");
    th.textContent = c;
    hr.append(th);
  }
  thead.append(hr);
  const tbody = document.createElement("tbody");
  thead.setAttribute("role", "rowgroup");
  tbody.setAttribute("role", "rowgroup");
  table.append(cap, thead, tbody);
  wrap.append(table);
  frag.append(wrap);

  const more = document.createElement("button");
  more.type = "button";
  more.className = "btn more";
  let shown = 0;
  const addRows = () => {
    const end = Math.min(results.length, shown + PAGE_ROWS);
    const rows = document.createDocumentFragment();
    for (let n = shown; n < end; n++) rows.append(...listRow(ex, n, results[n], columns));
    tbody.append(rows);
    shown = end;
    more.hidden = shown >= results.length;
    more.textContent = `Show ${Math.min(PAGE_ROWS, results.length - shown)} more (${shown} of ${results.length} shown)`;
  };
  more.addEventListener("click", () => {
    const first = shown;
    addRows();
    tbody.querySelector(`button.expand[data-item="${first}"]`)?.focus();
  });
  addRows();
  frag.append(more);
  ui.fields.replaceChildren(frag);
}

function listRow(ex, n, out, columns) {
  const tr = document.createElement("tr");
  tr.className = "row";
  tr.setAttribute("role", "row");
  tr.dataset.item = String(n);
  const td0 = document.createElement("td");
  td0.setAttribute("role", "cell");
  const b = document.createElement("button");
  b.type = "button";
  b.className = "expand";
  b.dataset.item = String(n);
  b.setAttribute("aria-expanded", "false");
  b.setAttribute("aria-controls", `item-${n}`);
  b.setAttribute("aria-label", `result[${n}]: show its fields`);
  b.textContent = String(n);
  td0.append(b);
  tr.append(td0);
  for (const c of columns) {
    const td = document.createElement("td");
    td.setAttribute("role", "cell");
    td.dataset.col = c;
    const v = out?.[c];
    if (v === null || v === undefined) td.append(spanText("null", "jv-null"));
    else td.textContent = String(v);
    if (c === "status") td.className = `st st-${v}`;
    tr.append(td);
  }
  const detail = document.createElement("tr");
  detail.className = "detail";
  detail.setAttribute("role", "row");
  detail.id = `item-${n}`;
  detail.hidden = true;
  const td = document.createElement("td");
  td.setAttribute("role", "cell");
  td.colSpan = columns.length + 1;
  detail.append(td);
  b.addEventListener("click", () => {
    const open = b.getAttribute("aria-expanded") !== "true";
    b.setAttribute("aria-expanded", String(open));
    if (open && !td.firstChild) td.append(renderItem(ex, n, out, "h4"));
    detail.hidden = !open;
    tr.classList.toggle("open", open);
  });
  return [tr, detail];
}

function fieldRow(ex, n, item, f, out) {
  const excluded = !(f.field in out);
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.className = "field";
  b.dataset.item = String(n);
  b.dataset.field = f.field;
  const state = !f.supported ? "unsupported" : excluded ? "excluded" : f.sources.length === 0 ? "absent" : "mapped";
  b.dataset.state = state;
  b.setAttribute("aria-pressed", "false");

  const name = document.createElement("span");
  name.className = "f-name";
  name.textContent = f.field;
  const val = document.createElement("span");
  val.className = "f-value";
  if (excluded) val.append(spanText("excluded by exclude_fields", "f-note"));
  else val.append(renderValue(out[f.field]));
  b.append(name, val);

  const badge = badgeFor(ex, f, state);
  if (badge) b.append(badge);
  if (f.decision) {
    const d = document.createElement("span");
    d.className = "f-decision";
    d.append(spanText("why: ", "f-why"), f.decision);
    b.append(d);
  }
  b._info = { item, f, excluded, state };
  li.append(b);
  return li;
}

function remoteDataRow(ex, n, item, raw) {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.className = "field";
  b.dataset.item = String(n);
  b.dataset.field = "remote_data";
  b.dataset.state = "mapped";
  b.setAttribute("aria-pressed", "false");
  const name = spanText("remote_data", "f-name");
  const keys = raw && typeof raw === "object" ? Object.keys(raw).length : 0;
  const val = spanText(`{…} the raw object as given (${keys} keys; see Unified JSON below)`, "f-value f-note");
  b.append(name, val);
  b._info = {
    item,
    f: {
      field: "remote_data",
      value: null,
      supported: true,
      sources: [item.path],
      candidates: [],
      rule: "the raw object exactly as given (turn off with remote_data: false)",
      decision: null,
    },
    excluded: false,
    state: "mapped",
  };
  li.append(b);
  return li;
}

function badgeFor(ex, f, state) {
  const text = {
    unsupported: `not supplied by ${PROVIDER_LABEL[ex.provider] ?? ex.provider}`,
    absent: "not in this payload",
    excluded: "excluded",
  }[state];
  return text ? spanText(text, `badge badge-${state}`) : null;
}

/** A relative table path as shown: JSON-quoted when a key has spaces or other unusual characters. */
function showKey(rel) {
  return /^[A-Za-z0-9_.\[\]]+$/.test(rel) ? rel : JSON.stringify(rel);
}

function spanText(text, cls) {
  const s = document.createElement("span");
  s.className = cls;
  s.textContent = text;
  return s;
}

// ---------------------------------------------------------------- provenance: highlight + inspector

function clearHighlights() {
  for (const e of ui.source.querySelectorAll(".is-source, .is-error")) e.classList.remove("is-source", "is-error");
}

function select(button, { scroll = true } = {}) {
  clearHighlights();
  const info = button?._info;
  if (!info) {
    showInspector(null);
    return;
  }
  if (ui.paneInput.dataset.raw === "edit" && document.activeElement !== ui.input && ui.input.value.trim()) setRawMode("view");
  if (ui.paneInput.dataset.raw === "view") ensureSource();
  if (bigText !== null && info.f.sources.length) locateBig(info.f.sources);
  let first = null; // the highlighted source that comes first in the input
  for (const p of info.f.sources) {
    const hit = sourceIndex.get(p);
    if (hit) {
      hit.el.classList.add("is-source");
      if (!first || hit.start < first.start) first = hit;
    }
  }
  first = first?.el;
  if (first && scroll) scrollIntoSource(first);
  showInspector(info);
}

let locateSeq = 0;
/** Big inputs: the worker finds the raw sources (it keeps the text), the excerpt marks them. */
function locateBig(paths) {
  const seq = ++locateSeq;
  const text = bigText;
  call("locate", { paths })
    .then((ranges) => {
      if (seq !== locateSeq || bigText !== text) return;
      showExcerpt(ranges.filter(Boolean).sort((a, b) => a[0] - b[0]));
    })
    .catch(() => {}); // a newer input replaced the worker
}

function showInspector(info, target = { body: ui.inspectorBody, empty: ui.inspectorEmpty, ex: explanation }) {
  const explanation = target.ex;
  target.empty.hidden = !!info;
  target.body.hidden = !info;
  if (!info) {
    target.body.replaceChildren();
    return;
  }
  const { item, f, excluded, state } = info;
  const provider = explanation ? (PROVIDER_LABEL[explanation.provider] ?? explanation.provider) : "";
  const body = document.createDocumentFragment();
  const title = document.createElement("p");
  title.className = "insp-title";
  const what = explanation ? explanation.resource.replace(/s$/, "") : "object";
  title.append(spanText(f.field, "insp-field"), ` — unified ${what} read from ${item.path}`);
  body.append(title);

  const dl = document.createElement("dl");
  dl.className = "insp";
  const row = (k, v) => {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.append(v);
    dl.append(dt, dd);
  };
  const statusText = {
    unsupported: `not supplied by ${provider}: always null`,
    absent: "supplied by the provider, but none of its raw fields is in this payload",
    excluded: "mapped, then dropped by exclude_fields",
    mapped: "mapped",
  }[state];
  row("status", statusText);
  row("rule", f.rule);
  if (f.sources.length) {
    const ul = document.createElement("ul");
    ul.className = "insp-sources";
    for (const p of f.sources) {
      const li = document.createElement("li");
      li.append(spanText(p, "path"));
      ul.append(li);
    }
    row(f.sources.length === 1 ? "raw source" : "raw sources", ul);
  } else if (f.supported) {
    row("raw sources", "none present");
  }
  if (f.candidates?.length) {
    const text = f.candidates
      .map((c) => `${showKey(c)}${f.sources.includes(absolutePath(item.path, c)) ? "" : " (absent)"}`)
      .join(" › ");
    row("reads, in order", text);
  }
  if (f.decision) row("decision", f.decision);
  if (excluded) row("note", "excluded from the output by exclude_fields");
  body.append(dl);
  target.body.replaceChildren(body);
}

function fieldFrom(target) {
  return target instanceof Element ? target.closest("button.field") : null;
}

ui.fields.addEventListener("mouseover", (e) => {
  const b = fieldFrom(e.target);
  if (b) select(b, { scroll: true });
});
ui.fields.addEventListener("mouseleave", () => select(pinned ?? document.activeElement?.closest?.("button.field") ?? null, { scroll: false }));
ui.fields.addEventListener("focusin", (e) => {
  const b = fieldFrom(e.target);
  if (b) select(b);
});
ui.fields.addEventListener("focusout", (e) => {
  if (!ui.fields.contains(e.relatedTarget)) select(pinned);
});
ui.fields.addEventListener("click", (e) => {
  const b = fieldFrom(e.target);
  if (!b) return;
  if (pinned) pinned.setAttribute("aria-pressed", "false");
  pinned = pinned === b ? null : b;
  if (pinned) pinned.setAttribute("aria-pressed", "true");
  select(b);
});
ui.fields.addEventListener("keydown", (e) => {
  const b = fieldFrom(e.target);
  if (!b) return;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    const all = [...ui.fields.querySelectorAll("button.field")];
    const next = all[all.indexOf(b) + (e.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  } else if (e.key === "Escape") {
    if (pinned) pinned.setAttribute("aria-pressed", "false");
    pinned = null;
    select(null);
  }
});

// ---------------------------------------------------------------- coverage matrix

function renderCoverage() {
  const providers = [...new Set(coverageRows.map((r) => r.provider))];
  const frag = document.createDocumentFragment();
  for (const resource of RESOURCES) {
    const rows = coverageRows.filter((r) => r.resource === resource);
    const fields = [...new Set(rows.map((r) => r.field))];
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-labelledby", `cov-${resource}`);
    const table = document.createElement("table");
    table.className = "coverage";
    table.setAttribute("role", "table");
    const cap = document.createElement("caption");
    cap.id = `cov-${resource}`;
    cap.textContent = resource;
    const thead = document.createElement("thead");
    const hr = document.createElement("tr");
    hr.setAttribute("role", "row");
    const th0 = document.createElement("th");
    th0.scope = "col";
    th0.setAttribute("role", "columnheader");
    th0.textContent = "field";
    hr.append(th0);
    for (const p of providers) {
      const th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("role", "columnheader");
      th.textContent = PROVIDER_LABEL[p] ?? p;
      hr.append(th);
    }
    thead.append(hr);
    const tbody = document.createElement("tbody");
    for (const field of fields) {
      const tr = document.createElement("tr");
      tr.setAttribute("role", "row");
      const th = document.createElement("th");
      th.scope = "row";
      th.setAttribute("role", "rowheader");
      th.append(spanText(field, "path"));
      tr.append(th);
      for (const p of providers) {
        const td = document.createElement("td");
        const r = rows.find((x) => x.provider === p && x.field === field);
        td.dataset.provider = p;
        td.dataset.field = field;
        td.dataset.label = PROVIDER_LABEL[p] ?? p;
        td.setAttribute("role", "cell");
        if (!r) {
          td.className = "cov-na";
          td.dataset.support = "n/a";
          td.append(spanText("n/a", "cov-mark"), spanText(` ${PROVIDER_LABEL[p] ?? p} has no ${resource}`, "visually-hidden"));
        } else if (!r.supported) {
          td.className = "cov-none";
          td.dataset.support = "none";
          td.append(spanText("—", "cov-mark"), spanText(" not supplied", "cov-note"));
        } else {
          td.className = "cov-yes";
          td.dataset.support = "yes";
          const src = document.createElement("span");
          src.className = "cov-sources";
          r.sources.forEach((s, n) => {
            if (n) src.append(spanText(" › ", "cov-sep"));
            src.append(spanText(showKey(s), "path"));
          });
          td.append(src, spanText(r.rule, "cov-rule"));
        }
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(cap, thead, tbody);
    wrap.append(table);
    frag.append(wrap);
  }
  ui.coverage.replaceChildren(frag);
}

// ---------------------------------------------------------------- views (tabs)

const tabs = [$("tab-preview"), $("tab-coverage"), $("tab-events")];
const VIEWS = ["preview", "coverage", "events"];
function setView(view, { focus = false } = {}) {
  state.view = view;
  // The Preview tab shows the normalize view or the webhook view, by mode.
  $("tab-preview").setAttribute("aria-controls", state.mode === "webhook" ? "view-webhook" : "view-preview");
  const skip = document.querySelector(".skip");
  skip.href = state.mode === "webhook" ? "#wh-output-heading" : "#output-heading";
  skip.textContent = state.mode === "webhook" ? "Skip to unified event" : "Skip to unified output";
  for (const id of ["view-preview", "view-webhook", "view-coverage", "view-events"]) $(id).hidden = true;
  for (const t of tabs) {
    const on = t.id === `tab-${view}`;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    if (on) $(t.getAttribute("aria-controls")).hidden = false;
    if (on && focus) t.focus();
  }
  if (view === "coverage") renderCoverage();
  if (view === "events") renderEventTypes();
}
// The skip link focuses its heading without navigating: the URL's hash holds the page state, and
// following "#output-heading" would replace it (hashchange) and reset the page.
document.querySelector(".skip").addEventListener("click", (e) => {
  e.preventDefault();
  const target = document.querySelector(e.currentTarget.getAttribute("href"));
  target?.scrollIntoView({ block: "start" });
  target?.focus();
});
for (const t of tabs) {
  t.addEventListener("click", () => {
    setView(t.id.slice(4));
    saveUrl();
  });
  t.addEventListener("keydown", (e) => {
    const i = tabs.indexOf(t);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setView(tabs[(next + tabs.length) % tabs.length].id.slice(4), { focus: true });
    saveUrl();
  });
}

// ---------------------------------------------------------------- URL state

function b64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function unb64url(text) {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return b64url(new Uint8Array(await new Response(stream).arrayBuffer()));
}
async function unpack(data) {
  const stream = new Blob([unb64url(data)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

let saveSeq = 0;
async function saveUrl() {
  const seq = ++saveSeq;
  const q = new URLSearchParams();
  if (ui.provider.value !== "auto") q.set("provider", ui.provider.value);
  if (ui.resource.value !== "auto") q.set("resource", ui.resource.value);
  if (!ui.remoteData.checked) q.set("remote_data", "0");
  const exclude = options().exclude_fields;
  if (exclude) q.set("exclude", exclude.join(","));
  let tooBig = false;
  if (state.example) q.set("example", state.example);
  else if (inputText()) {
    const data = inputText().length > URL_DATA_LIMIT * 20 ? "" : await pack(inputText());
    if (data && data.length <= URL_DATA_LIMIT) q.set("data", data);
    else tooBig = true;
  }
  if (state.view !== "preview") q.set("view", state.view);
  // Webhook mode: provider, example or body, tolerance and now. Never the secrets, credentials or
  // headers (a Juspay Authorization header is the password).
  if (state.mode === "webhook") q.set("mode", "webhook");
  if (wh.provider.value !== "auto") q.set("wh_provider", wh.provider.value);
  if (whState.example) q.set("wh_example", whState.example);
  else if (wh.input.value && wh.input.value.length <= URL_DATA_LIMIT * 20) {
    const data = await pack(wh.input.value);
    if (data.length <= URL_DATA_LIMIT) q.set("wh_data", data);
    else if (state.mode === "webhook") tooBig = true;
  }
  if (wh.tolerance.value.trim() && wh.tolerance.value.trim() !== "0") q.set("tolerance", wh.tolerance.value.trim());
  if (wh.now.value.trim()) q.set("now", wh.now.value.trim());
  if (seq !== saveSeq) return; // a newer save superseded this one while compressing
  const hash = q.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
  document.body.dataset.saved = String(seq);
  document.body.dataset.urlHasData = String(q.has("data"));
  return { tooBig };
}

async function loadUrl() {
  const q = new URLSearchParams(location.hash.slice(1));
  const pick = (sel, v) => {
    sel.value = [...sel.options].some((o) => o.value === v) ? v : "auto";
  };
  pick(ui.provider, q.get("provider") ?? "auto");
  pick(ui.resource, q.get("resource") ?? "auto");
  ui.remoteData.checked = q.get("remote_data") !== "0";
  ui.exclude.value = (q.get("exclude") ?? "").split(",").filter(Boolean).join(", ");
  state.mode = q.get("mode") === "webhook" ? "webhook" : "normalize";
  $(`mode-${state.mode}`).checked = true;
  setView(VIEWS.includes(q.get("view")) ? q.get("view") : "preview");
  await loadWebhookUrl(q);
  let text = null;
  let example = "";
  if (q.has("data")) {
    try {
      text = await unpack(q.get("data"));
    } catch {
      text = "";
      ui.summary.textContent = "The payload in this link is damaged and could not be restored.";
    }
  } else if (q.has("example") && examples.some((x) => x.name === q.get("example"))) {
    example = q.get("example");
  } else if (!q.has("example") && !location.hash) {
    example = examples.some((x) => x.name === "stripe/payments") ? "stripe/payments" : (examples.find((x) => x.resource !== "webhook")?.name ?? "");
  }
  if (example) text = await loadExample(example);
  state.example = example;
  ui.example.value = example;
  putText(text ?? "");
}

// ---------------------------------------------------------------- examples, input, files

async function loadExample(name) {
  if (!exampleText.has(name)) {
    const x = examples.find((e) => e.name === name);
    const res = await fetch(x.url);
    if (!res.ok) throw new Error(`could not load example ${name}: HTTP ${res.status}`);
    exampleText.set(name, await res.text());
  }
  return exampleText.get(name);
}

async function loadExamples() {
  try {
    const res = await fetch("examples/index.json");
    examples = res.ok ? await res.json() : [];
  } catch {
    examples = [];
  }
  const groups = new Map();
  for (const x of examples.filter((e) => e.resource === "webhook")) {
    const o = document.createElement("option");
    o.value = x.name;
    o.textContent = `${PROVIDER_LABEL[x.provider] ?? x.provider} event`;
    wh.example.append(o);
  }
  for (const x of examples.filter((e) => e.resource !== "webhook")) {
    if (!groups.has(x.provider)) {
      const g = document.createElement("optgroup");
      g.label = PROVIDER_LABEL[x.provider] ?? x.provider;
      groups.set(x.provider, g);
      ui.example.append(g);
    }
    const o = document.createElement("option");
    o.value = x.name;
    o.textContent = `${x.provider} ${x.resource}`;
    groups.get(x.provider).append(o);
  }
}

function updateFieldNames() {
  const names = [...new Set(coverageRows.map((r) => r.field)), "remote_data", "customer.id", "customer.name", "customer.email", "customer.phone"];
  ui.fieldNames.replaceChildren(
    ...names.map((n) => {
      const o = document.createElement("option");
      o.value = n;
      return o;
    }),
  );
}

/** Puts a payload in the editor, or, when it is big, in memory with an excerpt shown. */
function putText(text) {
  if (text.length > SOURCE_LIMIT) {
    bigText = text;
    ui.input.value = "";
  } else {
    bigText = null;
    ui.input.value = text;
  }
}

/**
 * The big-input excerpt: the first characters, or the ones around `ranges` ([start, end) offsets,
 * sorted) with each range marked (`cls`: is-source for provenance, is-error for an error).
 */
function showExcerpt(ranges, cls = "is-source") {
  const text = bigText ?? "";
  const pre = $("excerpt");
  $("big-size").textContent = `${formatSize(new Blob([text]).size)} (${text.length.toLocaleString("en")} characters)`;
  if (!ranges.length) {
    const to = Math.min(text.length, 3000);
    pre.replaceChildren(text.slice(0, to), to < text.length ? "…" : "");
    $("excerpt-label").textContent = `The first ${to.toLocaleString("en")} characters:`;
    return;
  }
  const from = Math.max(0, ranges[0][0] - 1500);
  const to = Math.min(text.length, Math.max(...ranges.map((r) => r[1])) + 1500, from + 12_000);
  const parts = [from > 0 ? "…" : ""];
  let at = from;
  let first = null;
  for (const [start, end] of ranges) {
    if (start < at || end > to) continue; // overlapping or outside the window
    parts.push(text.slice(at, start));
    const mark = document.createElement("mark");
    mark.className = `excerpt-mark ${cls}`;
    mark.textContent = text.slice(start, end);
    parts.push(mark);
    first ??= mark;
    at = end;
  }
  parts.push(text.slice(at, to), to < text.length ? "…" : "");
  pre.replaceChildren(...parts);
  const what = cls === "is-error" ? "the error" : "the raw source";
  $("excerpt-label").textContent = `Characters ${(from + 1).toLocaleString("en")}–${to.toLocaleString("en")}, ${what} marked:`;
  if (first) {
    const box = pre.getBoundingClientRect();
    const r = first.getBoundingClientRect();
    pre.scrollTop += r.top - box.top - box.height / 3;
  }
}

function setInput(text, example = "") {
  putText(text);
  state.example = example;
  ui.example.value = example;
  if (text.trim()) setShow("output");
  changed();
}

let timer = 0;
function changed({ debounce = false } = {}) {
  clearTimeout(timer);
  const go = () => {
    run();
    saveUrl();
  };
  if (debounce) timer = setTimeout(go, 200);
  else go();
}

// A big paste goes to memory, not into the text box (see bigText).
ui.input.addEventListener("paste", (e) => {
  const text = e.clipboardData?.getData("text/plain");
  if (!text || text.length <= SOURCE_LIMIT) return;
  e.preventDefault();
  e.stopPropagation();
  setInput(text);
});
ui.input.addEventListener("input", () => {
  bigText = null;
  if (state.example && ui.input.value !== exampleText.get(state.example)) {
    state.example = "";
    ui.example.value = "";
  }
  changed({ debounce: true });
});
for (const c of [ui.provider, ui.resource, ui.remoteData]) c.addEventListener("change", () => changed());
ui.exclude.addEventListener("input", () => changed({ debounce: true }));
$("controls").addEventListener("submit", (e) => e.preventDefault());
ui.example.addEventListener("change", async () => {
  const name = ui.example.value;
  if (!name) {
    state.example = "";
    changed();
    return;
  }
  setInput(await loadExample(name), name);
});

$("open-file").addEventListener("click", () => ui.file.click());
ui.file.addEventListener("change", async () => {
  const f = ui.file.files?.[0];
  if (f) setInput(await f.text());
  ui.file.value = "";
});
$("format").addEventListener("click", () => {
  try {
    const text = JSON.stringify(JSON.parse(inputText()), null, 2);
    if (text !== inputText()) setInput(text, state.example);
  } catch {
    /* invalid JSON stays as it is; the error is already shown */
  }
});
ui.dropzone.addEventListener("dragover", (e) => {
  e.preventDefault();
  ui.dropzone.classList.add("dragging");
});
ui.dropzone.addEventListener("dragleave", () => ui.dropzone.classList.remove("dragging"));
ui.dropzone.addEventListener("drop", async (e) => {
  e.preventDefault();
  ui.dropzone.classList.remove("dragging");
  const f = e.dataTransfer?.files?.[0];
  if (f) setInput(await f.text());
  else if (e.dataTransfer?.getData("text/plain")) setInput(e.dataTransfer.getData("text/plain"));
});

ui.share.addEventListener("click", async () => {
  const { tooBig } = (await saveUrl()) ?? {};
  const note = tooBig ? " The payload is too big for a link: it holds the settings only." : "";
  try {
    await navigator.clipboard.writeText(location.href);
    ui.shareStatus.textContent = `Link copied.${note}`;
  } catch {
    ui.shareStatus.textContent = `The address bar holds the share link.${note}`;
  }
  setTimeout(() => (ui.shareStatus.textContent = ""), 4000);
});

window.addEventListener("hashchange", async () => {
  await loadUrl();
  run();
  runWebhook();
});

// ---------------------------------------------------------------- webhook mode

// parseWebhook on the pasted event body (provider or auto), the event shown with `data` in the
// unified-object view; optionally verifyWebhook on the exact same text. Both run in the worker
// ("webhook" job). Secrets and headers live in these inputs only: never in the URL or storage.
const wh = {
  provider: $("wh-provider"),
  example: $("wh-example"),
  input: $("wh-input"),
  headers: $("wh-headers"),
  secrets: $("wh-secrets"),
  secretsCtl: $("wh-secrets-ctl"),
  basic: $("wh-basic"),
  username: $("wh-username"),
  password: $("wh-password"),
  tolerance: $("wh-tolerance"),
  now: $("wh-now"),
  verdict: $("wh-verdict"),
  summary: $("wh-summary"),
  error: $("wh-error"),
  event: $("wh-event"),
  fields: $("wh-fields"),
  json: $("wh-json"),
  where: $("wh-where"),
  whereLabel: $("wh-where-label"),
  source: $("wh-source"),
  inspector: $("wh-inspector"),
  inspectorBody: $("wh-inspector-body"),
  inspectorEmpty: $("wh-inspector-empty"),
  inputNote: $("wh-input-error-note"),
};
const whState = { example: "", seq: 0, last: null, sourceFor: null, sourceIndex: new Map(), pinned: null };

function setMode(mode) {
  state.mode = mode;
  $(`mode-${mode}`).checked = true;
  setView(state.view === "coverage" || state.view === "events" ? state.view : "preview");
  if (mode === "webhook" && !wh.input.value.trim() && !whState.example) {
    const first = examples.find((x) => x.name === "stripe/webhook") ?? examples.find((x) => x.resource === "webhook");
    if (first) return pickWebhookExample(first.name);
  }
  runWebhook();
  saveUrl();
}
for (const r of document.querySelectorAll('input[name="mode"]')) r.addEventListener("change", () => r.checked && setMode(r.value));

async function loadWebhookUrl(q) {
  const v = q.get("wh_provider") ?? "auto";
  wh.provider.value = [...wh.provider.options].some((o) => o.value === v) ? v : "auto";
  wh.tolerance.value = /^\d+$/.test(q.get("tolerance") ?? "") ? q.get("tolerance") : "0";
  wh.now.value = /^\d+$/.test(q.get("now") ?? "") ? q.get("now") : "";
  let text = "";
  let example = "";
  if (q.has("wh_data")) {
    try {
      text = await unpack(q.get("wh_data"));
    } catch {
      wh.summary.textContent = "The event in this link is damaged and could not be restored.";
    }
  } else if (q.has("wh_example") && examples.some((x) => x.name === q.get("wh_example") && x.resource === "webhook")) {
    example = q.get("wh_example");
    text = await loadExample(example);
  }
  whState.example = example;
  wh.example.value = example;
  wh.input.value = text;
}

/** The header input: `Name: value` lines become a headers object, anything else is the signature header's value. */
function webhookHeaders() {
  const lines = wh.headers.value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return null;
  const named = lines.map((l) => /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(l));
  if (named.every(Boolean)) return Object.fromEntries(named.map((m) => [m[1].toLowerCase(), m[2]]));
  return lines.join(" ");
}

function isBasicAuth() {
  return BASIC_AUTH.has(wh.provider.value) || (wh.provider.value === "auto" && BASIC_AUTH.has(whState.last?.event?.provider));
}

function verifyInput() {
  const secrets = wh.secrets.value.split(/\r?\n/).filter((l) => l.length > 0);
  const basic = wh.username.value || wh.password.value ? { username: wh.username.value, password: wh.password.value } : null;
  const basicAuth = isBasicAuth();
  if (basicAuth ? !basic : !secrets.length) return null;
  const num = (v, dflt) => (v.trim() === "" ? dflt : Number(v));
  return { secrets, basic: basicAuth ? basic : null, tolerance: num(wh.tolerance.value, 0), now: num(wh.now.value, null) };
}

function updateCredentialFields() {
  const basicAuth = isBasicAuth();
  wh.basic.hidden = !basicAuth;
  wh.secretsCtl.hidden = basicAuth;
}

async function runWebhook() {
  updateCredentialFields();
  if (state.mode !== "webhook") return;
  const seq = ++whState.seq;
  document.body.dataset.whJob = String(seq);
  const text = wh.input.value;
  if (!text.trim()) {
    clearWebhook();
    wh.summary.textContent = "No event yet: paste a webhook body, drop a file or pick an example.";
    wh.verdict.dataset.verdict = "none";
    wh.verdict.replaceChildren();
    document.body.dataset.whShown = String(seq);
    document.body.dataset.whState = "empty";
    return;
  }
  let answer;
  // A slow job (a big body, or the WebAssembly still loading) says so; the previous result stays.
  const slow = setTimeout(() => {
    if (seq === whState.seq) wh.summary.textContent = `Reading the event (${formatSize(new Blob([text]).size)})…`;
  }, 150);
  try {
    answer = await call("webhook", { provider: wh.provider.value, text, headers: webhookHeaders(), verify: verifyInput() });
  } catch (e) {
    if (seq !== whState.seq) return;
    clearTimeout(slow);
    wh.summary.textContent = `The preview failed: ${e.message}`;
    document.body.dataset.whShown = String(seq);
    document.body.dataset.whState = "failed";
    return;
  }
  clearTimeout(slow);
  if (seq !== whState.seq) return; // a newer input replaced this one
  whState.last = { ...answer, text };
  renderWebhook(answer, text);
  updateCredentialFields();
  document.body.dataset.whShown = String(seq);
  document.body.dataset.whState = answer.error ? "error" : "ok";
  document.body.dataset.whVerdict = answer.verdict ? (answer.verdict.ok ? "verified" : answer.verdict.code) : "none";
}

function clearWebhook() {
  whState.pinned = null;
  wh.error.hidden = true;
  wh.error.replaceChildren();
  delete wh.error.dataset.code;
  delete wh.error.dataset.path;
  wh.event.hidden = true;
  wh.event.replaceChildren();
  wh.fields.replaceChildren();
  wh.json.textContent = "";
  wh.where.hidden = true;
  wh.inspector.hidden = true;
  wh.input.removeAttribute("aria-invalid");
  wh.inputNote.textContent = "";
  showInspector(null, { body: wh.inspectorBody, empty: wh.inspectorEmpty, ex: null });
}

function renderVerdict(v, unreadable = false) {
  wh.verdict.replaceChildren();
  if (!v && unreadable && verifyInput()) {
    // provider "auto" and paynorm could not read the event: which scheme to check is unknown.
    wh.verdict.dataset.verdict = "none";
    wh.verdict.append(spanText("Signature not checked", "verdict-head"), spanText(": paynorm could not read this event, so its provider is unknown; pick the provider to verify the signature anyway.", "verdict-text"));
    return;
  }
  if (!v) {
    wh.verdict.dataset.verdict = "none";
    wh.verdict.append(spanText("Signature not checked", "verdict-head"), spanText(isBasicAuth() ? ": give the webhook username and password to check its Authorization header." : ": give the signature header and the secret to check it.", "verdict-text"));
    return;
  }
  const who = PROVIDER_LABEL[v.provider] ?? v.provider;
  if (v.ok) {
    wh.verdict.dataset.verdict = "verified";
    wh.verdict.append(spanText("✓ Verified", "verdict-head"), spanText(`: the ${who} signature matches this exact body.`, "verdict-text"));
    return;
  }
  wh.verdict.dataset.verdict = "failed";
  const code = document.createElement("code");
  code.className = "code";
  code.textContent = v.code;
  wh.verdict.append(spanText("✗ Not verified", "verdict-head"), document.createTextNode(` (${who}): `), code, spanText(` ${v.message}`, "verdict-text"));
}

function renderWebhook(answer, text) {
  clearWebhook();
  renderVerdict(answer.verdict, !!answer.error && wh.provider.value === "auto");
  if (answer.error) {
    showWebhookError(answer.error, text);
    return;
  }
  const { event, json, explanation: ex } = answer;
  const auto = wh.provider.value === "auto";
  wh.summary.textContent = `${PROVIDER_LABEL[event.provider] ?? event.provider} event · ${event.type}${auto ? " (auto-detected)" : ""}`;
  wh.summary.dataset.provider = event.provider;
  wh.summary.dataset.type = event.type;
  const row = (k, v) => {
    const dt = document.createElement("dt");
    dt.append(spanText(k, "path"));
    const dd = document.createElement("dd");
    dd.dataset.field = k;
    dd.append(v);
    wh.event.append(dt, dd);
  };
  for (const k of ["id", "type", "provider_type", "provider", "created_at", "resource", "livemode"]) row(k, renderValue(event[k]));
  if (event.previous_attributes !== null && event.previous_attributes !== undefined) {
    const pre = document.createElement("pre");
    pre.className = "prev";
    pre.append(renderValue(event.previous_attributes));
    row("previous_attributes", pre);
  }
  wh.event.hidden = false;
  wh.json.textContent = json;
  if (!event.data) {
    const p = document.createElement("p");
    p.className = "muted";
    p.append(spanText("data", "path"), ": null. This event's object is not a customer, order or payment (a refund, dispute or mandate object), so there is nothing to map.");
    wh.fields.replaceChildren(p);
    return;
  }
  const h = document.createElement("h3");
  h.className = "data-head";
  h.append(spanText("data", "path"), ` (a unified ${event.resource.replace(/s$/, "")}${answer.base ? `, mapped from ${answer.base}` : ""})`);
  if (ex) {
    whState.ex = ex;
    wh.fields.replaceChildren(h, renderItem(ex, 0, event.data, "h4"));
    wh.inspector.hidden = false;
  } else {
    const pre = document.createElement("pre");
    pre.className = "result-json";
    pre.append(renderValue(event.data));
    wh.fields.replaceChildren(h, pre);
  }
}

/** The read-only view of the event body (rendered once per text), shown under the editor. */
function whSource(text, label) {
  if (whState.sourceFor !== text) {
    whState.sourceFor = text;
    whState.sourceIndex = new Map();
    try {
      whState.sourceIndex = renderSource(wh.source, parseJson(text));
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      wh.source.textContent = text;
    }
  }
  for (const e of wh.source.querySelectorAll(".is-source, .is-error")) e.classList.remove("is-source", "is-error");
  wh.whereLabel.textContent = label;
  wh.where.hidden = false;
}

function whScrollTo(elm) {
  const box = wh.source.getBoundingClientRect();
  const r = elm.getBoundingClientRect();
  if (r.top < box.top || r.bottom > box.bottom) wh.source.scrollTop += r.top - box.top - box.height / 3;
}

function showWebhookError(err, text) {
  wh.summary.textContent = "paynorm rejected this event.";
  const code = document.createElement("code");
  code.className = "code";
  code.textContent = err.code;
  const head = document.createElement("p");
  head.className = "error-head";
  head.append(document.createTextNode("NormalizeError "), code);
  const msg = document.createElement("p");
  msg.className = "error-message";
  msg.textContent = err.message;
  wh.error.replaceChildren(head, msg);
  wh.error.dataset.code = err.code;
  if (err.path) wh.error.dataset.path = err.path;
  wh.error.hidden = false;
  let range = err.range;
  let where = null;
  let offset = null;
  if (err.path && range) {
    where = err.at === err.path ? `at ${err.path}` : `${err.path} is not in the event; its parent ${err.at} is highlighted`;
  } else if (err.code === "invalid_json") {
    const m = /line (\d+) column (\d+)/.exec(err.message);
    if (m) {
      const lines = text.split("\n");
      const line = Math.min(Number(m[1]), lines.length);
      offset = Math.min(text.length, lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, Number(m[2]) - 1));
      range = [offset, Math.min(offset + 1, text.length)];
      where = `at line ${m[1]}, column ${m[2]}`;
    }
  }
  if (!range) return;
  const go = document.createElement("button");
  go.type = "button";
  go.className = "btn btn-small";
  go.textContent = "Select it in the editor";
  go.addEventListener("click", () => {
    wh.input.focus();
    wh.input.setSelectionRange(range[0], range[1]);
  });
  const p = document.createElement("p");
  p.className = "error-where";
  p.append(document.createTextNode(`${where[0].toUpperCase()}${where.slice(1)} (marked in the read-only view under the editor). `), go);
  wh.error.append(p);
  wh.input.setAttribute("aria-invalid", "true");
  wh.inputNote.textContent = `Error ${err.code} ${where}`;
  if (text.length > SOURCE_LIMIT) return;
  whSource(text, "Where the error is (read-only view):");
  let target = null;
  if (err.path && err.at) target = whState.sourceIndex.get(err.at)?.el ?? null;
  else if (offset !== null) {
    whState.sourceFor = null; // the raw text with a mark, not the parsed view
    target = renderRawWithMark(wh.source, text, offset);
  }
  if (target) {
    target.classList.add("is-error");
    whScrollTo(target);
  }
}

function whSelect(button) {
  const info = button?._info;
  const target = { body: wh.inspectorBody, empty: wh.inspectorEmpty, ex: whState.ex };
  if (!info || whState.last?.error) {
    showInspector(null, target);
    if (!whState.last?.error) wh.where.hidden = true;
    return;
  }
  const text = wh.input.value;
  if (text.length <= SOURCE_LIMIT) {
    whSource(text, `The raw source of data.${info.f.field} in the event body (read-only view):`);
    let first = null;
    for (const p of info.f.sources) {
      const hit = whState.sourceIndex.get(p);
      if (hit) {
        hit.el.classList.add("is-source");
        if (!first || hit.start < first.start) first = hit;
      }
    }
    if (first) whScrollTo(first.el);
  }
  showInspector(info, target);
}

wh.fields.addEventListener("mouseover", (e) => {
  const b = fieldFrom(e.target);
  if (b) whSelect(b);
});
wh.fields.addEventListener("mouseleave", () => whSelect(whState.pinned ?? document.activeElement?.closest?.("#wh-fields button.field") ?? null));
wh.fields.addEventListener("focusin", (e) => {
  const b = fieldFrom(e.target);
  if (b) whSelect(b);
});
wh.fields.addEventListener("focusout", (e) => {
  if (!wh.fields.contains(e.relatedTarget)) whSelect(whState.pinned);
});
wh.fields.addEventListener("click", (e) => {
  const b = fieldFrom(e.target);
  if (!b) return;
  if (whState.pinned) whState.pinned.setAttribute("aria-pressed", "false");
  whState.pinned = whState.pinned === b ? null : b;
  if (whState.pinned) whState.pinned.setAttribute("aria-pressed", "true");
  whSelect(b);
});
wh.fields.addEventListener("keydown", (e) => {
  const b = fieldFrom(e.target);
  if (!b) return;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    const all = [...wh.fields.querySelectorAll("button.field")];
    const next = all[all.indexOf(b) + (e.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  } else if (e.key === "Escape") {
    if (whState.pinned) whState.pinned.setAttribute("aria-pressed", "false");
    whState.pinned = null;
    whSelect(null);
  }
});

async function pickWebhookExample(name) {
  const text = await loadExample(name);
  setWebhookInput(text, name);
}

function setWebhookInput(text, example = "") {
  wh.input.value = text;
  whState.example = example;
  wh.example.value = example;
  runWebhook();
  saveUrl();
}

let whTimer = 0;
function whChanged({ save = true } = {}) {
  clearTimeout(whTimer);
  whTimer = setTimeout(() => {
    runWebhook();
    if (save) saveUrl();
  }, 200);
}
wh.input.addEventListener("input", () => {
  if (whState.example && wh.input.value !== exampleText.get(whState.example)) {
    whState.example = "";
    wh.example.value = "";
  }
  whChanged();
});
wh.provider.addEventListener("change", () => {
  runWebhook();
  saveUrl();
});
wh.example.addEventListener("change", () => {
  if (wh.example.value) pickWebhookExample(wh.example.value);
  else {
    whState.example = "";
    saveUrl();
  }
});
// Secrets, credentials and headers: re-verify, never saved.
for (const c of [wh.headers, wh.secrets, wh.username, wh.password]) c.addEventListener("input", () => whChanged({ save: false }));
for (const c of [wh.tolerance, wh.now]) c.addEventListener("input", () => whChanged());
for (const f of [$("wh-controls"), $("wh-verify")]) f.addEventListener("submit", (e) => e.preventDefault());
$("wh-open-file").addEventListener("click", () => $("wh-file").click());
$("wh-file").addEventListener("change", async () => {
  const f = $("wh-file").files?.[0];
  if (f) setWebhookInput(await f.text());
  $("wh-file").value = "";
});
const whDrop = $("wh-dropzone");
whDrop.addEventListener("dragover", (e) => {
  e.preventDefault();
  whDrop.classList.add("dragging");
});
whDrop.addEventListener("dragleave", () => whDrop.classList.remove("dragging"));
whDrop.addEventListener("drop", async (e) => {
  e.preventDefault();
  whDrop.classList.remove("dragging");
  const f = e.dataTransfer?.files?.[0];
  if (f) setWebhookInput(await f.text());
  else if (e.dataTransfer?.getData("text/plain")) setWebhookInput(e.dataTransfer.getData("text/plain"));
});

// ---------------------------------------------------------------- event types (eventTypes())

let eventTypeRows = null;
async function renderEventTypes() {
  if (eventTypeRows === null) {
    try {
      eventTypeRows = await call("eventTypes");
    } catch (e) {
      $("events").textContent = `eventTypes() failed: ${e.message}`;
      return;
    }
  }
  const filter = $("ev-filter").value.trim().toLowerCase();
  const providers = [...new Set(eventTypeRows.map((r) => r.provider))];
  const frag = document.createDocumentFragment();
  for (const p of providers) {
    const rows = eventTypeRows.filter((r) => r.provider === p && (!filter || r.provider_type.toLowerCase().includes(filter) || r.type.toLowerCase().includes(filter)));
    const wrap = document.createElement("div");
    wrap.className = "table-wrap ev-wrap";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-labelledby", `ev-${p}`);
    const table = document.createElement("table");
    table.className = "coverage events";
    const cap = document.createElement("caption");
    cap.id = `ev-${p}`;
    cap.textContent = `${PROVIDER_LABEL[p] ?? p} (${rows.length} type${rows.length === 1 ? "" : "s"})`;
    const thead = document.createElement("thead");
    const hr = document.createElement("tr");
    for (const c of ["provider type", "unified type"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = c;
      hr.append(th);
    }
    thead.append(hr);
    const tbody = document.createElement("tbody");
    for (const r of rows) {
      const tr = document.createElement("tr");
      tr.dataset.provider = p;
      tr.dataset.providerType = r.provider_type;
      const th = document.createElement("th");
      th.scope = "row";
      // Line breaks only after "." or "_" in a long type at 375 px.
      const name = spanText("", "path");
      r.provider_type.split(/(?<=[._])/).forEach((part, n) => name.append(...(n ? [document.createElement("wbr")] : []), part));
      th.append(name);
      const td = document.createElement("td");
      td.append(spanText(r.type, r.type === "unknown" ? "path ev-unknown" : "path"));
      tr.append(th, td);
      tbody.append(tr);
    }
    table.append(cap, thead, tbody);
    wrap.append(table);
    frag.append(wrap);
  }
  $("events").replaceChildren(frag);
}
$("ev-filter").addEventListener("input", () => renderEventTypes());

// ---------------------------------------------------------------- start

async function start() {
  ui.summary.textContent = "Loading paynorm (WebAssembly)…";
  let registry;
  [coverageRows, registry] = await Promise.all([call("coverage"), call("providers"), loadExamples()]);
  for (const p of registry) {
    PROVIDER_LABEL[p.name] = p.label;
    if (p.webhook_secret === "basic") BASIC_AUTH.add(p.name);
  }
  // The provider pickers list the registry (index.html holds only "auto").
  for (const select of [$("provider"), $("wh-provider")]) {
    const chosen = select.value;
    select.replaceChildren(new Option("auto", "auto"), ...registry.map((p) => new Option(p.name, p.name)));
    select.value = registry.some((p) => p.name === chosen) ? chosen : "auto";
  }
  updateFieldNames();
  await loadUrl();
  setShow(inputText().trim() ? "output" : "input");
  run();
  if (state.mode === "webhook") runWebhook();
  await saveUrl();
  document.body.dataset.ready = "true";
}

// ---------------------------------------------------------------- raw view, panes, output actions

ui.edit.addEventListener("click", () => setRawMode(ui.paneInput.dataset.raw === "edit" ? "view" : "edit", { focus: true }));
ui.showInput.addEventListener("click", () => setShow("input"));
ui.showOutput.addEventListener("click", () => setShow("output"));
ui.cancel.addEventListener("click", cancel);
$("big-edit").addEventListener("click", () => {
  // The user asked for it: the text box takes seconds to lay this out.
  const text = bigText;
  bigText = null;
  ui.input.value = text ?? "";
  ui.edit.disabled = false;
  ui.sourceNote.hidden = true;
  setRawMode("edit", { focus: true });
});
$("big-clear").addEventListener("click", () => setInput(""));
ui.rerun.addEventListener("click", () => run());
// Paste anywhere that is not a form field replaces the payload (the read-only view has no caret).
document.addEventListener("paste", (e) => {
  if (e.target instanceof Element && e.target.closest("input, textarea, select")) return;
  const text = e.clipboardData?.getData("text/plain");
  if (!text) return;
  e.preventDefault();
  if (state.mode === "webhook") setWebhookInput(text);
  else setInput(text);
});

function flash(text) {
  ui.outputStatus.textContent = text;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => (ui.outputStatus.textContent = ""), 5000);
}

function outputName() {
  return explanation ? `paynorm-${explanation.provider}-${explanation.resource}.json` : "paynorm.json";
}

ui.copy.addEventListener("click", async () => {
  if (outputJson === null) return;
  try {
    await navigator.clipboard.writeText(outputJson);
    flash(`Copied the unified JSON (${formatSize(new Blob([outputJson]).size)}).`);
  } catch {
    // No clipboard permission: select the JSON so the keyboard shortcut copies it.
    $("json-details").open = true;
    getSelection().selectAllChildren(ui.resultJson);
    ui.resultJson.focus();
    flash("The browser refused the clipboard: the JSON is selected, press Ctrl+C (⌘C).");
  }
});

ui.download.addEventListener("click", () => {
  if (outputJson === null) return;
  const url = URL.createObjectURL(new Blob([outputJson + "\n"], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = outputName();
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  flash(`Downloaded ${outputName()}.`);
});

start().catch((err) => {
  ui.summary.textContent = `The preview could not start: ${err.message}`;
  document.body.dataset.ready = "failed";
  console.error(err);
});
