// Node entry: the .wasm is read from disk and instantiated at module scope, so every call works
// synchronously right after `import`.
import { readFileSync } from "node:fs";
import { initSync } from "./paynorm.js";

initSync({ module: readFileSync(new URL("./paynorm_bg.wasm", import.meta.url)) });

export { normalize, normalizeJson, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes } from "./paynorm.js";
export { NormalizeError } from "./errors.js";
