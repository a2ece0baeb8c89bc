// Wasm memory high-water marks of the packed npm package (issue 11, point 1). Each case runs in a
// fresh Node process with a fresh instance: the packed package's own glue (pkg/paynorm.js) and
// .wasm, instantiated with initSync, so `memory.buffer.byteLength` (which never shrinks) is the
// high-water mark of exactly that case's calls.
//
//   npm run build && node tests/node/memory.mjs            # every case, a table
//   node tests/node/memory.mjs 10mb d1-200mb-x24           # some cases
//
// tests/node/hardening.test.mjs runs the same cases with generous bounds.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fixtures, installPackage } from "./helpers.mjs";

const MiB = 1024 * 1024;

// One Razorpay payment (a real fixture) and a Stripe PaymentIntent, the list items of the cases.
const RAZORPAY_PAYMENT = readFileSync(join(fixtures, "razorpay", "payment", "pytest_payment_created_minimal.json"), "utf8");
const STRIPE_PI = readFileSync(join(fixtures, "stripe", "payment", "djstripe_payment_intent_succeeded_with_charges_list.json"), "utf8");

/** The child: runs one case against a fresh instance and prints a JSON line. */
const CHILD = String.raw`
import { readFileSync } from "node:fs";
const [glueUrl, wasmPath, caseName, razorpay, stripe, entryUrl, coreUrl] = JSON.parse(process.argv[2]);
const glue = await import(glueUrl);
const wasm = glue.initSync({ module: readFileSync(wasmPath) });
let mem = () => wasm.memory.buffer.byteLength;
const MiB = 1024 * 1024;
const limits = glue.limits();

// A list of copies of one item, padded by a metadata string so that the whole is about 'bytes'.
function list(item, bytes, wrap) {
  const one = JSON.parse(item);
  const bare = JSON.stringify(one).length;
  const per = Math.ceil(bytes / limits.max_list_items);
  const pad = "x".repeat(Math.max(0, per - bare - 30));
  if (one.metadata !== undefined) one.metadata = { pad }; else one.notes = { pad };
  const text = JSON.stringify(one);
  const n = Math.max(1, Math.min(limits.max_list_items, Math.floor(bytes / (text.length + 1))));
  const items = "[" + (text + ",").repeat(n - 1) + text + "]";
  return wrap ? wrap(items) : items;
}
const stripeList = (bytes) => list(stripe, bytes, (items) => '{"object":"list","has_more":false,"url":"/v1/payment_intents","data":' + items + "}");
const razorpayList = (bytes) => list(razorpay, bytes);

function call(fn) {
  try { const r = fn(); return { ok: true, items: Array.isArray(r?.result) ? r.result.length : (typeof r === "string" ? JSON.parse(r).result.length : 1) }; }
  catch (e) { return { ok: false, code: e.code, message: String(e.message).slice(0, 200), trap: e instanceof WebAssembly.RuntimeError }; }
}

const out = { case: caseName, baseline: mem(), steps: [] };
const step = (label, input, fn) => { const r = call(fn); out.steps.push({ label, input_bytes: Buffer.byteLength(input), ...r, memory: mem() }); };

switch (caseName) {
  case "1mb": case "10mb": case "16mb-just-under": {
    const bytes = caseName === "1mb" ? 1e6 : caseName === "10mb" ? 1e7 : limits.max_input_bytes - 64 * 1024;
    const input = stripeList(bytes);
    step("normalize stripe payments", input, () => glue.normalize("stripe", "payments", input));
    break;
  }
  case "50mb-raised": {
    const input = stripeList(50e6);
    step("normalize stripe payments, max_input_bytes 64 MiB", input, () => glue.normalize("stripe", "payments", input, { max_input_bytes: 64 * MiB }));
    break;
  }
  case "50mb-default": {
    const input = stripeList(50e6);
    step("normalize stripe payments, default limit", input, () => glue.normalize("stripe", "payments", input));
    break;
  }
  case "d1-200mb-x24": {
    // The D1 reproducer, then 24 requests of a 200 MB list of valid Razorpay payments through
    // normalize, normalizeJson and remote_data: false in turn, then a valid payload just under
    // the limit.
    const d1 = "[" + Array(1e7).fill("{}").join(",") + "]";
    step("D1 reproducer, stripe payments", d1, () => glue.normalize("stripe", "payments", d1));
    step("D1 reproducer, stripe orders", d1, () => glue.normalize("stripe", "orders", d1));
    const item = JSON.stringify(JSON.parse(razorpay));
    const n = Math.ceil(200e6 / (item.length + 1));
    const big = "[" + (item + ",").repeat(n - 1) + item + "]";
    for (let i = 0; i < 24; i++) {
      const how = i % 3;
      step("200 MB razorpay list #" + (i + 1) + (how === 0 ? " normalize" : how === 1 ? " normalizeJson" : " remote_data false"), big, () =>
        how === 0 ? glue.normalize("razorpay", "payments", big)
          : how === 1 ? glue.normalizeJson("razorpay", "payments", big)
          : glue.normalize("razorpay", "payments", big, { remote_data: false }));
    }
    const under = stripeList(limits.max_input_bytes - 64 * 1024);
    step("valid stripe list just under the limit", under, () => glue.normalize("stripe", "payments", under));
    break;
  }
  case "api-16mb-just-under": {
    // Through the public entry (js/core.js's fast path: the input written into a kept buffer,
    // remote_data filled in on the JS side), measured on the entry's own instance.
    const api = await import(entryUrl);
    const { createApi } = await import(coreUrl);
    const internal = createApi(undefined).__paynorm_internal;
    api.limits();
    mem = () => internal.memoryPages() * 65536;
    out.baseline = mem();
    const input = stripeList(limits.max_input_bytes - 64 * 1024);
    step("public normalizeJson, stripe list just under the limit", input, () => api.normalizeJson("stripe", "payments", input));
    step("public normalize, the same list", input, () => api.normalize("stripe", "payments", input));
    break;
  }
  case "200mb-raised": {
    // The limit raised over the input: the list limit answers, memory is the input's copy.
    const item = JSON.stringify(JSON.parse(razorpay));
    const n = Math.ceil(200e6 / (item.length + 1));
    const big = "[" + (item + ",").repeat(n - 1) + item + "]";
    step("200 MB razorpay list, max_input_bytes 256 MiB", big, () => glue.normalize("razorpay", "payments", big, { max_input_bytes: 256 * MiB }));
    break;
  }
  case "worst-tiny-items": {
    // The most items a list may hold, each as small as a payment can be.
    const input = "[" + Array(limits.max_list_items).fill('{"id":"pi_1"}').join(",") + "]";
    step("10,000 minimal stripe payments", input, () => glue.normalize("stripe", "payments", input));
    break;
  }
  case "worst-metadata": {
    // Just under the limit of tiny metadata entries: copied into a parsed value entry by entry.
    const entries = [];
    let size = 0, i = 0;
    while (size < limits.max_input_bytes - 1024) { const e = '"' + (i++).toString(36) + '":1'; entries.push(e); size += e.length + 1; }
    const input = '{"id":"pi_1","object":"payment_intent","metadata":{' + entries.join(",") + "}}";
    step("16 MiB of tiny metadata entries, stripe payment", input, () => glue.normalize("stripe", "payments", input));
    break;
  }
  case "worst-auto": {
    // "auto" parses the whole payload into a value to detect it.
    const input = stripeList(limits.max_input_bytes - 64 * 1024);
    step("auto/auto, stripe list just under the limit", input, () => glue.normalize("auto", "auto", input));
    break;
  }
  default:
    throw new Error("unknown case " + caseName);
}
out.high_water = mem();
console.log(JSON.stringify(out));
`;

