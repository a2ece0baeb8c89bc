// Issue 8, point 3-5, through the packed npm package: normalize / normalizeJson(Bytes) write the input
// into wasm memory with `TextEncoder.encodeInto` and get the unified JSON back without
// `remote_data`, which the JS side fills from the input it already holds. Checked here against
// the binding's own exports (the installed package's pkg/paynorm.js in a second instance, which
// copy everything through the glue): byte-identical `normalizeJson` text, the same objects in the
// same key order from `normalize`, the same errors; the caller's own objects as `remote_data` for
// `normalize(object)`; every result survives JSON.stringify and structuredClone.
// Run: npm run build && node --test tests/node/splice.test.mjs
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, test } from "node:test";
import { fixtures, importInApp, installPackage, listFixtures } from "./helpers.mjs";

let paynorm;
let glue; // the binding's exports, without the JS fast path
let internal; // pkg/core.js's test-only calls, on the entry's instance

before(async () => {
  const { app } = installPackage("splice");
  ({ paynorm } = await importInApp("splice-app.mjs", `import * as paynorm from "paynorm";\nexport { paynorm };\n`));
  const dir = join(app, "node_modules", "paynorm", "pkg");
  glue = await import(pathToFileURL(join(dir, "paynorm.js")).href);
  glue.initSync({ module: readFileSync(join(dir, "paynorm_bg.wasm")) });
  const { createApi } = await import(pathToFileURL(join(dir, "core.js")).href);
  internal = createApi(undefined).__paynorm_internal;
});

const outcome = (fn) => {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.ok(e instanceof Error && typeof e.code === "string", `uncoded: ${e}`);
    return { code: e.code, message: e.message, path: e.path ?? null };
  }
};

/** The providers as the package lists them (coverage rows), plus auto: no hard-coded list. */
const providers = () => [...new Set(paynorm.coverage().map((r) => r.provider)), "auto"];
const RESOURCES = ["customers", "orders", "payments", "auto"];

function sameAsBinding(provider, resource, text, where) {
  const bytes = new TextEncoder().encode(text);
  const want = outcome(() => glue.normalizeJson(provider, resource, text));
  assert.deepEqual(outcome(() => paynorm.normalizeJson(provider, resource, text)), want, `${where}: normalizeJson(text)`);
  assert.deepEqual(outcome(() => paynorm.normalizeJson(provider, resource, bytes)), want, `${where}: normalizeJson(bytes)`);
  // normalizeJsonBytes: the UTF-8 of that same text, from the fast path and from the binding.
  const wantBytes = want.ok === undefined ? want : { ok: new TextEncoder().encode(want.ok) };
  for (const [form, call] of [
    ["text", () => paynorm.normalizeJsonBytes(provider, resource, text)],
    ["bytes", () => paynorm.normalizeJsonBytes(provider, resource, bytes)],
    ["binding", () => glue.normalizeJsonBytes(provider, resource, text)],
  ]) {
    const got = outcome(call);
    if (got.ok !== undefined) assert.ok(got.ok instanceof Uint8Array, `${where}: normalizeJsonBytes(${form}) is a Uint8Array`);
    assert.deepEqual(got, wantBytes, `${where}: normalizeJsonBytes(${form})`);
  }
  const wantObjects = outcome(() => JSON.stringify(glue.normalize(provider, resource, text)));
  const got = outcome(() => paynorm.normalize(provider, resource, text));
  assert.deepEqual(got.ok === undefined ? got : { ok: JSON.stringify(got.ok) }, wantObjects, `${where}: normalize(text)`);
  if (got.ok !== undefined) {
    assert.doesNotThrow(() => structuredClone(got.ok), `${where}: structuredClone`);
    const once = JSON.stringify(got.ok);
    assert.equal(JSON.stringify(JSON.parse(once)), once, `${where}: JSON round trip`);
  }
  return want.ok !== undefined;
}

