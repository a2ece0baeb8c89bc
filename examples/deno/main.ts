// Deno >= 2.6: deno run main.ts (no permissions needed).
// With `npm:` instead of a package.json: import { normalize } from "npm:paynorm";
// paynorm's "deno" entry imports the .wasm as a compiled module (`import source`, Deno >= 2.6)
// and instantiates it on the first call.
import { normalize, NormalizeError, type Payment } from "paynorm";

const raw =
  '{"id":"pay_1","entity":"payment","amount":50000,"currency":"INR","status":"captured","method":"upi","created_at":1700000000}';

const out = normalize("razorpay", "payments", raw, { remote_data: false });
if ("result" in out) throw new Error("expected one payment");
const payment: Payment = out;
console.log(JSON.stringify(payment));

try {
  normalize("razorpay", "payments", "{");
} catch (e) {
  if (!(e instanceof NormalizeError)) throw e;
  console.log(`error ${e.code}`);
}
