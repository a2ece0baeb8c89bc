// The npm package as a user gets it: `npm pack`, install the tarball, `import "paynorm"` by name
// (Node resolves the "node" export condition). Run: npm run build && npm run test:node
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { before, describe, test } from "node:test";
import { fixtures, importInApp, installPackage, listFixtures } from "./helpers.mjs";

const PI = {
  id: "pi_1",
  object: "payment_intent",
  amount: 5000,
  currency: "usd",
  status: "succeeded",
  created: 1700000000,
  metadata: { order_id: "o_9" },
};
const PI_TEXT = JSON.stringify(PI);

let paynorm; // the package's namespace
let atImport; // what the app module computed at its own module scope

before(async () => {
  installPackage();
  // A module that calls paynorm at module scope, right after its import: no await anywhere.
  const app = await importInApp(
    "app.mjs",
    `import * as paynorm from "paynorm";
export { paynorm };
export const atImport = paynorm.normalize("stripe", "payments", ${JSON.stringify(PI_TEXT)});
`,
  );
  paynorm = app.paynorm;
  atImport = app.atImport;
});

function expectError(fn, code, path) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown, `expected a ${code} error, nothing was thrown`);
  assert.ok(thrown instanceof paynorm.NormalizeError, `instanceof NormalizeError: ${thrown}`);
  assert.ok(thrown instanceof Error, "instanceof Error");
  assert.equal(thrown.name, "NormalizeError");
  assert.equal(thrown.code, code, thrown.message);
  assert.equal(typeof thrown.message, "string");
  assert.ok(thrown.message.length > 0 && !thrown.message.includes("\n"), thrown.message);
  if (path !== undefined) assert.equal(thrown.path, path === null ? undefined : path, thrown.message);
  // The instance still works after the error.
  assert.deepEqual(paynorm.normalize("stripe", "payments", "[]"), { result: [], next_cursor: null });
  return thrown;
}

describe("package", () => {
  test("the tarball ships pkg/, the CLI and package.json (plus README, LICENSE, CHANGELOG) only, with every entry", () => {
    const { files } = installPackage();
    for (const f of files) assert.ok(/^(package\.json|README[^/]*|LICEN[CS]E[^/]*|CHANGELOG\.md|bin\/[^/]+|pkg\/.+)$/i.test(f), `unexpected file ${f}`);
    for (const f of [
      "pkg/paynorm_bg.wasm", "pkg/paynorm.js", "pkg/paynorm.d.ts", "pkg/errors.js", "pkg/errors.d.ts",
      "pkg/node.js", "pkg/node.d.ts", "pkg/browser.js", "pkg/browser.d.ts", "pkg/workerd.js", "pkg/workerd.d.ts",
    ]) {
      assert.ok(files.includes(f), `${f} is in the tarball`);
    }
    assert.ok(files.some((f) => /^pkg\/snippets\/[^/]+\/js\/errors\.js$/.test(f)), "the errors.js snippet");
    const { app } = installPackage();
    const manifest = JSON.parse(readFileSync(`${app}/node_modules/paynorm/package.json`, "utf8"));
    // Every condition object lists "types" first (nested ones too, like node > require), and
    // every target exists.
    const walk = (cond, target) => {
      if (typeof target === "string") {
        assert.ok(existsSync(`${app}/node_modules/paynorm/${target}`), `${cond}: ${target} exists`);
        return;
      }
      const keys = Object.keys(target);
      const firstFile = keys.find((k) => typeof target[k] === "string");
      assert.equal(firstFile, "types", `types first in "${cond}"`);
      for (const [k, v] of Object.entries(target)) walk(`${cond} > ${k}`, v);
    };
    for (const [cond, target] of Object.entries(manifest.exports["."])) walk(cond, target);
  });

  test("calls work synchronously right after import", () => {
    assert.equal(atImport.id, "pi_1");
    assert.equal(atImport.amount, "50.00");
    assert.deepEqual(Object.keys(paynorm).sort(), [
      "NormalizeError", "constructEvent", "coverage", "default", "detect", "eventTypes", "explain", "init",
      "isList", "limits", "normalize", "normalizeError", "normalizeJson", "normalizeJsonBytes", "parseWebhook", "providers", "verifyWebhook",
    ]);
  });
});

