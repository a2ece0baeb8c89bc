// `paynorm/schema.json` (JSON Schema 2020-12, generated from the Rust types) validates the real
// output of every shared fixture: the packed package installed into a fresh app, the schema
// imported through its exported subpath, ajv's 2020-12 build with formats. Run: npm run build &&
// node --test tests/node/schema.test.mjs
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { before, describe, test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { fixtures, importInApp, installPackage, listFixtures } from "./helpers.mjs";

let paynorm;
let schema;
let ajv;
before(async () => {
  installPackage("schema");
  // As a user would: `import schema from "paynorm/schema.json" with { type: "json" }`.
  const mod = await importInApp(
    "schema-app.mjs",
    `import schema from "paynorm/schema.json" with { type: "json" };
import * as paynorm from "paynorm";
export { schema, paynorm };
`,
  );
  ({ schema, paynorm } = mod);
  ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(schema);
});

const ref = (name) => `${schema.$id}#/$defs/${name}`;
const SHAPE = { customer: "Customer", order: "Order", payment: "Payment" };
const RESOURCE = { customer: "customers", order: "orders", payment: "payments" };

function check(name, value) {
  const validate = ajv.getSchema(ref(name));
  assert.ok(validate, `no $defs/${name}`);
  return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
}

describe("paynorm/schema.json", () => {
  test("is a draft 2020-12 schema with the unified shapes and the error", () => {
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    assert.equal(schema.$id, `https://unpkg.com/paynorm@${version}/pkg/schema.json`, "the crate and the npm package share a version");
    for (const name of ["Customer", "Order", "Payment", "CustomerList", "OrderList", "PaymentList", "Error", "Status"]) {
      assert.ok(schema.$defs[name], name);
    }
    assert.deepEqual(schema.$defs.ErrorCode.enum.slice(0, 7), [
      "invalid_json", "invalid_input", "unsupported_provider", "unsupported_resource",
      "invalid_payload", "mismatched_payload", "undetectable",
    ]);
  });

  test("catches a wrong output (so the fixture checks below can fail)", () => {
    const p = paynorm.normalize("stripe", "payments", '{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000}');
    assert.deepEqual(check("Payment", p), []);
    assert.notDeepEqual(check("Payment", { ...p, amount: 50 }), [], "amount must be a decimal string");
    assert.notDeepEqual(check("Payment", { ...p, amount: "50,00" }), [], "amount is a plain decimal");
    assert.notDeepEqual(check("Payment", { ...p, created_at: "yesterday" }), [], "times are RFC 3339");
    assert.notDeepEqual(check("Payment", { ...p, surprise: 1 }), [], "no unknown fields");
    const { status, ...noStatus } = p;
    void status;
    assert.notDeepEqual(check("Payment", noStatus), [], "status is required");
    assert.notDeepEqual(check("Order", p), [], "a payment is not an order");
  });

  test("describes thrown errors", () => {
    let thrown;
    try {
      paynorm.normalize("stripe", "payments", '{"id":"pi_1","object":"payment_intent","amount":"x"}');
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof paynorm.NormalizeError);
    assert.deepEqual(check("Error", { code: thrown.code, message: thrown.message, path: thrown.path ?? null }), []);
    assert.notDeepEqual(check("Error", { code: "oops", message: "", path: null }), []);
  });

  describe("every shared fixture's output", { skip: !existsSync(fixtures) && `fixtures not found at ${fixtures}` }, () => {
    const all = existsSync(fixtures) ? listFixtures() : [];
    const mapped = all.filter((f) => SHAPE[f.kind.replace(/_list$/, "")]);

    for (const remote_data of [true, false]) {
      test(`${mapped.length} customer/order/payment fixtures and lists validate (remote_data: ${remote_data})`, () => {
        assert.ok(mapped.length > 100, `only ${mapped.length} fixtures found`);
        const failures = [];
        const seen = new Set();
        for (const f of mapped) {
          const kind = f.kind.replace(/_list$/, "");
          const list = f.kind.endsWith("_list");
          const out = paynorm.normalize(f.provider, RESOURCE[kind], readFileSync(f.path, "utf8"), { remote_data });
          const name = SHAPE[kind] + (list ? "List" : "");
          seen.add(name);
          const errors = [...check(name, out), ...(ajv.validate(schema.$id, out) ? [] : ["root schema rejects it"])];
          if (errors.length) failures.push(`${f.provider}/${f.kind}/${f.name}: ${errors.join("; ")}`);
        }
        assert.deepEqual(failures, [], `${failures.length} of ${mapped.length} fail the schema`);
        for (const name of ["Customer", "Order", "Payment", "CustomerList", "OrderList", "PaymentList"]) assert.ok(seen.has(name), `no fixture for ${name}`);
      });
    }

    // Webhook events and provider errors (docs/webhooks.md) have their shapes in $defs too.
    const events = all.filter((f) => f.kind === "webhook");
    const errors = all.filter((f) => f.kind === "error");
    test(`${events.length} webhook fixtures' events and ${errors.length} error fixtures validate ($defs/Event, $defs/ProviderError)`, () => {
      assert.ok(events.length > 50 && errors.length > 40, `only ${events.length} webhook / ${errors.length} error fixtures found`);
      const failures = [];
      let parsed = 0;
      for (const f of events) {
        let event;
        try {
          event = paynorm.parseWebhook(f.provider, readFileSync(f.path, "utf8"));
        } catch (e) {
          if (!(e instanceof paynorm.NormalizeError)) throw e;
          continue; // the few coded refusals are asserted by tests/webhooks.rs
        }
        parsed++;
        const errs = check("Event", event);
        if (errs.length) failures.push(`${f.provider}/webhook/${f.name}: ${errs.join("; ")}`);
      }
      let normalized = 0;
      for (const f of errors) {
        let error;
        try {
          error = paynorm.normalizeError(f.provider, readFileSync(f.path, "utf8"), { status: 400 });
        } catch (e) {
          if (!(e instanceof paynorm.NormalizeError)) throw e;
          continue;
        }
        normalized++;
        const errs = check("ProviderError", error);
        if (errs.length) failures.push(`${f.provider}/error/${f.name}: ${errs.join("; ")}`);
      }
      assert.deepEqual(failures, [], `${failures.length} fail the schema`);
      assert.ok(parsed >= events.length - 5 && normalized >= errors.length - 2, `parsed ${parsed}/${events.length}, normalized ${normalized}/${errors.length}`);
      const event = paynorm.parseWebhook("stripe", readFileSync(events.find((f) => f.provider === "stripe").path, "utf8"));
      assert.notDeepEqual(check("Event", { ...event, type: "payment.done" }), [], "type is the unified vocabulary");
    });
  });
});
