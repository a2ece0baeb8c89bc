// Node entry ("node" condition). Nothing runs at import: the first call reads paynorm_bg.wasm
// beside this module (or beside the bundle it was bundled into) and instantiates it
// synchronously, so calls work right after `import`, with no await. `init()` exists for code
// shared with the browser entry (already resolved here).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createApi } from "./core.js";

function wasmBytes() {
  // ESM, unbundled or bundled as ESM: beside the module / bundle. Bundlers that understand
  // `new URL("…", import.meta.url)` (webpack, Turbopack, Vite) emit the .wasm as an asset.
  if (import.meta.url) return readFileSync(new URL("./paynorm_bg.wasm", import.meta.url));
  // Bundled to CommonJS (esbuild --format=cjs empties import.meta): beside the bundle.
  return readFileSync(join(__dirname, "paynorm_bg.wasm"));
}

const api = createApi(wasmBytes);
export const { init, normalize, normalizeJson, detect, coverage, explain } = api;
export default init;
export { NormalizeError } from "./errors.js";