describe("normalize", () => {
  test("a Stripe PaymentIntent from text, bytes, Buffer, ArrayBuffer and object agree", () => {
    const fromText = paynorm.normalize("stripe", "payments", PI_TEXT);
    assert.equal(fromText.amount, "50.00");
    assert.equal(fromText.currency, "USD");
    assert.equal(fromText.status, "paid");
    assert.equal(fromText.created_at, "2023-11-14T22:13:20Z");
    assert.equal(fromText.expires_on, null);
    assert.deepEqual(fromText.remote_data, PI);
    const bytes = new TextEncoder().encode(PI_TEXT);
    for (const input of [bytes, Buffer.from(PI_TEXT), bytes.buffer, PI, structuredClone(PI)]) {
      assert.deepEqual(paynorm.normalize("stripe", "payments", input), fromText);
    }
    assert.deepEqual(paynorm.normalize("auto", "auto", PI), fromText);
    assert.deepEqual(paynorm.normalize("Stripe", "payment", PI), fromText);
  });

  test("results are plain JSON data: no Map, no undefined", () => {
    const isPlain = (v) =>
      v === null || ["string", "boolean"].includes(typeof v) || (typeof v === "number" && Number.isFinite(v)) ||
      (Array.isArray(v) && v.every(isPlain)) ||
      (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(isPlain));
    assert.ok(isPlain(paynorm.normalize("stripe", "payments", PI)));
    assert.ok(isPlain(paynorm.coverage()));
  });

  test("normalizeJson is the same result as text", () => {
    const text = paynorm.normalizeJson("stripe", "payments", PI_TEXT);
    assert.equal(typeof text, "string");
    assert.deepEqual(JSON.parse(text), paynorm.normalize("stripe", "payments", PI_TEXT));
    assert.equal(paynorm.normalizeJson("stripe", "payments", "[]"), '{"result":[],"next_cursor":null}');
  });

  test("options", () => {
    const p = paynorm.normalize("stripe", "payments", PI, { remote_data: false, exclude_fields: ["metadata", "customer.email"] });
    assert.ok(!("remote_data" in p));
    assert.ok(!("metadata" in p));
    assert.equal(p.amount, "50.00");
    assert.deepEqual(paynorm.normalize("stripe", "payments", PI, undefined), paynorm.normalize("stripe", "payments", PI));
    assert.deepEqual(paynorm.normalize("stripe", "payments", PI, null), paynorm.normalize("stripe", "payments", PI));
    expectError(() => paynorm.normalize("stripe", "payments", PI, { remote_dta: false }), "invalid_input", null);
    expectError(() => paynorm.normalize("stripe", "payments", PI, "{}"), "invalid_input", null);
    expectError(() => paynorm.normalize("stripe", "payments", PI, { exclude_fields: ["emial"] }), "invalid_input", null);
  });

  test("a __proto__ key is data, never a prototype", () => {
    const text = '{"id":"pi_2","object":"payment_intent","amount":100,"currency":"usd","status":"succeeded","created":1700000000,"metadata":{"__proto__":{"polluted":true},"constructor":"x"}}';
    for (const input of [text, new TextEncoder().encode(text), JSON.parse(text)]) {
      const p = paynorm.normalize("stripe", "payments", input);
      for (const holder of [p.metadata, p.remote_data.metadata]) {
        assert.equal(Object.getPrototypeOf(holder), Object.prototype);
        assert.ok(Object.hasOwn(holder, "__proto__"), "own property");
        assert.deepEqual(Object.getOwnPropertyDescriptor(holder, "__proto__").value, { polluted: true });
        assert.equal(holder.constructor, "x");
      }
      assert.equal({}.polluted, undefined);
    }
  });
});

