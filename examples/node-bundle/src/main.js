// A Node program bundled into one file (esbuild, bun build, or a Lambda bundle): paynorm's node
// entry reads paynorm_bg.wasm beside the bundle on the first call, so the build copies it there.
import { readFileSync } from "node:fs";
import { detect, normalize, NormalizeError } from "paynorm";

const text = process.argv[2] ? readFileSync(process.argv[2], "utf8") : JSON.stringify({
  id: "pi_1", object: "payment_intent", amount: 5000, currency: "usd", status: "succeeded", created: 1700000000,
});
try {
  console.log(JSON.stringify({ detected: detect(text), payment: normalize("auto", "auto", text, { remote_data: false }) }));
} catch (e) {
  if (!(e instanceof NormalizeError)) throw e;
  console.error(`${e.code}: ${e.message}`);
  process.exitCode = 1;
}
