// The README's main job: normalizes the bundled example payloads (examples/payloads/<provider>/
// <resource>.json, written in each provider's documented shape) through the built npm package,
// imported by its name the way a user does, and prints the unified output of each.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { normalize, detect, parseWebhook, NormalizeError } from "paynorm";

const root = fileURLToPath(new URL("../examples/payloads/", import.meta.url));
let count = 0;
for (const provider of readdirSync(root).sort()) {
  for (const file of readdirSync(join(root, provider)).sort()) {
    const resource = file.replace(/\.json$/, "");
    const text = readFileSync(join(root, provider, file), "utf8");
    if (resource === "webhook") {
      // <provider>/webhook.json is an event body (the preview page's webhook mode).
      const event = parseWebhook("auto", text, { remote_data: false });
      console.log(`\n=== ${provider} webhook event (auto-detected: ${event.provider} ${event.type})`);
      console.log(JSON.stringify(event, null, 2));
      count++;
      continue;
    }
    const found = detect(text);
    console.log(`\n=== ${provider} ${resource}  (auto-detected: ${found ? `${found.provider} ${found.resource}` : "none"})`);
    const unified = normalize(provider, resource, text, { remote_data: false });
    console.log(JSON.stringify(unified, null, 2));
    count++;
  }
}

// And what a caller sees when a payload is wrong.
try {
  normalize("stripe", "payments", '{"id":"pi_1","object":"payment_intent","amount":"50.00"}');
} catch (e) {
  if (!(e instanceof NormalizeError)) throw e;
  console.log(`\n=== a bad payload\nNormalizeError ${e.code} at ${e.path}: ${e.message}`);
}
console.log(`\nnormalized ${count} example payloads`);