describe("normalize / normalizeJson fast path", { skip: !existsSync(fixtures) && `fixtures not found at ${fixtures}` }, () => {
  test("every fixture, provider and resource: the same bytes, objects and errors as the binding", () => {
    let ok = 0;
    let calls = 0;
    for (const f of listFixtures()) {
      const text = readFileSync(f.path, "utf8");
      for (const p of providers()) {
        for (const r of RESOURCES) {
          calls++;
          if (sameAsBinding(p, r, text, `${f.provider}/${f.kind}/${f.name} as ${p} ${r}`)) ok++;
        }
      }
    }
    assert.ok(calls > 5000 && ok > 900, `${calls} calls, ${ok} results`);
  });
});

describe("normalize / normalizeJson fast path, edge inputs", () => {
  const pi = (extra = "") =>
    `{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000,"description":"Zoë's 🎉 order","metadata":{"note":"naïve ✓","order_id":"ord_€"}${extra}}`;

  test("non-ASCII text, a byte-order mark, whitespace, -0 and lists", () => {
    const cases = [
      pi(),
      "\uFEFF" + pi(),
      ` \n\t${pi()}\r\n`,
      pi(',"amount_received":-0'),
      `{"object":"list","data":[${pi()},${pi().replace("pi_1", "pi_2")}],"has_more":true,"url":"/v1/payment_intents"}`,
      `[${pi()} , ${pi().replace("Zoë", "Zoe")}]`,
      `{"object":"list","data":[],"has_more":false,"url":"/v1/payment_intents"}`,
      // UTF-16 offsets counted sixteen bytes at a time: astral characters (two units, four bytes)
      // and other non-ASCII text before later items, at every alignment.
      ...Array.from({ length: 17 }, (_, k) =>
        `{"object":"list","data":[${pi().replace("Zoë", "Zoë😀€" + "x".repeat(k) + "😀é")},${pi().replace("pi_1", "pi_2")},${pi().replace("pi_1", "pi_3😀")}],"has_more":true,"url":"/v1/payment_intents"}`),
    ];
    for (const [i, text] of cases.entries()) {
      for (const p of ["stripe", "auto"]) for (const r of ["payments", "auto"]) assert.ok(sameAsBinding(p, r, text, `case ${i} ${p} ${r}`));
    }
    // Errors and options that leave nothing to splice.
    for (const text of ["{", "[1]", '{"id":5,"object":"payment_intent"}', "", "\uFEFF"]) sameAsBinding("stripe", "payments", text, JSON.stringify(text));
    for (const options of [{ remote_data: false }, { exclude_fields: ["metadata", "remote_data"] }, { exclude_fields: ["customer.email"] }]) {
      assert.equal(paynorm.normalizeJson("stripe", "payments", pi(), options), glue.normalizeJson("stripe", "payments", pi(), options));
      assert.equal(new TextDecoder().decode(paynorm.normalizeJsonBytes("stripe", "payments", pi(), options)), glue.normalizeJson("stripe", "payments", pi(), options));
      assert.deepEqual(paynorm.normalize("stripe", "payments", pi(), options), glue.normalize("stripe", "payments", pi(), options));
    }
  });

  test("normalize(object): remote_data is the caller's own object, the mapping is the binding's", () => {
    const one = JSON.parse(pi());
    const r = paynorm.normalize("stripe", "payments", one);
    assert.equal(r.remote_data, one);
    assert.deepEqual({ ...r, remote_data: null }, { ...glue.normalize("stripe", "payments", one), remote_data: null });
    const list = JSON.parse(`{"object":"list","data":[${pi()},${pi().replace("pi_1", "pi_2")}],"has_more":false,"url":"/v1/payment_intents"}`);
    const l = paynorm.normalize("auto", "auto", list);
    assert.equal(l.result.length, 2);
    l.result.forEach((item, i) => assert.equal(item.remote_data, list.data[i]));
    const bare = [JSON.parse(pi())];
    assert.equal(paynorm.normalize("stripe", "payments", bare).result[0].remote_data, bare[0]);
    // The key order of every result is the binding's (remote_data last).
    assert.deepEqual(Object.keys(r), Object.keys(glue.normalize("stripe", "payments", one)));
    // Values JSON cannot hold are the binding's coded errors, unchanged.
    const cyclic = JSON.parse(pi());
    cyclic.self = cyclic;
    const big = { ...JSON.parse(pi()), amount: 10n };
    for (const bad of [cyclic, big]) {
      const got = outcome(() => paynorm.normalize("stripe", "payments", bad));
      assert.equal(got.code, "invalid_input");
      assert.deepEqual(got, outcome(() => glue.normalize("stripe", "payments", bad)));
    }
    // normalizeJsonBytes of an object: the UTF-8 of normalizeJson's text for it.
    assert.deepEqual(paynorm.normalizeJsonBytes("auto", "auto", list), new TextEncoder().encode(glue.normalizeJson("auto", "auto", list)));
    assert.equal(outcome(() => paynorm.normalizeJsonBytes("stripe", "payments", cyclic)).code, "invalid_input");
    // A getter that calls paynorm again while the result is assembled (and makes the items
    // differ from what was read, so remote_data comes from the input's text): the call's own
    // result is unchanged.
    let reads = 0;
    const reentrant = {
      object: "list",
      get data() {
        reads++;
        if (reads > 1) {
          paynorm.normalizeJson("stripe", "payments", `{"object":"list","data":[${pi().replace("pi_1", "pi_9")}],"has_more":false,"url":"/v1/payment_intents"}`);
          return [];
        }
        return [JSON.parse(pi()), JSON.parse(pi().replace("pi_1", "pi_2"))];
      },
      has_more: false,
      url: "/v1/payment_intents",
    };
    const got = paynorm.normalize("stripe", "payments", reentrant);
    assert.ok(reads >= 2, "the getter ran while the result was assembled");
    assert.deepEqual(got.result.map((item) => item.remote_data.id), ["pi_1", "pi_2"]);
    assert.deepEqual(got.result.map((item) => item.id), ["pi_1", "pi_2"]);
    // An envelope whose toJSON gives the list: its items are parsed from that JSON text, whose
    // characters outside ASCII make UTF-16 offsets differ from byte offsets.
    const wrapped = { toJSON: () => JSON.parse(`{"object":"list","data":[${pi()},${pi().replace("pi_1", "pi_2")}],"has_more":false,"url":"/v1/payment_intents"}`) };
    assert.deepEqual(paynorm.normalize("stripe", "payments", wrapped), glue.normalize("stripe", "payments", wrapped));
    // toJSON is honoured for the mapping, as JSON.stringify has it.
    const dated = { toJSON: () => JSON.parse(pi()) };
    assert.equal(paynorm.normalize("stripe", "payments", dated).id, "pi_1");
  });

  test("options whose getters call paynorm again: each call answers for its own input", () => {
    const other = `{"id":"pay_2","entity":"payment","amount":100,"currency":"INR","status":"captured","created_at":1}`;
    let inner;
    const options = {
      get remote_data() {
        inner = paynorm.normalizeJson("razorpay", "payments", other);
        return true;
      },
    };
    for (const [form, call, want] of [
      ["normalizeJson", () => paynorm.normalizeJson("stripe", "payments", pi(), options), () => glue.normalizeJson("stripe", "payments", pi())],
      ["normalizeJsonBytes", () => new TextDecoder().decode(paynorm.normalizeJsonBytes("stripe", "payments", pi(), options)), () => glue.normalizeJson("stripe", "payments", pi())],
      ["normalize", () => JSON.stringify(paynorm.normalize("stripe", "payments", pi(), options)), () => JSON.stringify(glue.normalize("stripe", "payments", pi()))],
    ]) {
      inner = undefined;
      assert.equal(call(), want(), form);
      assert.equal(inner, glue.normalizeJson("razorpay", "payments", other), `${form}: the inner call`);
    }
  });

  test("max_input_bytes: UTF-8 bytes count, and a raised limit lets a larger input through", () => {
    const MiB = 1024 * 1024;
    const padded = (n) => pi(`,"pad":"${"x".repeat(n)}"`);
    const over = padded(17 * MiB);
    assert.equal(outcome(() => paynorm.normalizeJson("stripe", "payments", over)).code, "input_too_large");
    const raised = paynorm.normalizeJson("stripe", "payments", over, { max_input_bytes: 32 * MiB });
    assert.equal(raised, glue.normalizeJson("stripe", "payments", over, { max_input_bytes: 32 * MiB }));
    // 40 UTF-16 units, 80 UTF-8 bytes: over a limit of 60 although `.length` is under it.
    const accents = '["' + "é".repeat(40) + '"]';
    assert.equal(outcome(() => paynorm.normalizeJsonBytes("stripe", "payments", over)).code, "input_too_large");
    assert.equal(outcome(() => paynorm.normalizeJsonBytes("stripe", "payments", new TextEncoder().encode(over))).code, "input_too_large");
    const e = outcome(() => paynorm.normalizeJson("stripe", "payments", accents, { max_input_bytes: 60 }));
    assert.equal(e.code, "input_too_large");
    assert.match(e.message, /limit of 60 bytes/);
    assert.equal(outcome(() => paynorm.normalizeJson("stripe", "payments", accents, { max_input_bytes: 84 })).code, "invalid_payload");
    // Characters of every UTF-8 length, growing the buffer past the first guess.
    const mixed = pi(`,"pad":"${"aé€😀".repeat(50_000)}"`);
    assert.equal(paynorm.normalizeJson("stripe", "payments", mixed), glue.normalizeJson("stripe", "payments", mixed));
    assert.equal(outcome(() => paynorm.normalizeJson("stripe", "payments", mixed, { max_input_bytes: 500_000 })).code, "input_too_large");
    // An invalid limit is the binding's own coded error.
    assert.deepEqual(
      outcome(() => paynorm.normalizeJson("stripe", "payments", pi(), { max_input_bytes: -1 })),
      outcome(() => glue.normalizeJson("stripe", "payments", pi(), { max_input_bytes: -1 })),
    );
  });

  test("names: every spelling the binding accepts goes by its code, any other is the binding's error", () => {
    // The fast path learns a code per distinct provider / resource string and keeps at most 64
    // of each: far more spellings than that, valid and not, all answer as the binding does.
    const spellings = (name) => [name, name.toUpperCase(), ` ${name}`, `${name}\t`, name[0].toUpperCase() + name.slice(1)];
    const names = [...new Set(paynorm.coverage().map((r) => r.provider)), "auto", "strip", "", "stripe!"];
    const resources = ["payments", "payment", "customers", "customer", "orders", "order", "auto", "refunds", " "];
    const text = pi();
    let calls = 0;
    for (let round = 0; round < 2; round++) {
      for (const n of names) {
        for (const p of spellings(n || "x").concat(n === "" ? [""] : [])) {
          for (const r of resources.flatMap((r) => (r.trim() ? spellings(r) : [r]))) {
            calls++;
            assert.deepEqual(outcome(() => paynorm.normalizeJson(p, r, text)), outcome(() => glue.normalizeJson(p, r, text)), `${JSON.stringify(p)} ${JSON.stringify(r)}`);
          }
        }
      }
    }
    assert.ok(calls > 1000, `${calls} calls`);
  });

  test("after a trap the fast path works on the fresh instance", () => {
    assert.equal(paynorm.normalizeJson("stripe", "payments", pi()), glue.normalizeJson("stripe", "payments", pi()));
    assert.equal(outcome(() => internal.trap()).code, "internal_error");
    assert.equal(paynorm.normalizeJson("stripe", "payments", pi()), glue.normalizeJson("stripe", "payments", pi()));
    assert.equal(outcome(() => internal.trap()).code, "internal_error");
    assert.deepEqual(paynorm.normalizeJsonBytes("stripe", "payments", pi()), new TextEncoder().encode(glue.normalizeJson("stripe", "payments", pi())));
  });
});
