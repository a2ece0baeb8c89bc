// The preview's Web Worker (a module worker): loads paynorm's browser entry, then answers one job
// at a time, so a big payload never blocks the page. The page terminates this worker to cancel a
// job (a newer input replaces it) and starts a fresh one. One handler per job kind (a new mode of
// the page, e.g. webhooks, adds a kind here and a view in app.js):
//   {id, kind: "explain", provider, resource, text, options}
//     -> {id, stage: "mapping"} once the WebAssembly is ready,
//     -> {id, ok: {explanation, json}} or {id, error: {code, message, path, range, at}}
//        (`range` = [start, end] offsets of the error's path, or of its nearest parent `at`)
//   {id, kind: "coverage"} -> {id, ok: coverage()}
//   {id, kind: "locate", paths} -> {id, ok: [[start, end] | null, ...]}: where JSON paths are in the
//     text of the last explain job (parsed once, on the first such call), for big inputs the page
//     does not parse itself
// Anything unexpected -> {id, fatal: message}.
import init, { coverage, explain, NormalizeError } from "./pkg/browser.js";
import { locate, nodeAt, parseJson } from "./json-view.js";

const ready = init();
let lastText = null;
let lastRoot = null;

/** A NormalizeError as plain data, located in the text when it has a JSON path. */
function errorData(e, text) {
  const error = { code: e.code, message: e.message, path: e.path ?? null, range: null, at: null };
  if (e.path) {
    const hit = locate(text, e.path);
    if (hit) Object.assign(error, { range: [hit.start, hit.end], at: hit.path });
  }
  return error;
}

const handlers = {
  coverage: () => ({ ok: coverage() }),
  locate: ({ paths }) => {
    if (lastRoot === null && lastText !== null) lastRoot = parseJson(lastText);
    const hits = paths.map((p) => (lastRoot ? nodeAt(lastRoot, p) : null));
    return { ok: hits.map((h) => (h ? [h.start, h.end] : null)) };
  },
  explain: ({ id, provider, resource, text, options }) => {
    lastText = text;
    lastRoot = null;
    self.postMessage({ id, stage: "mapping" });
    let explanation;
    try {
      explanation = explain(provider, resource, text, options);
    } catch (e) {
      if (e instanceof NormalizeError) return { error: errorData(e, text) };
      throw e;
    }
    return { ok: { explanation, json: JSON.stringify(explanation.result, null, 2) } };
  },
};

self.onmessage = async ({ data: job }) => {
  const { id } = job;
  try {
    await ready;
    const handler = handlers[job.kind];
    if (!handler) throw new Error(`unknown job kind ${JSON.stringify(job.kind)}`);
    self.postMessage({ id, ...handler(job) });
  } catch (e) {
    self.postMessage({ id, fatal: String(e?.message ?? e) });
  }
};