export const CASES = ["1mb", "10mb", "16mb-just-under", "api-16mb-just-under", "50mb-default", "50mb-raised", "d1-200mb-x24", "200mb-raised", "worst-tiny-items", "worst-metadata", "worst-auto"];

/** Runs one case in a fresh Node process against the installed package; returns its report. */
export function runCase(name) {
  const { app } = installPackage("memory");
  const child = join(app, "memory-child.mjs");
  writeFileSync(child, CHILD);
  const pkg = join(app, "node_modules", "paynorm", "pkg");
  const args = JSON.stringify([
    pathToFileURL(join(pkg, "paynorm.js")).href,
    join(pkg, "paynorm_bg.wasm"),
    name,
    RAZORPAY_PAYMENT,
    STRIPE_PI,
    pathToFileURL(join(pkg, "node.js")).href,
    pathToFileURL(join(pkg, "core.js")).href,
  ]);
  const out = execFileSync(process.execPath, ["--max-old-space-size=6144", child, args], { cwd: app, encoding: "utf8", maxBuffer: 64 * MiB });
  return JSON.parse(out.trim().split("\n").pop());
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : CASES;
  const mb = (n) => (n / MiB).toFixed(1);
  for (const name of names) {
    const r = runCase(name);
    console.log(`\n${r.case}: baseline ${mb(r.baseline)} MiB, high-water ${mb(r.high_water)} MiB`);
    for (const s of r.steps) {
      console.log(`  ${s.label}: input ${mb(s.input_bytes)} MiB -> ${s.ok ? `ok, ${s.items} item(s)` : `${s.code}${s.trap ? " (TRAP)" : ""}: ${s.message}`}; memory ${mb(s.memory)} MiB`);
    }
  }
}
