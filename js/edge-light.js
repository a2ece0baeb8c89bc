// Vercel Edge Functions / Next.js edge routes and middleware ("edge-light" condition): their
// bundlers import `*.wasm?module` as a compiled WebAssembly.Module (edge runtimes refuse to
// compile wasm from bytes). Next.js evaluates that code in another realm, so the module is
// recognized by its tag, not `instanceof` (core.js). The first call instantiates it
// synchronously; nothing runs at import.
import wasmModule from "./paynorm_bg.wasm?module";
import { createApi } from "./core.js";

const api = createApi(() => wasmModule);
export const { init, normalize, normalizeJson, normalizeJsonBytes, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes, providers, limits } = api;
export default init;
export { NormalizeError } from "./errors.js";
export { isList } from "./list.js";
