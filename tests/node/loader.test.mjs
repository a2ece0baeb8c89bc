// How the packed package loads and guards its boundary in Node (issue 10 point 1, issue 11 points
// 2-3, defects D2 and D9): lazy synchronous instantiation on the first call (nothing at import),
// `init()` / default export in every entry, a WebAssembly.Module from another realm, argument
// checks before the glue, trap recovery with a fresh instance. Each test imports the installed
// tarball by name, as a user does. Run: npm run build && node --test tests/node/loader.test.mjs
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, test } from "node:test";
import vm from "node:vm";
import { installPackage } from "./helpers.mjs";

const PI = JSON.stringify({ id: "pi_1", object: "payment_intent", amount: 5000, currency: "usd", status: "succeeded", created: 1700000000 });
const ENTRIES = ["node", "browser", "workerd", "edge-light", "deno"];

let app;
let pkgDir;
let paynorm;
before(async () => {
  ({ app } = installPackage("loader"));
  pkgDir = join(app, "node_modules", "paynorm", "pkg");
  paynorm = await import(pathToFileURL(join(app, "node_modules", "paynorm", "pkg", "node.js")).href);
  // The same module record Node resolves for `import "paynorm"` inside the app.
  const byName = await importInApp("by-name.mjs", `export * as p from "paynorm";`);
  assert.equal(byName.p.normalize, paynorm.normalize);
});

async function importInApp(name, source) {
  writeFileSync(join(app, name), source);
  return import(pathToFileURL(join(app, name)).href);
}

