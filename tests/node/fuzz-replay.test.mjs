// Replays the fuzz corpora (fuzz/corpus/*, grown by scripts/fuzz-smoke.sh or fuzz/campaign.sh;
// the fixtures themselves when none exists) through the packed npm package: no input traps, every
// failure is a coded NormalizeError with a one-line message, every result survives
// JSON.stringify, normalizeJson's text is JSON, and the instance still works afterwards.
// FUZZ_CORPUS names another corpus folder (as scripts/fuzz-smoke.sh takes it).
// PAYNORM_REPLAY_MAX caps the inputs (default 4000, smallest first).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { importInApp, installPackage, listFixtures, root } from "./helpers.mjs";

const CODES = new Set([
  "invalid_json", "invalid_input", "unsupported_provider", "unsupported_resource", "invalid_payload",
  "mismatched_payload", "undetectable", "input_too_large",
]);

function inputs() {
  const files = [];
  const corpus = process.env.FUZZ_CORPUS ? resolve(root, "fuzz", process.env.FUZZ_CORPUS) : join(root, "fuzz", "corpus");
  if (existsSync(corpus)) {
    for (const t of readdirSync(corpus)) {
      for (const f of readdirSync(join(corpus, t))) files.push(join(corpus, t, f));
    }
  }
  for (const f of listFixtures()) files.push(f.path);
  const seen = new Set();
  const out = [];
  // A running campaign may remove corpus files meanwhile: those are skipped.
  const sized = files.map((f) => { try { return [f, statSync(f).size]; } catch { return null; } }).filter(Boolean);
  for (const f of sized.sort((a, b) => a[1] - b[1])) {
    let bytes;
    try { bytes = readFileSync(f[0]); } catch { continue; }
    const hash = createHash("sha1").update(bytes).digest("hex");
    if (seen.has(hash)) continue;
    seen.add(hash);
    out.push({ file: f[0], bytes: new Uint8Array(bytes) });
  }
  return out.slice(0, Number(process.env.PAYNORM_REPLAY_MAX || 4000));
}

test("fuzz corpus replay through the packed package: no trap, coded errors, usable instance", async () => {
  installPackage("fuzz-replay");
  const { paynorm } = await importInApp("replay-app.mjs", `import * as paynorm from "paynorm";\nexport { paynorm };\n`);
  const all = inputs();
  assert.ok(all.length > 100, `only ${all.length} inputs`);
  let ok = 0;
  let failed = 0;
  const check = (what, file, fn) => {
    let out;
    try {
      out = fn();
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `${what} trapped on ${file}: ${e}`);
      assert.ok(e instanceof paynorm.NormalizeError, `${what} on ${file}: ${e}`);
      assert.ok(CODES.has(e.code), `${what} on ${file}: code ${e.code}`);
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(e.message), `${what} on ${file}: ${JSON.stringify(e.message)}`);
      failed++;
      return;
    }
    if (typeof out === "string") JSON.parse(out);
    else JSON.stringify(out);
    ok++;
  };
  const names = [...paynorm.providers().map((p) => p.name), "auto"];
  for (const { file, bytes } of all) {
    for (const p of names) {
      check(`normalize ${p}`, file, () => paynorm.normalize(p, "auto", bytes));
    }
    check("normalizeJson", file, () => paynorm.normalizeJson("auto", "auto", bytes, { remote_data: false }));
    check("explain", file, () => paynorm.explain("auto", "auto", bytes));
    check("detect", file, () => paynorm.detect(bytes));
  }
  const pi = '{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd"}';
  assert.equal(paynorm.normalize("stripe", "payments", pi).amount, "50.00");
  console.log(`replayed ${all.length} inputs: ${ok} results, ${failed} coded errors, no trap`);
});