describe("errors", () => {
  test("NormalizeError is a real Error subclass users can import and construct", () => {
    const e = new paynorm.NormalizeError("invalid_json", "msg", "$.a");
    assert.ok(e instanceof Error && e instanceof paynorm.NormalizeError);
    assert.equal(Object.getPrototypeOf(paynorm.NormalizeError), Error);
    assert.deepEqual([e.code, e.message, e.path], ["invalid_json", "msg", "$.a"]);
  });

  test("every code, with path", () => {
    expectError(() => paynorm.normalize("stripe", "payments", "{"), "invalid_json", null);
    expectError(() => paynorm.normalize("stripe", "payments", ""), "invalid_json", null);
    expectError(() => paynorm.normalize("stripe", "payments", new Uint8Array([0x22, 0xff, 0x22])), "invalid_json", null);
    // Valid but 100,000 deep: deeper than 128 levels is invalid_json for every call
    // (docs/mapping.md#limits-and-leniency), with the path of the first value too deep.
    expectError(() => paynorm.normalize("stripe", "payments", "[".repeat(100000) + "]".repeat(100000)), "invalid_json", "$" + "[0]".repeat(128));
    expectError(() => paynorm.normalize("auto", "auto", "[".repeat(100000) + "]".repeat(100000)), "invalid_json", "$" + "[0]".repeat(128));
    expectError(() => paynorm.normalize("stripe", "payments", undefined), "invalid_input", null);
    expectError(() => paynorm.normalize("stripe", "payments", { amount: 1n }), "invalid_input", null);
    const cyc = { id: "x" };
    cyc.self = cyc;
    expectError(() => paynorm.normalizeJson("stripe", "payments", cyc), "invalid_input", null);
    expectError(() => paynorm.normalize("paypal", "payments", PI), "unsupported_provider", null);
    expectError(() => paynorm.normalize("stripe", "refunds", PI), "unsupported_resource", null);
    expectError(() => paynorm.normalize("stripe", "payments", "42"), "invalid_payload", "$");
    expectError(() => paynorm.normalize("stripe", "payments", [PI, 7]), "invalid_payload", "$[1]");
    expectError(() => paynorm.normalize("stripe", "payments", { ...PI, amount: "5000" }), "invalid_payload", "$.amount");
    expectError(
      () => paynorm.normalize("stripe", "payments", { id: "cus_1", object: "customer", created: 1700000000 }),
      "mismatched_payload",
    );
    expectError(() => paynorm.normalize("auto", "auto", { hello: "world" }), "undetectable", null);
    expectError(() => paynorm.detect("{"), "invalid_json", null);
  });

  test("300 bad calls, then good ones", () => {
    for (let i = 0; i < 300; i++) {
      assert.throws(() => paynorm.normalize("stripe", "payments", i % 2 ? "{" : new Uint8Array([0xff])), paynorm.NormalizeError);
    }
    assert.equal(paynorm.normalize("stripe", "payments", PI).amount, "50.00");
  });
});

describe("explain", () => {
  test("every field names its raw source and rule, and the result is normalize's", () => {
    const charge = { id: "ch_1", object: "charge", amount: 5000, amount_refunded: 1500, refunded: false, captured: true, status: "succeeded", currency: "usd", created: 1700000000 };
    const pi = { ...PI, latest_charge: charge };
    const ex = paynorm.explain("stripe", "payments", JSON.stringify(pi));
    assert.deepEqual(ex.result, paynorm.normalize("stripe", "payments", pi));
    assert.equal(ex.provider, "stripe");
    assert.equal(ex.list, false);
    const fields = Object.fromEntries(ex.items[0].fields.map((f) => [f.field, f]));
    assert.deepEqual(fields.amount.sources, ["$.amount"]);
    assert.match(fields.amount.rule, /minor/);
    assert.equal(fields.status.value, "partial");
    assert.ok(fields.status.sources.includes("$.latest_charge.amount_refunded"), fields.status.sources.join());
    assert.match(fields.status.decision, /latest_charge\.amount_refunded = 1500.* -> partial$/);
    assert.equal(fields.expires_on.supported, false);
    assert.deepEqual(fields.expires_on.sources, []);
  });

  test("list items are explained with their own paths", () => {
    const list = { object: "list", has_more: false, url: "/v1/payment_intents", data: [PI, { ...PI, id: "pi_2", created: "bad" }] };
    assert.throws(() => paynorm.explain("auto", "auto", list), (e) => e instanceof paynorm.NormalizeError && e.path === "$.data[1].created");
    list.data[1].created = 1700000001;
    const ex = paynorm.explain("auto", "auto", list);
    assert.equal(ex.list, true);
    assert.deepEqual(ex.items.map((i) => i.path), ["$.data[0]", "$.data[1]"]);
    assert.deepEqual(ex.items[1].fields.find((f) => f.field === "created_at").sources, ["$.data[1].created"]);
  });
});

describe("detect and coverage", () => {
  test("detect", () => {
    assert.deepEqual(paynorm.detect(PI_TEXT), { provider: "stripe", resource: "payments", list: false });
    assert.deepEqual(paynorm.detect(PI), { provider: "stripe", resource: "payments", list: false });
    assert.equal(paynorm.detect({ hello: "world" }), null);
  });

  test("coverage rows", () => {
    const rows = paynorm.coverage();
    assert.ok(Array.isArray(rows) && rows.length > 0);
    for (const r of rows) {
      assert.deepEqual(Object.keys(r), ["provider", "resource", "field", "supported", "sources", "rule"]);
    }
    // One provider per registry entry, each with rows, in the registry's order.
    assert.deepEqual([...new Set(rows.map((r) => r.provider))], paynorm.providers().map((p) => p.name));
    assert.ok(rows.some((r) => r.provider === "stripe" && r.resource === "payments" && r.field === "amount" && r.supported));
  });
});

const RESOURCE = { customer: "customers", order: "orders", payment: "payments" };

