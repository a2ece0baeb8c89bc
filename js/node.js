// Node entry ("node" condition). Nothing runs at import: the first call reads paynorm_bg.wasm and
// instantiates it synchronously, so calls work right after `import`, with no await. `init()`
// exists for code shared with the browser entry (it resolves at once here).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApi } from "./core.js";
import { NormalizeError } from "./errors.js";

/** Where the .wasm is, in order:
 *  1. beside this module, or beside the bundle it was bundled into (esbuild / bun build: copy the
 *     .wasm there); webpack and Turbopack (Next.js) rewrite `new URL("…", import.meta.url)` to
 *     the asset they emit;
 *  2. bundled to CommonJS (esbuild --format=cjs empties import.meta): beside the bundle;
 *  3. still in node_modules/paynorm, looked up from the bundle's folder upwards (Vite SSR builds
 *     do not emit the asset: running the bundle inside the project works as is). A plain walk,
 *     not require.resolve, which bundlers would try to bundle. */
function wasmBytes() {
  const beside = import.meta.url ? new URL("./paynorm_bg.wasm", import.meta.url) : join(__dirname, "paynorm_bg.wasm");
  if (existsSync(beside)) return readFileSync(beside);
  const path = beside instanceof URL ? fileURLToPath(beside) : beside;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const file = join(dir, "node_modules", "paynorm", "pkg", "paynorm_bg.wasm");
    if (existsSync(file)) return readFileSync(file);
    if (dirname(dir) === dir) break;
  }
  throw new NormalizeError(
    "internal_error",
    `paynorm_bg.wasm not found beside ${path} nor in a node_modules/paynorm above it; when bundling for Node, copy node_modules/paynorm/pkg/paynorm_bg.wasm beside the bundle`,
  );
}

const api = createApi(wasmBytes);
export const { init, normalize, normalizeJson, detect, coverage, explain } = api;
export default init;
export { NormalizeError };
