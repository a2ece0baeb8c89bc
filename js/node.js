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
 *     .wasm there); Turbopack (Next.js) rewrites `new URL("…", import.meta.url)` to the file it
 *     emits; bundled to CommonJS (esbuild --format=cjs empties import.meta): beside the bundle;
 *  2. node_modules/paynorm/pkg/ in the bundle's folder or any folder above it, then in the
 *     working directory's or above: Vite SSR builds do not emit the asset, and webpack server
 *     builds (`next build --webpack`) turn the URL into a "RelativeURL" of their public path that
 *     no file system call accepts; run inside the project, both work as they are. A plain walk,
 *     not require.resolve, which bundlers would try to bundle. */
function wasmBytes() {
  const beside = import.meta.url ? new URL("./paynorm_bg.wasm", import.meta.url) : join(__dirname, "paynorm_bg.wasm");
  const file = typeof beside === "string" ? beside : beside.protocol === "file:" ? fileURLToPath(beside) : undefined;
  if (file && existsSync(file)) return readFileSync(file);
  for (const start of [file && dirname(file), process.cwd()]) {
    for (let dir = start; dir; dir = dirname(dir) === dir ? undefined : dirname(dir)) {
      const candidate = join(dir, "node_modules", "paynorm", "pkg", "paynorm_bg.wasm");
      if (existsSync(candidate)) return readFileSync(candidate);
    }
  }
  throw new NormalizeError(
    "internal_error",
    `paynorm_bg.wasm not found beside ${file ?? String(beside)} nor in a node_modules/paynorm above it or above the working directory; when bundling for Node, copy node_modules/paynorm/pkg/paynorm_bg.wasm beside the bundle`,
  );
}

const api = createApi(wasmBytes);
export const { init, normalize, normalizeJson, normalizeJsonBytes, detect, coverage, explain, verifyWebhook, constructEvent, parseWebhook, normalizeError, eventTypes, providers, limits } = api;
export default init;
export { NormalizeError };
export { isList } from "./list.js";
