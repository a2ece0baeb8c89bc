// Browser, Web Worker ("browser", "worker" and default conditions): `await init()` once (it
// fetches paynorm_bg.wasm beside the glue module, which bundlers emit as an asset; or pass a URL,
// Response, the bytes or a WebAssembly.Module of any realm), then every call is synchronous.
// Nothing runs at import. A call before init() throws a NormalizeError that says so.
import { createApi } from "./core.js";

const api = createApi(undefined);
export const { init, normalize, normalizeJson, normalizeJsonBytes, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes, providers, limits } = api;
export default init;
export { NormalizeError } from "./errors.js";
export { isList } from "./list.js";
