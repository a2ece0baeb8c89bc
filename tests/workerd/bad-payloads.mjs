// Bad payloads for the robustness tests: 10,000 requests that must each come back as a coded
// 400, in the same Worker instance, followed by a good one. Every kind of failure the wasm can
// meet: not JSON, invalid UTF-8, deep nesting, wrong types, mismatched and undetectable payloads,
// unknown provider / resource, huge numbers and strings.
const PI = { id: "pi_1", object: "payment_intent", amount: 5120, currency: "kwd", status: "succeeded", created: 1700000000 };

const KINDS = [
  (i) => ["stripe", "payments", `{"id":"pi_${i}",`, "invalid_json"],
  (i) => ["stripe", "payments", new Uint8Array([0x22, 0xff, 0xfe, i & 0x7f, 0x22]), "invalid_json"],
  () => ["stripe", "payments", "[".repeat(5000) + "]".repeat(5000), "invalid_json"],
  () => ["auto", "auto", "[".repeat(5000) + "]".repeat(5000), "invalid_json"],
  (i) => ["stripe", "payments", String(i), "invalid_payload"],
  (i) => ["stripe", "payments", JSON.stringify({ ...PI, id: `pi_${i}`, amount: `${i}` }), "invalid_payload"],
  (i) => ["stripe", "payments", JSON.stringify({ ...PI, id: `pi_${i}`, created: "yesterday" }), "invalid_payload"],
  (i) => ["stripe", "payments", JSON.stringify({ id: `cus_${i}`, object: "customer", created: 1700000000 }), "mismatched_payload"],
  (i) => ["auto", "auto", JSON.stringify({ hello: i }), "undetectable"],
  (i) => ["paypal", "payments", JSON.stringify(PI), "unsupported_provider"],
  () => ["checkout", "orders", JSON.stringify(PI), "unsupported_resource"],
  (i) => ["razorpay", "payments", JSON.stringify({ entity: "payment", id: `pay_${i}`, amount: "9".repeat(400), currency: "INR", status: "captured" }), "invalid_payload"],
  (i) => ["juspay", "orders", JSON.stringify({ order_id: 12345 + i, amount: "x" }), "invalid_payload"],
  () => ["stripe", "payments", "", "invalid_json"],
];

/** The i-th bad payload: [provider, resource, body, expected code]. */
export function badPayload(i) {
  return KINDS[i % KINDS.length](i);
}

export const GOOD = JSON.stringify(PI);
