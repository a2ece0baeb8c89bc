// Browser (and default) entry: `await init()` once (it fetches paynorm_bg.wasm next to this file,
// or takes a URL, Response, bytes or WebAssembly.Module), then every call is synchronous.
import initWasm from "./paynorm.js";

let ready;

export default function init(input) {
  ready ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(() => undefined);
  return ready;
}

export { normalize, normalizeJson, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes } from "./paynorm.js";
export { NormalizeError } from "./errors.js";
