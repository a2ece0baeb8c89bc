// Cloudflare Workers / workerd entry ("workerd" condition). Workers refuse to compile wasm from
// bytes, so the .wasm is imported as a compiled WebAssembly.Module (wrangler's / Miniflare's
// CompiledWasm rule); the first call instantiates it synchronously. Nothing runs at import.
import wasmModule from "./paynorm_bg.wasm";
import { createApi } from "./core.js";

const api = createApi(() => wasmModule);
export const { init, normalize, normalizeJson, normalizeJsonBytes, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes, providers, limits } = api;
export default init;
export { NormalizeError } from "./errors.js";
export { isList } from "./list.js";
