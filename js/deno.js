// Deno entry ("deno" condition): the .wasm is imported as a compiled WebAssembly.Module with a
// source-phase import (Deno >= 2.5; no --allow-read needed) and instantiated at module scope, so
// calls are synchronous right after `import`.
import source wasmModule from "./paynorm_bg.wasm";
import { initSync } from "./paynorm.js";

initSync({ module: wasmModule });

export { normalize, normalizeJson, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes } from "./paynorm.js";
export { NormalizeError } from "./errors.js";
