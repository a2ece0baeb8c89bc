// paynorm mapping preview: raw payload in, unified output out, with the provenance of every field.
// State (provider, resource, options, payload or example name, view) lives in the URL hash.
import init, { explain, coverage, NormalizeError } from "./pkg/browser.js";
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
  summary: $("summary"),
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

const PROVIDER_LABEL = { stripe: "Stripe", razorpay: "Razorpay", checkout: "Checkout.com", juspay: "Juspay" };
const RESOURCES = ["customers", "orders", "payments"];

const state = { example: "", view: "preview" };
let examples = [];
const exampleText = new Map();
let sourceIndex = new Map();
let explanation = null;
let pinned = null; // the field button clicked (stays selected until Escape or another click)
let coverageRows = [];

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

function run() {
  const text = ui.input.value;
  pinned = null;
  explanation = null;
  clearHighlights();
  showInspector(null);
  ui.error.hidden = true;
  ui.error.replaceChildren();
  ui.input.removeAttribute("aria-invalid");
  ui.inputNote.textContent = "";
  ui.fields.replaceChildren();
  ui.resultJson.textContent = "";

  // The source view comes from our own position-keeping parse; paynorm's parse decides errors.
  let root = null;
  let syntax = null;
  try {
    if (text.trim()) root = parseJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    syntax = e;
  }
  sourceIndex = root ? renderSource(ui.source, root) : new Map();
  if (!root) ui.source.textContent = "";

  if (!text.trim()) {
    ui.summary.textContent = "No input yet: paste a payload, drop a file or pick an example.";
    document.body.dataset.state = "empty";
    return;
  }
  try {
    explanation = explain(ui.provider.value, ui.resource.value, text, options());
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    showError(e, text, syntax);
    document.body.dataset.state = "error";
    return;
  }
  renderExplanation(explanation);
  document.body.dataset.state = "ok";
}

function showError(e, text, syntax) {
  ui.summary.textContent = "paynorm rejected this input.";
  const code = document.createElement("code");
  code.className = "code";
  code.textContent = e.code;
  const msg = document.createElement("p");
  msg.className = "error-message";
  msg.textContent = e.message;
  const head = document.createElement("p");
  head.className = "error-head";
  head.append(document.createTextNode("NormalizeError "), code);
  ui.error.replaceChildren(head, msg);
  ui.error.dataset.code = e.code;
  ui.error.hidden = false;

  let range = null; // offsets in the textarea to select
  let target = null; // element in the source view
  let where = null;
  if (e.path) {
    ui.error.dataset.path = e.path;
    // The nearest part of the input that exists (a missing field points at its parent object).
    let p = e.path;
    while (p && !sourceIndex.has(p)) p = parentPath(p);
    if (p) {
      const hit = sourceIndex.get(p);
      target = hit.el;
      range = [hit.start, hit.end];
      where = p === e.path ? `at ${e.path}` : `${e.path} is not in the input; its parent ${p} is highlighted`;
    }
  } else {
    delete ui.error.dataset.path;
    // invalid_json: paynorm reports "line L column C"; fall back to our own parser's position.
    const m = /line (\d+) column (\d+)/.exec(e.message);
    let offset = syntax?.offset;
    if (m) {
      const lines = text.split("\n");
      const line = Math.min(Number(m[1]), lines.length);
      offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, Number(m[2]) - 1);
      offset = Math.min(offset, text.length);
    }
    if (e.code === "invalid_json" && offset !== undefined) {
      target = renderRawWithMark(ui.source, text, offset);
      range = [offset, Math.min(offset + 1, text.length)];
      where = m ? `at line ${m[1]}, column ${m[2]}` : `at character ${offset + 1}`;
    }
  }
  if (target) {
    target.classList.add("is-error");
    target.id = "error-target";
    scrollIntoSource(target);
    const go = document.createElement("button");
    go.type = "button";
    go.className = "btn btn-small";
    go.textContent = "Select it in the editor";
    go.addEventListener("click", () => selectInEditor(range));
    const p = document.createElement("p");
    p.className = "error-where";
    p.append(document.createTextNode(`Highlighted in the source view ${where}. `), go);
    ui.error.append(p);
    ui.input.setAttribute("aria-invalid", "true");
    ui.inputNote.textContent = `Error ${e.code} ${where}`;
  }
}

