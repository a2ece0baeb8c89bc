// Deno entry ("deno" condition): the .wasm is imported as a compiled WebAssembly.Module with a
// source-phase import (Deno >= 2.6; no --allow-read needed); the first call instantiates it
// synchronously. Nothing runs at import.
import source wasmModule from "./paynorm_bg.wasm";
import { createApi } from "./core.js";

const api = createApi(() => wasmModule);
export const { init, normalize, normalizeJson, normalizeJsonBytes, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes, providers, limits } = api;
export default init;
export { NormalizeError } from "./errors.js";
export { isList } from "./list.js";
