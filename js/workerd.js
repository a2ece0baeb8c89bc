// Cloudflare Workers / workerd entry: Workers refuse to compile wasm from bytes, so the .wasm is
// imported as a compiled WebAssembly.Module (the bundler's CompiledWasm rule) and instantiated at
// module scope; calls are synchronous after `import`.
import wasmModule from "./paynorm_bg.wasm";
import { initSync } from "./paynorm.js";

initSync({ module: wasmModule });

export { normalize, normalizeJson, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes } from "./paynorm.js";
export { NormalizeError } from "./errors.js";