function selectInEditor([start, end]) {
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

function renderExplanation(ex) {
  const auto = ui.provider.value === "auto" || ui.resource.value === "auto";
  const shape = ex.list ? `list of ${ex.items.length}` : "single object";
  ui.summary.textContent = `${PROVIDER_LABEL[ex.provider] ?? ex.provider} · ${ex.resource} · ${shape}${auto ? " (auto-detected)" : ""}`;
  ui.summary.dataset.provider = ex.provider;
  ui.summary.dataset.resource = ex.resource;
  ui.resultJson.textContent = JSON.stringify(ex.result, null, 2);

  const results = ex.list ? ex.result.result : [ex.result];
  const frag = document.createDocumentFragment();
  if (ex.list) {
    const cursor = document.createElement("p");
    cursor.className = "cursor";
    cursor.append("next_cursor: ", renderValue(ex.result.next_cursor));
    frag.append(cursor);
  }
  ex.items.forEach((item, n) => {
    const out = results[n] ?? {};
    const group = document.createElement("section");
    group.className = "item";
    const h = document.createElement("h3");
    h.className = "item-head";
    h.textContent = ex.list ? `result[${n}] ← ${item.path}` : `${ex.resource.replace(/s$/, "")} ← ${item.path}`;
    group.append(h);
    const list = document.createElement("ul");
    list.className = "field-list";
    for (const f of item.fields) list.append(fieldRow(ex, n, item, f, out));
    if ("remote_data" in out) list.append(remoteDataRow(ex, n, item, out.remote_data));
    group.append(list);
    frag.append(group);
  });
  ui.fields.replaceChildren(frag);
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

function showInspector(info) {
  ui.inspectorEmpty.hidden = !!info;
  ui.inspectorBody.hidden = !info;
  if (!info) {
    ui.inspectorBody.replaceChildren();
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
  ui.inspectorBody.replaceChildren(body);
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
  if (!coverageRows.length) coverageRows = coverage();
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

const tabs = [$("tab-preview"), $("tab-coverage")];
function setView(view, { focus = false } = {}) {
  state.view = view;
  for (const t of tabs) {
    const on = t.id === `tab-${view}`;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
    if (on && focus) t.focus();
  }
  if (view === "coverage") renderCoverage();
}
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
  if (state.example) q.set("example", state.example);
  else if (ui.input.value) q.set("data", await pack(ui.input.value));
  if (state.view !== "preview") q.set("view", state.view);
  if (seq !== saveSeq) return; // a newer save superseded this one while compressing
  const hash = q.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
  document.body.dataset.saved = String(seq);
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
  setView(q.get("view") === "coverage" ? "coverage" : "preview");
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
    example = examples.some((x) => x.name === "stripe/payments") ? "stripe/payments" : (examples[0]?.name ?? "");
  }
  if (example) text = await loadExample(example);
  state.example = example;
  ui.example.value = example;
  ui.input.value = text ?? "";
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
  for (const x of examples) {
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
  if (!coverageRows.length) coverageRows = coverage();
  const names = [...new Set(coverageRows.map((r) => r.field)), "remote_data", "customer.id", "customer.name", "customer.email", "customer.phone"];
  ui.fieldNames.replaceChildren(
    ...names.map((n) => {
      const o = document.createElement("option");
      o.value = n;
      return o;
    }),
  );
}

function setInput(text, example = "") {
  ui.input.value = text;
  state.example = example;
  ui.example.value = example;
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

ui.input.addEventListener("input", () => {
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
    const text = JSON.stringify(JSON.parse(ui.input.value), null, 2);
    if (text !== ui.input.value) setInput(text);
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
  await saveUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    ui.shareStatus.textContent = "Link copied.";
  } catch {
    ui.shareStatus.textContent = "The address bar holds the share link.";
  }
  setTimeout(() => (ui.shareStatus.textContent = ""), 4000);
});

window.addEventListener("hashchange", async () => {
  await loadUrl();
  run();
});

// ---------------------------------------------------------------- start

async function start() {
  ui.summary.textContent = "Loading paynorm (WebAssembly)…";
  await Promise.all([init(), loadExamples()]);
  updateFieldNames();
  await loadUrl();
  run();
  await saveUrl();
  document.body.dataset.ready = "true";
}

start().catch((err) => {
  ui.summary.textContent = `The preview could not start: ${err.message}`;
  document.body.dataset.ready = "failed";
  console.error(err);
});
