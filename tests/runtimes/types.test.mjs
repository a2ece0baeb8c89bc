// TypeScript: `tsc --noEmit` (strict, skipLibCheck off, so the package's own .d.ts files are
// checked too) over tests/runtimes/types/check.ts, examples/deno/main.ts and the README's
// TypeScript snippets, importing the packed package by name, once per export condition. Run: npm run build && npm run test:types
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { bin, here, makeApp, root, run } from "./helpers.mjs";

describe("TypeScript", () => {
  const app = makeApp("types");
  copyFileSync(join(here, "types", "check.ts"), join(app, "check.ts"));
  copyFileSync(join(root, "examples", "deno", "main.ts"), join(app, "deno-example.ts"));
  // Every TypeScript block of the README that imports paynorm, type-checked as written.
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((code) => /from "paynorm"/.test(code));
  snippets.forEach((code, i) => writeFileSync(join(app, `readme-${i}.ts`), code));
  const files = ["check.ts", "deno-example.ts", ...snippets.map((_, i) => `readme-${i}.ts`)];

  test("the README has a TypeScript snippet to check", () => {
    assert.ok(snippets.length >= 1, "no ```ts block importing paynorm in README.md");
  });

  test("the shapes come from the generated types.d.ts", () => {
    const types = readFileSync(join(app, "node_modules", "paynorm", "pkg", "types.d.ts"), "utf8");
    assert.match(types, /^\/\/ Generated from paynorm's Rust types/);
    assert.match(types, /export type Status = "pending" \| "authorized" \| "paid" \| "partial" \| "refunded" \| "voided" \| "cancelled" \| "unknown" \| \(string & \{\}\);/);
    for (const name of ["Customer", "Order", "Payment", "List<T>", "NormalizeOptions", "ErrorCode", "Provider", "Resource"]) {
      assert.match(types, new RegExp(`export type ${name.replace(/[<>]/g, "\\$&")} = `), name);
    }
  });

  const CONFIGS = {
    "default (browser)": { moduleResolution: "bundler", module: "esnext", customConditions: [] },
    workerd: { moduleResolution: "bundler", module: "esnext", customConditions: ["workerd"] },
    "edge-light": { moduleResolution: "bundler", module: "esnext", customConditions: ["edge-light"] },
    deno: { moduleResolution: "bundler", module: "esnext", customConditions: ["deno"] },
    "node (nodenext)": { moduleResolution: "nodenext", module: "nodenext" },
  };
  for (const [name, options] of Object.entries(CONFIGS)) {
    test(`tsc --noEmit, ${name}`, () => {
      const config = `tsconfig.${name.split(" ")[0]}.json`;
      writeFileSync(
        join(app, config),
        JSON.stringify({
          compilerOptions: {
            ...options, target: "es2022", lib: ["es2022", "dom"], types: [], strict: true, noEmit: true,
            skipLibCheck: false, noUnusedLocals: true, allowImportingTsExtensions: true,
          },
          files,
        }),
      );
      const r = run(bin("tsc"), ["-p", config], { cwd: app, allowFail: true });
      assert.equal(r.status, 0, r.stdout + r.stderr);
    });
  }
});
