// The package's workerd entry inside real workerd (Miniflare): `import wasmModule from
// "./paynorm_bg.wasm"` (CompiledWasm) + initSync at module scope. Run: npm run build && npm run
// test:workerd
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { workerdFor } from "./miniflare.mjs";
import { fixtures, installPackage } from "../node/helpers.mjs";
import { badPayload, GOOD } from "./bad-payloads.mjs";

let mf;
// Known secrets, given to the Worker as bindings; the test signs with them at run time.
const STRIPE_WEBHOOK_SECRET = "whsec_workerd_test_secret";
const RAZORPAY_WEBHOOK_SECRET = "rzp_workerd_webhook_secret";

before(async () => {
  const { app } = installPackage("workerd");
  const pkgDir = join(app, "node_modules", "paynorm");
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const entry = manifest.exports["."].workerd.default;
  const specifier = "./" + relative(app, join(pkgDir, entry)).split("\\").join("/");
  const source = readFileSync(new URL("./worker.js", import.meta.url), "utf8").replace("\"__PAYNORM__\"", JSON.stringify(specifier));
  writeFileSync(join(app, "worker.js"), source);
  mf = workerdFor(app, { bindings: { STRIPE_WEBHOOK_SECRET, RAZORPAY_WEBHOOK_SECRET } });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
});

async function post(path, body) {
  const res = await mf.dispatchFetch(`http://localhost${path}`, { method: "POST", body });
  return { status: res.status, body: await res.json() };
}

const PI = '{"id":"pi_1","object":"payment_intent","amount":5120,"currency":"kwd","status":"succeeded","created":1700000000,"metadata":{"__proto__":{"x":1}}}';

