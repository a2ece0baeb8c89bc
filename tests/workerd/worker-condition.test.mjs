// In real workerd (Miniflare): (1) the entry of the "worker" export condition (what webpack's
// `webworker` target and other Web Worker bundles resolve) with the .wasm imported as a module and
// given to `init()`, the way a Worker that does not get the "workerd" condition uses it; (2) trap
// recovery inside workerd, where compiling wasm from bytes is refused: the instance is rebuilt
// from the compiled module. Run: npm run build && node --test tests/workerd/worker-condition.test.mjs
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";
import { workerdFor } from "./miniflare.mjs";
import { installPackage } from "../node/helpers.mjs";

let mf;
before(async () => {
  const { app } = installPackage("workerd-condition");
  const pkgDir = join(app, "node_modules", "paynorm");
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const rel = (file) => "./" + relative(app, join(pkgDir, file)).split("\\").join("/");
  const entry = manifest.exports["."].worker.default;
  writeFileSync(
    join(app, "worker.js"),
    `import wasm from ${JSON.stringify(rel("pkg/paynorm_bg.wasm"))};
import init, { normalize, NormalizeError } from ${JSON.stringify(rel(entry))};
import { createApi } from ${JSON.stringify(rel("pkg/core.js"))};

const internal = createApi(undefined).__paynorm_internal;
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const out = {};
    const attempt = (name, fn) => {
      try {
        out[name] = fn();
      } catch (e) {
        out[name] = { error: e instanceof NormalizeError ? e.code : String(e) };
      }
    };
    if (url.pathname === "/before-init") {
      attempt("call", () => normalize("stripe", "payments", "{}"));
      return Response.json(out);
    }
    await init(wasm);
    const body = await request.text();
    attempt("payment", () => normalize("auto", "auto", body, { remote_data: false }));
    if (url.pathname === "/trap") {
      attempt("baseline", () => internal.memoryPages());
      attempt("big", () => normalize("stripe", "payments", JSON.stringify({ object: "list", data: Array.from({ length: 5000 }, (_, i) => ({ id: "pi_" + i, object: "payment_intent", amount: 1, currency: "usd", status: "succeeded", description: "x".repeat(200) })) })).result.length);
      attempt("grown", () => internal.memoryPages());
      attempt("trap", () => internal.trap());
      attempt("after", () => internal.memoryPages());
      attempt("again", () => normalize("auto", "auto", body));
    }
    return Response.json(out);
  },
};
`,
  );
  mf = workerdFor(app);
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
});

const PI = '{"id":"pi_1","object":"payment_intent","amount":5120,"currency":"kwd","status":"succeeded","created":1700000000}';

test("the \"worker\" condition's entry in workerd: a call before init() is a coded error; init(module) then works", async () => {
  const early = await (await mf.dispatchFetch("http://localhost/before-init")).json();
  assert.deepEqual(early, { call: { error: "internal_error" } });
  const res = await (await mf.dispatchFetch("http://localhost/", { method: "POST", body: PI })).json();
  assert.deepEqual([res.payment.id, res.payment.amount, res.payment.status], ["pi_1", "5.120", "paid"], JSON.stringify(res));
});

test("a trap in workerd: internal_error, memory back at its baseline, the next call works", async () => {
  const r = await (await mf.dispatchFetch("http://localhost/trap", { method: "POST", body: PI })).json();
  assert.equal(r.big, 5000, JSON.stringify(r));
  assert.ok(r.grown > r.baseline, JSON.stringify(r));
  assert.deepEqual(r.trap, { error: "internal_error" });
  assert.ok(r.after <= r.baseline, `a fresh instance's memory: ${JSON.stringify(r)}`);
  assert.equal(r.again.amount, "5.120");
});