describe("shared fixtures", { skip: !existsSync(fixtures) && `fixtures not found at ${fixtures} (set PAYNORM_FIXTURES)` }, () => {
  const all = existsSync(fixtures) ? listFixtures() : [];
  const mapped = all.filter((f) => RESOURCE[f.kind.replace(/_list$/, "")]);
  const other = all.filter((f) => f.kind === "other");

  test(`${mapped.length} customer/order/payment fixtures normalize, the same through every input form`, () => {
    const failures = [];
    for (const f of mapped) {
      const resource = RESOURCE[f.kind.replace(/_list$/, "")];
      const text = readFileSync(f.path, "utf8");
      try {
        const r = paynorm.normalize(f.provider, resource, text);
        if (f.kind.endsWith("_list")) {
          assert.ok(Array.isArray(r.result), "result is an array");
          assert.ok(r.next_cursor === null || typeof r.next_cursor === "string");
          r.result.forEach((item, i) => assert.equal(typeof item.id, "string", `result[${i}].id`));
        } else {
          assert.equal(typeof r.id, "string");
          if (resource !== "customers") assert.equal(typeof r.status, "string");
          assert.deepEqual(r.remote_data, JSON.parse(text), "remote_data is the input");
        }
        assert.deepEqual(paynorm.normalize(f.provider, resource, readFileSync(f.path)), r, "bytes");
        assert.deepEqual(JSON.parse(paynorm.normalizeJson(f.provider, resource, text)), r, "normalizeJson");
        const d = paynorm.detect(text);
        assert.ok(d && d.provider === f.provider, `detect says ${JSON.stringify(d)}`);
        assert.deepEqual(paynorm.normalize("auto", "auto", text), r, "auto");
      } catch (e) {
        failures.push(`${f.provider}/${f.kind}/${f.name}: ${e.code ?? ""} ${e.message.split("\n")[0]}`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${mapped.length} failed`);
  });

  test(`${other.length} "other" fixtures give a coded error for every resource`, () => {
    const failures = [];
    for (const f of other) {
      for (const resource of ["customers", "orders", "payments"]) {
        try {
          const r = paynorm.normalize(f.provider, resource, readFileSync(f.path, "utf8"));
          failures.push(`${f.provider}/other/${f.name} as ${resource}: gave ${JSON.stringify(r).slice(0, 80)}`);
        } catch (e) {
          if (!(e instanceof paynorm.NormalizeError)) failures.push(`${f.name}: ${e}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});

describe("webhooks in a plain node:http server (the README's Node handler)", () => {
  test("a signed Stripe delivery is 200 with the unified event; tampered, stale or unsigned is a coded 400", async () => {
    const secret = "whsec_node_http_secret";
    // The README's handler: collect the raw chunks, pass the Buffer and req.headers as they are.
    const server = createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        try {
          const event = paynorm.constructEvent("stripe", Buffer.concat(chunks), req.headers, ["whsec_old_secret", secret]);
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(event));
        } catch (e) {
          if (!(e instanceof paynorm.NormalizeError)) throw e;
          res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code: e.code, message: e.message }));
        }
      });
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${server.address().port}/webhooks/stripe`;
    try {
      const body = readFileSync(`${fixtures}/stripe/webhook/rubymock_event_charge_refunded.json`, "utf8");
      const sign = (t, b) => `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${b}`).digest("hex")}`;
      const now = Math.floor(Date.now() / 1000);
      const post = async (b, headers) => {
        const res = await fetch(url, { method: "POST", body: b, headers });
        return { status: res.status, body: await res.json() };
      };
      const ok = await post(body, { "Stripe-Signature": sign(now, body) });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.type, "payment.refunded");
      assert.equal(ok.body.data.status, "refunded");
      assert.deepEqual(ok.body.remote_data, JSON.parse(body));
      assert.equal((await post(body.replace("ch_", "ch_X"), { "Stripe-Signature": sign(now, body) })).body.code, "signature_mismatch");
      assert.equal((await post(body, { "Stripe-Signature": sign(now - 3600, body) })).body.code, "timestamp_outside_tolerance");
      assert.equal((await post(body, {})).body.code, "signature_missing");
      // A parsed object as the body is refused with a hint at the raw body.
      expectError(() => paynorm.verifyWebhook("stripe", JSON.parse(body), sign(now, body), secret), "invalid_input");
      // The event types and provider errors are there too.
      assert.ok(paynorm.eventTypes().some((r) => r.provider === "razorpay" && r.provider_type === "payment.captured" && r.type === "payment.succeeded"));
      const err = paynorm.normalizeError("auto", readFileSync(`${fixtures}/checkout/error/nodesdk_404_not_found_request_id_only.json`), { status: 404 });
      assert.deepEqual([err.provider, err.type, err.request_id, err.retryable], ["checkout", "not_found", "req_123", false]);
    } finally {
      server.close();
    }
  });
});