describe("workerd", () => {
  test("a raw payload comes back unified", async () => {
    const { status, body } = await post("/normalize?provider=stripe&resource=payments", PI);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.id, "pi_1");
    assert.equal(body.amount, "5.120");
    assert.equal(body.currency, "KWD");
    assert.equal(body.status, "paid");
    assert.deepEqual(body.remote_data, JSON.parse(PI));
    const auto = await post("/normalize", PI);
    assert.deepEqual(auto.body, body);
    const obj = await post("/normalize-object?provider=stripe&resource=payment", PI);
    assert.deepEqual(obj.body, body);
    assert.deepEqual((await post("/detect", PI)).body, { provider: "stripe", resource: "payments", list: false });
  });

  test("bad payloads are a 400 with {code, message, path}", async () => {
    const cases = [
      ["/normalize?provider=stripe&resource=payments", "{", "invalid_json", null],
      ["/normalize?provider=stripe&resource=payments", new Uint8Array([0x22, 0xff, 0x22]), "invalid_json", null],
      ["/normalize?provider=stripe&resource=payments", "", "invalid_json", null],
      ["/normalize?provider=paypal&resource=payments", PI, "unsupported_provider", null],
      ["/normalize?provider=stripe&resource=refunds", PI, "unsupported_resource", null],
      ["/normalize?provider=stripe&resource=payments", "[1]", "invalid_payload", "$[0]"],
      ["/normalize?provider=stripe&resource=payments", PI.replace("5120", '"5120"'), "invalid_payload", "$.amount"],
      ["/normalize?provider=stripe&resource=payments", '{"id":"cus_1","object":"customer","created":1700000000}', "mismatched_payload", undefined],
      ["/normalize", '{"hello":"world"}', "undetectable", null],
      ["/normalize-bytes?provider=stripe&resource=payments", PI.replace("5120", '"5120"'), "invalid_payload", "$.amount"],
      // Valid but 100,000 deep: deeper than 128 levels is invalid_json for every call
      // (docs/mapping.md#limits-and-leniency), with the path of the first value too deep.
      ["/normalize?provider=stripe&resource=payments", "[".repeat(100000) + "]".repeat(100000), "invalid_json", "$" + "[0]".repeat(128)],
      ["/normalize", "[".repeat(100000) + "]".repeat(100000), "invalid_json", "$" + "[0]".repeat(128)],
      ["/normalize-bytes", "[".repeat(100000) + "]".repeat(100000), "invalid_json", "$" + "[0]".repeat(128)],
    ];
    for (const [path, payload, code, jsonPath] of cases) {
      const { status, body } = await post(path, payload);
      assert.equal(status, 400, `${code}: ${JSON.stringify(body)}`);
      assert.equal(body.code, code, body.message);
      assert.equal(typeof body.message, "string");
      if (jsonPath !== undefined) assert.equal(body.path, jsonPath, body.message);
    }
  });

  test("200 bad payloads, then a good one, in the same instance", async () => {
    for (let i = 0; i < 200; i++) {
      const bad = i % 4 === 0 ? "{" : i % 4 === 1 ? "42" : i % 4 === 2 ? new Uint8Array([0xff, 0xfe]) : '{"hello":1}';
      const { status, body } = await post(i % 4 === 3 ? "/normalize" : "/normalize?provider=stripe&resource=payments", bad);
      assert.equal(status, 400, `bad payload ${i}`);
      assert.ok(["invalid_json", "invalid_payload", "undetectable"].includes(body.code), body.code);
    }
    const { status, body } = await post("/normalize?provider=stripe&resource=payments", PI);
    assert.equal(status, 200);
    assert.equal(body.amount, "5.120");
  });

  test("10,000 bad payloads, then a good one, all in the same instance", { timeout: 300000 }, async () => {
    const N = 10000;
    const first = Number((await mf.dispatchFetch("http://localhost/none")).headers.get("x-served"));
    const codes = {};
    for (let start = 0; start < N; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, N - start) }, async (_, k) => {
          const i = start + k;
          const [provider, resource, body, code] = badPayload(i);
          const res = await mf.dispatchFetch(`http://localhost/normalize?provider=${provider}&resource=${resource}`, { method: "POST", body });
          const out = await res.json();
          assert.equal(res.status, 400, `bad payload ${i}: ${JSON.stringify(out)}`);
          // Where a payload could fail two ways the first check decides; the code is always coded.
          assert.ok(out.code === code || (code === "invalid_payload" && out.code === "mismatched_payload"), `bad payload ${i}: expected ${code}, got ${out.code}: ${out.message}`);
          codes[out.code] = (codes[out.code] ?? 0) + 1;
        }),
      );
    }
    const res = await mf.dispatchFetch("http://localhost/normalize?provider=stripe&resource=payments", { method: "POST", body: GOOD });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual([body.id, body.amount, body.currency, body.status], ["pi_1", "5.120", "KWD", "paid"]);
    assert.equal(Number(res.headers.get("x-served")), first + N + 1, "every request was served by the same instance");
    assert.ok(Object.keys(codes).length >= 6, JSON.stringify(codes));
  });

  test("real fixtures (one per provider x kind)", { skip: !existsSync(fixtures) && `fixtures not found at ${fixtures}` }, async () => {
    const kinds = { customer: "customers", order: "orders", payment: "payments", customer_list: "customers", order_list: "orders", payment_list: "payments" };
    let n = 0;
    for (const provider of readdirSync(fixtures).filter((p) => !p.includes("."))) {
      for (const [kind, resource] of Object.entries(kinds)) {
        const dir = join(fixtures, provider, kind);
        if (!existsSync(dir)) continue;
        const file = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()[0];
        if (!file) continue;
        const raw = readFileSync(join(dir, file));
        const { status, body } = await post(`/normalize?provider=${provider}&resource=${resource}`, raw);
        assert.equal(status, 200, `${provider}/${kind}/${file}: ${JSON.stringify(body)}`);
        // normalizeJsonBytes answers the very same bytes as normalizeJson's text.
        const query = `provider=${provider}&resource=${resource}`;
        const [text, bytes] = await Promise.all(["normalize", "normalize-bytes"].map(async (route) =>
          Buffer.from(await (await mf.dispatchFetch(`http://localhost/${route}?${query}`, { method: "POST", body: raw })).arrayBuffer())));
        assert.ok(bytes.equals(text), `${provider}/${kind}/${file}: normalizeJsonBytes differs from normalizeJson`);
        assert.ok(kind.endsWith("_list") ? Array.isArray(body.result) : typeof body.id === "string", `${provider}/${kind}/${file}`);
        n++;
      }
    }
    assert.ok(n >= 10, `${n} fixtures posted`);
  });

  test("a webhook is verified in workerd: 200 with the unified event, 400 signature_mismatch when tampered", async () => {
    const hook = async (provider, body, headers) => {
      const res = await mf.dispatchFetch(`http://localhost/webhook/${provider}`, { method: "POST", body, headers });
      return { status: res.status, body: await res.json() };
    };
    const hex = (key, msg) => createHmac("sha256", key).update(msg).digest("hex");
    // Stripe: t=<now>,v1=HMAC("<t>." + body); the Worker's clock is the default `now`.
    const stripeBody = readFileSync(join(fixtures, "stripe/webhook/rubymock_event_payment_intent_succeeded.json"), "utf8");
    const t = Math.floor(Date.now() / 1000);
    const sig = `t=${t},v1=${hex(STRIPE_WEBHOOK_SECRET, `${t}.${stripeBody}`)}`;
    const ok = await hook("stripe", stripeBody, { "Stripe-Signature": sig });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.type, "payment.succeeded");
    assert.equal(ok.body.provider_type, "payment_intent.succeeded");
    assert.equal(ok.body.resource, "payments");
    assert.equal(ok.body.data.status, "paid");
    assert.deepEqual(ok.body.remote_data, JSON.parse(stripeBody));
    const tampered = stripeBody.replace('"livemode": false', '"livemode": true');
    assert.notEqual(tampered, stripeBody);
    const bad = await hook("stripe", tampered, { "Stripe-Signature": sig });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, "signature_mismatch", JSON.stringify(bad.body));
    // Razorpay: HMAC of the raw body; the event id from x-razorpay-event-id.
    const rzpBody = readFileSync(join(fixtures, "razorpay/webhook/wh_payment_captured_card.json"), "utf8");
    const rzpHeaders = { "X-Razorpay-Signature": hex(RAZORPAY_WEBHOOK_SECRET, rzpBody), "x-razorpay-event-id": "EvtWorkerd1" };
    const rzp = await hook("razorpay", rzpBody, rzpHeaders);
    assert.equal(rzp.status, 200, JSON.stringify(rzp.body));
    assert.equal(rzp.body.id, "EvtWorkerd1");
    assert.equal(rzp.body.type, "payment.succeeded");
    assert.equal(rzp.body.data.id, JSON.parse(rzpBody).payload.payment.entity.id);
    const rzpBad = await hook("razorpay", rzpBody.replace("captured", "CAPTURED"), rzpHeaders);
    assert.equal(rzpBad.status, 400);
    assert.equal(rzpBad.body.code, "signature_mismatch", JSON.stringify(rzpBad.body));
    // No header at all.
    const missing = await hook("razorpay", rzpBody, {});
    assert.equal(missing.body.code, "signature_missing");
  });
});
