// Vercel Edge Functions / Next.js middleware entry ("edge-light" condition): their bundlers
// import `*.wasm?module` as a compiled WebAssembly.Module (edge runtimes refuse to compile wasm
// from bytes), instantiated at module scope; calls are synchronous after `import`.
import wasmModule from "./paynorm_bg.wasm?module";
import { initSync } from "./paynorm.js";

initSync({ module: wasmModule });

export { normalize, normalizeJson, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes } from "./paynorm.js";
export { NormalizeError } from "./errors.js";
