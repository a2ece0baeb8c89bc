// The Miniflare (real workerd) set-up both workerd suites use: ES modules from the app folder and
// `.wasm` files as compiled modules (Workers refuse to compile wasm from bytes).
import { join } from "node:path";
import { Miniflare } from "miniflare";

/** A Miniflare running `app/worker.js`; `extra` adds options such as `bindings`. */
export function workerdFor(app, extra = {}) {
  return new Miniflare({
    modules: true,
    scriptPath: join(app, "worker.js"),
    modulesRoot: app,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2024-09-23",
    ...extra,
  });
}
