// The preview's Web Worker (a module worker): loads paynorm's browser entry, then answers one job
// at a time, so a big payload never blocks the page. The page terminates this worker to cancel a
// job (a newer input replaces it) and starts a fresh one.
//   {id, kind: "explain", provider, resource, text, options}
//     -> {id, stage: "mapping"} once the WebAssembly is ready,
//     -> {id, ok: {explanation, json}} or {id, error: {code, message, path, range}}
//        (`range` = [start, end] offsets of the error's path, or its nearest parent, in the text)
//   {id, kind: "coverage"} -> {id, ok: coverage()}
// Anything unexpected -> {id, fatal: message}.
import init, { coverage, explain, NormalizeError } from "./pkg/browser.js";
import { locate } from "./json-view.js";

const ready = init();

self.onmessage = async ({ data: job }) => {
  const { id } = job;
  try {
    await ready;
    if (job.kind === "coverage") {
      self.postMessage({ id, ok: coverage() });
      return;
    }
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
