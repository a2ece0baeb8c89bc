// Node (ESM): node main.mjs [payload.json] [provider] [resource]
// Prints the unified JSON of a provider payload; with no file, a built-in Stripe PaymentIntent.
// No `await init()`: the "node" entry instantiates the wasm during `import`.
import { readFileSync } from "node:fs";
import { normalize, detect, NormalizeError } from "paynorm";

const [file, provider = "auto", resource = "auto"] = process.argv.slice(2);
const input = file
  ? readFileSync(file) // bytes are fine: Buffer is a Uint8Array
  : '{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000}';

try {
  console.error("detected:", JSON.stringify(detect(input)));
  console.log(JSON.stringify(normalize(provider, resource, input, { remote_data: false }), null, 2));
} catch (e) {
  if (!(e instanceof NormalizeError)) throw e;
  console.error(`${e.code}: ${e.message}${e.path ? ` at ${e.path}` : ""}`);
  process.exitCode = 1;
}
