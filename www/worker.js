// The preview's Web Worker (a module worker): loads paynorm's browser entry, then answers one job
// at a time, so a big payload never blocks the page. The page terminates this worker to cancel a
// job (a newer input replaces it) and starts a fresh one.
//   {id, kind: "explain", provider, resource, text, options}
//     -> {id, stage: "mapping"} once the WebAssembly is ready,
//     -> {id, ok: {explanation, json}} or {id, error: {code, message, path, range}}
//        (`range` = [start, end] offsets of the error's path, or its nearest parent, in the text)
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

self.onmessage = async ({ data: job }) => {
  const { id } = job;
  try {
    await ready;
    if (job.kind === "coverage") {
      self.postMessage({ id, ok: coverage() });
      return;
    }
    if (job.kind === "locate") {
      if (lastRoot === null && lastText !== null) lastRoot = parseJson(lastText);
      const hits = job.paths.map((p) => (lastRoot ? nodeAt(lastRoot, p) : null));
      self.postMessage({ id, ok: hits.map((h) => (h ? [h.start, h.end] : null)) });
      return;
    }
    lastText = job.text;
    lastRoot = null;
    self.postMessage({ id, stage: "mapping" });
    let explanation;
    try {
      explanation = explain(job.provider, job.resource, job.text, job.options);
    } catch (e) {
      if (!(e instanceof NormalizeError)) throw e;
      const error = { code: e.code, message: e.message, path: e.path ?? null, range: null, at: null };
      if (e.path) {
        const hit = locate(job.text, e.path);
        if (hit) Object.assign(error, { range: [hit.start, hit.end], at: hit.path });
      }
      self.postMessage({ id, error });
      return;
    }
    self.postMessage({ id, ok: { explanation, json: JSON.stringify(explanation.result, null, 2) } });
  } catch (e) {
    self.postMessage({ id, fatal: String(e?.message ?? e) });
  }
};
