// examples/node (ESM import and CommonJS require, both synchronous) under this machine's Node and
// under Node 22 (npm `node@22`), and examples/deno under Deno 2 (npm `deno`) with no permissions,
// each importing the packed package by name. Run: npm run build && npm run test:runtimes
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { here, makeApp, node22, run } from "./helpers.mjs";

const NODES = [["Node " + process.version, process.execPath], ["Node 22 (node@22)", node22]];

describe("node", () => {
  let app;
  before(() => {
    app = makeApp("node", "examples/node");
  });

  for (const [name, node] of NODES) {
    test(`${name}: ESM import, synchronous at module scope (examples/node/main.mjs)`, () => {
      const r = run(node, ["main.mjs"], { cwd: app });
      const payment = JSON.parse(r.stdout);
      assert.deepEqual([payment.id, payment.amount, payment.currency, payment.status], ["pi_1", "50.00", "USD", "paid"]);
      assert.equal(payment.remote_data, undefined);
      assert.match(r.stderr, /detected: {"provider":"stripe","resource":"payments","list":false}/);
      const bad = run(node, ["main.mjs", "package.json", "stripe", "payments"], { cwd: app, allowFail: true });
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /^.*(mismatched_payload|invalid_payload): /m);
    });

    test(`${name}: CommonJS require, synchronous (examples/node/main.cjs)`, () => {
      const r = run(node, ["main.cjs"], { cwd: app });
      assert.equal(r.stdout.trim(), "pay_1 500.00 INR paid");
    });

    test(`${name}: require and import share one instance and one NormalizeError`, () => {
      writeFileSync(
        join(app, "same.mjs"),
        `import { createRequire } from "node:module";
import * as esm from "paynorm";
const cjs = createRequire(import.meta.url)("paynorm");
let err; try { cjs.normalize("stripe", "payments", "{"); } catch (e) { err = e; }
console.log(JSON.stringify([cjs.normalize === esm.normalize, err instanceof esm.NormalizeError, err.code]));`,
      );
      assert.deepEqual(JSON.parse(run(node, ["same.mjs"], { cwd: app }).stdout), [true, true, "invalid_json"]);
    });
  }
});

// The lowest Deno the README claims and the current one, each from its npm package. 2.6.0 is the
// first that accepts the "deno" entry's `import source` of a .wasm inside an npm package (2.5.x:
// "SyntaxError: Unexpected identifier 'wasmModule'"; before 2.5 no source imports at all).
const DENOS = [
  ["Deno 2.6.0 (lowest supported)", join(here, "node_modules", "deno-2-6", "deno")],
  ["Deno 2.9 (current)", join(here, "node_modules", "deno", "deno")],
];

describe("deno", () => {
  let app;
  before(() => {
    app = makeApp("deno", "examples/deno");
  });
  for (const [name, deno] of DENOS) {
    test(`${name}: examples/deno/main.ts, no permissions (the "deno" entry)`, () => {
      const env = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", DENO_DIR: join(app, `.deno-${name.split(" ")[1]}`) };
      const r = run(deno, ["run", "--no-prompt", "main.ts"], { cwd: app, env });
      const [line, err] = r.stdout.trim().split("\n");
      const payment = JSON.parse(line);
      assert.deepEqual([payment.id, payment.amount, payment.currency, payment.status], ["pay_1", "500.00", "INR", "paid"]);
      assert.equal(err, "error invalid_json");
      // The node entry would need --allow-read (it reads the .wasm from disk): the deno one does not.
      const info = run(deno, ["info", "--json", "main.ts"], { cwd: app, env });
      assert.match(info.stdout, /paynorm\/pkg\/deno\.js/);
      // init() and the default export exist here too, for code shared with the browser.
      const shared = run(deno, ["eval", 'import init, { init as named, detect } from "paynorm"; await init(); await named(); console.log(JSON.stringify(detect("{\\"object\\":\\"payment_intent\\",\\"id\\":\\"pi_1\\"}")))'], { cwd: app, env });
      assert.deepEqual(JSON.parse(shared.stdout), { provider: "stripe", resource: "payments", list: false });
    });
  }
  test("Deno (current): a Razorpay webhook verified with constructEvent", () => {
    const env = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", DENO_DIR: join(app, ".deno-webhook") };
    // A Razorpay webhook verified in Deno (signature computed here, passed as an argument).
    writeFileSync(
      join(app, "hook.ts"),
      `import { constructEvent, NormalizeError } from "paynorm";
const [body, sig] = Deno.args;
const headers = new Headers({ "x-razorpay-signature": sig, "x-razorpay-event-id": "EvDeno" });
const event = constructEvent("razorpay", body, headers, "rzp_deno_secret");
let code = "none";
try { constructEvent("razorpay", body + " ", headers, "rzp_deno_secret"); } catch (e) { code = (e as NormalizeError).code; }
console.log(JSON.stringify([event.id, event.type, event.data?.status, code]));`,
    );
    const body = '{"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_1","entity":"payment","amount":50000,"currency":"INR","status":"captured","created_at":1}}},"created_at":1}';
    const sig = createHmac("sha256", "rzp_deno_secret").update(body).digest("hex");
    const hook = run(DENOS[DENOS.length - 1][1], ["run", "--no-prompt", "hook.ts", body, sig], { cwd: app, env });
    assert.deepEqual(JSON.parse(hook.stdout), ["EvDeno", "payment.succeeded", "paid", "signature_mismatch"]);
  });
});
