// The preview's Web Worker (a module worker): loads paynorm's browser entry, then answers one job
// at a time, so a big payload never blocks the page. The page terminates this worker to cancel a
// job (a newer input replaces it) and starts a fresh one. One handler per job kind (a new mode of
// the page, e.g. webhooks, adds a kind here and a view in app.js):
//   {id, kind: "explain", provider, resource, text, options}
//     -> {id, stage: "mapping"} once the WebAssembly is ready,
//     -> {id, ok: {explanation, json}} or {id, error: {code, message, path, range, at}}
//        (`range` = [start, end] offsets of the error's path, or of its nearest parent `at`)
//   {id, kind: "coverage"} -> {id, ok: coverage()}
//   {id, kind: "eventTypes"} -> {id, ok: eventTypes()}
//   {id, kind: "webhook", provider, text, headers, verify}
//     -> {id, ok: {event, json, explanation, base, verdict}} or {id, ok: {error: {...as explain}, verdict}}
//        `event` = parseWebhook(provider, text, {headers}); `explanation` = explain() of the event's
//        raw object (the unified-object view of `data`), `base` = that object's JSON path in the
//        body; `verdict` = null when `verify` is null, else {ok: true, provider} or
//        {ok: false, provider, code, message} from verifyWebhook on `text` exactly as given.
//        `verify` = {secrets: [..], basic: {username, password} | null, tolerance, now}: secrets
//        stay in this message and this worker's memory for the job, nowhere else.
//   {id, kind: "locate", paths} -> {id, ok: [[start, end] | null, ...]}: where JSON paths are in the
//     text of the last explain job (parsed once, on the first such call), for big inputs the page
//     does not parse itself
// Anything unexpected -> {id, fatal: message}.
import init, { coverage, eventTypes, explain, NormalizeError, parseWebhook, providers, verifyWebhook } from "./pkg/browser.js";
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

/** Where each provider's event keeps the object `data` is mapped from: the registry's
 * `event_objects` (`providers()`), read once. */
let eventObjects;
function eventObjectPaths(provider, resource) {
  eventObjects ??= new Map(providers().map((p) => [p.name, p.event_objects]));
  return (eventObjects.get(provider) ?? []).filter((o) => o.resource === null || o.resource === resource).map((o) => o.path);
}

/** The unified-object view of an event's `data`: explain() of its raw object, paths from the body's root. */
function explainEventData(event, body) {
  if (!event.data || !event.resource) return { explanation: null, base: null };
  const raw = event.data.remote_data;
  let base = null;
  for (const p of eventObjectPaths(event.provider, event.resource)) {
    if (nodeAt(body, p)) {
      base = p;
      break;
    }
  }
  if (raw === undefined || base === null) return { explanation: null, base };
  let explanation;
  try {
    explanation = explain(event.provider, event.resource, raw, { remote_data: false });
  } catch {
    return { explanation: null, base }; // the event mapped it; the view falls back to the values alone
  }
  const rebase = (path) => (path === "$" ? base : path.startsWith("$") ? base + path.slice(1) : path);
  for (const item of explanation.items) {
    item.path = rebase(item.path);
    for (const f of item.fields) {
      f.sources = f.sources.map(rebase);
      if (JSON.stringify(f.value) === JSON.stringify(event.data[f.field])) continue;
      // The event reader set this field, not the object's own mapping (docs/webhooks.md):
      // Checkout.com event data has no status, the event type gives it.
      if (event.provider === "checkout" && f.field === "status") {
        f.sources = ["$.type"];
        f.candidates = [];
        f.rule = "Checkout.com event data has no status: the event type implies it (docs/webhooks.md)";
        f.decision = `type = ${JSON.stringify(event.provider_type)} -> ${event.data.status}`;
      } else {
        f.decision = `set by the event reader: ${JSON.stringify(event.data[f.field])} (the object alone maps to ${JSON.stringify(f.value)})`;
      }
      f.value = event.data[f.field];
    }
  }
  return { explanation, base };
}

function verdictOf(provider, text, headers, verify) {
  if (!verify) return null;
  // verify.basic is set only for providers verified with a username and password (app.js).
  const secrets = verify.basic ? verify.basic : verify.secrets.length === 1 ? verify.secrets[0] : verify.secrets;
  const opts = { tolerance: verify.tolerance };
  if (verify.now !== null) opts.now = verify.now;
  try {
    verifyWebhook(provider, text, headers ?? "", secrets, opts);
    return { ok: true, provider };
  } catch (e) {
    if (e instanceof NormalizeError) return { ok: false, provider, code: e.code, message: e.message };
    throw e;
  }
}

const handlers = {
  coverage: () => ({ ok: coverage() }),
  providers: () => ({ ok: providers() }),
  eventTypes: () => ({ ok: eventTypes() }),
  webhook: ({ provider, text, headers, verify }) => {
    let event;
    try {
      event = parseWebhook(provider, text, headers && typeof headers === "object" ? { headers } : {});
    } catch (e) {
      if (e instanceof NormalizeError) {
        // The body did not parse as an event; a signature can still be checked when the provider is known.
        return { ok: { error: errorData(e, text), verdict: provider === "auto" ? null : verdictOf(provider, text, headers, verify) } };
      }
      throw e;
    }
    const { explanation, base } = explainEventData(event, parseJson(text));
    const verdict = verdictOf(event.provider, text, headers, verify);
    return { ok: { event, json: JSON.stringify(event, null, 2), explanation, base, verdict } };
  },
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