function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof paynorm.NormalizeError, `a NormalizeError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.ok(!e.message.includes("\n"), e.message);
    return [e.code, e.message];
  }
  assert.fail("nothing was thrown");
}

describe("loading", () => {
  test("every entry exports init (named and default) and every public call of the glue", async () => {
    const glue = readFileSync(join(pkgDir, "paynorm.js"), "utf8");
    const calls = [...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]).filter((n) => !n.startsWith("__") && n !== "start");
    assert.ok(calls.includes("normalize") && calls.includes("coverage"), calls.join());
    for (const entry of ENTRIES) {
      const src = readFileSync(join(pkgDir, `${entry}.js`), "utf8");
      const exported = /export const \{([^}]*)\} = api;/.exec(src)?.[1].split(",").map((s) => s.trim());
      assert.ok(exported, `${entry}.js exports its calls from createApi`);
      assert.deepEqual([...exported].sort(), ["init", ...calls].sort(), `${entry}.js exports init and every glue call`);
      assert.match(src, /^export default init;$/m, `${entry}.js: default export`);
      assert.match(src, /^export \{ NormalizeError \}/m);
      assert.doesNotMatch(src, /__paynorm|initSync\(/, `${entry}.js: no internal export, no import-time instantiation`);
    }
    assert.equal(paynorm.default, paynorm.init);
    assert.equal(await paynorm.init(), undefined);
  });

  test("nothing is instantiated at import: the first call does it, synchronously", () => {
    // A fresh process: import, check the glue has no instance yet, then call without await.
    const script = `
      import * as p from "paynorm";
      const { createApi } = await import(${JSON.stringify(pathToFileURL(join(pkgDir, "core.js")).href)});
      let before;
      try { createApi(undefined).coverage(); before = "ready"; } catch (e) { before = e.code + ": " + e.message; }
      const out = p.normalize("stripe", "payments", ${JSON.stringify(PI)});
      console.log(JSON.stringify({ before, amount: out.amount }));
    `;
    const r = runNode(["--input-type=module", "-e", script]);
    const { before, amount } = JSON.parse(r);
    assert.match(before, /^internal_error: paynorm is not initialized/);
    assert.equal(amount, "50.00");
  });

  test("init() with the bytes or a WebAssembly.Module, then calls; browser entry refuses calls before init", () => {
    const script = `
      import { readFileSync } from "node:fs";
      const browser = await import(${JSON.stringify(pathToFileURL(join(pkgDir, "browser.js")).href)});
      let early; try { browser.detect("{}"); } catch (e) { early = [e.code, e.name]; }
      const mod = new WebAssembly.Module(readFileSync(${JSON.stringify(join(pkgDir, "paynorm_bg.wasm"))}));
      await browser.default(mod);
      await browser.init();
      console.log(JSON.stringify({ early, amount: browser.normalize("stripe", "payments", ${JSON.stringify(PI)}).amount }));
    `;
    const { early, amount } = JSON.parse(runNode(["--input-type=module", "-e", script]));
    assert.deepEqual(early, ["internal_error", "NormalizeError"]);
    assert.equal(amount, "50.00");
  });

  test("a WebAssembly.Module compiled in another realm (Next.js edge) instantiates", () => {
    // The workerd / edge-light / deno entries hand the glue whatever their import gave them; in
    // Next.js that module comes from another realm, where `instanceof WebAssembly.Module` fails.
    const script = `
      import vm from "node:vm";
      import { readFileSync } from "node:fs";
      const bytes = readFileSync(${JSON.stringify(join(pkgDir, "paynorm_bg.wasm"))});
      const foreign = vm.runInNewContext("new WebAssembly.Module(bytes)", { bytes });
      if (foreign instanceof WebAssembly.Module) throw new Error("expected a module of another realm");
      const browser = await import(${JSON.stringify(pathToFileURL(join(pkgDir, "browser.js")).href)});
      await browser.init(foreign);
      console.log(browser.normalize("stripe", "payments", ${JSON.stringify(PI)}).amount);
    `;
    assert.equal(runNode(["--input-type=module", "-e", script]).trim(), "50.00");
  });
});

function runNode(args) {
  return execFileSync(process.execPath, args, { cwd: app, encoding: "utf8" });
}

describe("argument checks at the boundary (D2, D9)", () => {
  const BAD = [
    ["5", 5],
    ["{}", {}],
    ["Symbol()", Symbol("x")],
    ["null", null],
    ["undefined", undefined],
    ["[]", ["stripe"]],
    ["true", true],
    ["10n", 10n],
    ["() => 1", () => 1],
  ];
  for (const name of ["normalize", "normalizeJson", "explain"]) {
    for (const [label, value] of BAD) {
      test(`${name}: provider ${label} and resource ${label} are invalid_input naming the argument`, () => {
        const [c1, m1] = code(() => paynorm[name](value, "payments", PI));
        assert.equal(c1, "invalid_input");
        assert.match(m1, /^provider must be a string/);
        const [c2, m2] = code(() => paynorm[name]("stripe", value, PI));
        assert.equal(c2, "invalid_input");
        assert.match(m2, /^resource must be a string/);
        // And the instance is untouched.
        assert.equal(paynorm.normalize("stripe", "payments", PI).amount, "50.00");
      });
    }
  }

  test("missing provider / resource: invalid_input", () => {
    assert.deepEqual(code(() => paynorm.normalize())[0], "invalid_input");
    assert.match(code(() => paynorm.normalize("stripe"))[1], /^resource must be a string.*found undefined/);
  });

  test("options must be a plain object: Map, array, Set, string, number, Date are invalid_input", () => {
    for (const options of [new Map([["remote_data", false]]), [], new Set(), "remote_data", 1, new Date(0), () => {}]) {
      const [c, m] = code(() => paynorm.normalize("stripe", "payments", PI, options));
      assert.equal(c, "invalid_input");
      assert.match(m, /^options must be a plain object/);
    }
    // Plain objects (also null-prototype and from another realm) are read; null / undefined: defaults.
    assert.equal(paynorm.normalize("stripe", "payments", PI, { remote_data: false }).remote_data, undefined);
    const bare = Object.assign(Object.create(null), { remote_data: false });
    assert.equal(paynorm.normalize("stripe", "payments", PI, bare).remote_data, undefined);
    const foreign = vm.runInNewContext("({ remote_data: false })");
    assert.equal(paynorm.normalize("stripe", "payments", PI, foreign).remote_data, undefined);
    assert.ok(paynorm.normalize("stripe", "payments", PI, null).remote_data);
    assert.ok(paynorm.normalize("stripe", "payments", PI, undefined).remote_data);
  });

  test("a SharedArrayBuffer (and a Uint8Array over one) is read as bytes, never as {}", () => {
    const bytes = new TextEncoder().encode(PI);
    const sab = new SharedArrayBuffer(bytes.length);
    new Uint8Array(sab).set(bytes);
    assert.equal(paynorm.normalize("stripe", "payments", sab).amount, "50.00");
    assert.equal(paynorm.normalize("stripe", "payments", new Uint8Array(sab)).amount, "50.00");
    assert.deepEqual(paynorm.detect(sab), { provider: "stripe", resource: "payments", list: false });
    assert.equal(JSON.parse(paynorm.normalizeJson("stripe", "payments", sab)).id, "pi_1");
    // Not JSON in a SharedArrayBuffer: the parser's error, not a silent {}.
    const junk = new SharedArrayBuffer(3);
    new Uint8Array(junk).set([123, 32, 32]);
    assert.equal(code(() => paynorm.normalize("stripe", "payments", junk))[0], "invalid_json");
  });

  test("buffers from another realm are read as bytes", () => {
    const ctx = vm.createContext({ codes: [...new TextEncoder().encode(PI)] });
    const ab = vm.runInContext("new Uint8Array(codes).buffer", ctx);
    const u8 = vm.runInContext("new Uint8Array(codes)", ctx);
    assert.ok(!(ab instanceof ArrayBuffer) && !(u8 instanceof Uint8Array));
    assert.equal(paynorm.normalize("stripe", "payments", ab).amount, "50.00");
    assert.equal(paynorm.normalize("stripe", "payments", u8).amount, "50.00");
    assert.deepEqual(paynorm.detect(u8)?.provider, "stripe");
  });
});

describe("trap recovery (issue 11 point 2)", () => {
  test("a trap is a coded internal_error; the instance is rebuilt with fresh memory and works", async () => {
    // The test-only exports live in pkg/core.js's `__paynorm_internal`; no entry re-exports them
    // and core.js is not an exported subpath. Same module record as the entry's, so the same
    // instance.
    const { createApi } = await import(pathToFileURL(join(pkgDir, "core.js")).href);
    const internal = createApi(undefined).__paynorm_internal;
    assert.ok(!("__paynorm_internal" in paynorm) && !Object.keys(paynorm).some((k) => k.startsWith("__")));

    // Baseline: a fresh instance's memory, as a new process sees it on its first call.
    const fresh = Number(runNode(["--input-type=module", "-e", `
      const { createApi } = await import(${JSON.stringify(pathToFileURL(join(pkgDir, "core.js")).href)});
      const { readFileSync } = await import("node:fs");
      console.log(createApi(() => readFileSync(${JSON.stringify(join(pkgDir, "paynorm_bg.wasm"))})).__paynorm_internal.memoryPages());`]));
    paynorm.coverage();
    const baseline = fresh;
    // Grow the memory: a big list (a few MB; a list holds at most 10,000 items) through the instance.
    const big = JSON.stringify({ object: "list", has_more: false, data: Array.from({ length: 9000 }, (_, i) => ({ ...JSON.parse(PI), id: `pi_${i}`, description: "x".repeat(250) })) });
    assert.equal(paynorm.normalize("stripe", "payments", big).result.length, 9000);
    const grown = internal.memoryPages();
    assert.ok(grown > baseline, `memory grew: ${baseline} -> ${grown} pages`);

    let thrown;
    try {
      internal.trap();
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof paynorm.NormalizeError, String(thrown));
    assert.equal(thrown.code, "internal_error");
    assert.match(thrown.message, /WebAssembly trap: unreachable/);
    assert.ok(thrown.cause instanceof WebAssembly.RuntimeError);

    // At most a fresh process's first-call memory (which also ran limits() for the JS pre-check).
    assert.ok(internal.memoryPages() <= baseline, `memory is back at its baseline: ${internal.memoryPages()} <= ${baseline} pages`);
    assert.equal(paynorm.normalize("stripe", "payments", PI).amount, "50.00");
    assert.equal(code(() => paynorm.normalize("stripe", "payments", "{"))[0], "invalid_json");
    // Many traps in a row do not leak or poison either.
    for (let i = 0; i < 50; i++) assert.throws(() => internal.trap(), { code: "internal_error" });
    assert.ok(internal.memoryPages() <= baseline, `${internal.memoryPages()} <= ${baseline} pages`);
    assert.equal(paynorm.normalize("stripe", "payments", big).result[8999].id, "pi_8999");
  });

  test("hostile arguments (revoked proxies, throwing traps) are invalid_input, the instance untouched", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = new Proxy({}, {
      getPrototypeOf() {
        throw new Error("hostile getPrototypeOf");
      },
    });
    for (const [args, argName] of [
      [["stripe", "payments", proxy], "input"],
      [["stripe", "payments", PI, proxy], "options"],
      [["stripe", "payments", throwing], "input"],
    ]) {
      const [c, m] = code(() => paynorm.normalize(...args));
      assert.equal(c, "invalid_input", m);
      assert.match(m, new RegExp(`^${argName} cannot be read`), m);
    }
    assert.equal(paynorm.normalize("stripe", "payments", PI).amount, "50.00");
  });
});
