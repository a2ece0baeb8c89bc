#!/usr/bin/env node
// Where one call's time goes, JS and wasm together: runs a call in a loop under V8's sampling
// profiler (`node --cpu-prof`) and prints self time per function, wasm functions by name.
//   node bench/profile.mjs <pkg> <provider> <input.json> [json|bytes|text|object|wasm] [ms]
// <pkg> is a built package folder (pkg/ or a copy). Names: the shipped .wasm has none (wasm-opt
// drops them); `node bench/profile.mjs --names <pkg>` rebuilds <pkg>/paynorm_bg.wasm from
// target/wasm32-unknown-unknown/release/paynorm.wasm (run `npm run build` first) with
// wasm-bindgen --keep-debug and wasm-opt -O3 -g: the same code, with its name section.
// Samples are taken every ~1 ms of one thread, so shares under 1% are noise; compare forms
// and builds, not single digits.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");
const args = process.argv.slice(2);

if (args[0] === "--names") {
  const pkg = resolve(args[1] ?? join(ROOT, "pkg"));
  const raw = join(ROOT, "target", "wasm32-unknown-unknown", "release", "paynorm.wasm");
  const out = mkdtempSync(join(tmpdir(), "paynorm-names-"));
  const tools = process.env.PAYNORM_TOOLS || "/opt/paynorm-tools";
  const env = { ...process.env, PATH: `${tools}/bin:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
  execFileSync("wasm-bindgen", ["--target", "web", "--experimental-reset-state-function", "--keep-debug", "--out-dir", out, "--out-name", "paynorm", raw], { env, stdio: "inherit" });
  execFileSync(join(ROOT, "node_modules", ".bin", "wasm-opt"), ["-O3", "-g", join(out, "paynorm_bg.wasm"), "-o", join(pkg, "paynorm_bg.wasm")], { stdio: "inherit" });
  rmSync(out, { recursive: true, force: true });
  console.log(`${pkg}/paynorm_bg.wasm now has its function names`);
  process.exit(0);
}

if (args[0] === "--child") {
  const [, pkg, provider, file, form, ms] = args;
  const p = await import(pathToFileURL(join(pkg, "node.js")).href);
  const text = readFileSync(file, "utf8");
  const bytes = new TextEncoder().encode(text);
  const object = JSON.parse(text);
  // `wasm`: the binding's call alone (js/core.js's `__paynorm_run`), on the input written into
  // wasm memory once, as normalizeJson's first call left it: what the JS side around it costs is
  // the difference with `json`.
  let run;
  if (form === "wasm") {
    p.normalizeJson(provider, "auto", text);
    const glue = await import(pathToFileURL(join(pkg, "paynorm.js")).href);
    const code = glue.__paynorm_code(provider, "auto");
    const { buffer } = glue.__paynorm_memory();
    const io = new Uint32Array(buffer, glue.__paynorm_io(), 2);
    if (io[1] < bytes.length) throw new Error("the input buffer is smaller than the input");
    new Uint8Array(buffer, io[0], bytes.length).set(bytes);
    run = () => {
      if (glue.__paynorm_run(code, bytes.length, 0, undefined) !== 0) throw glue.__paynorm_error();
    };
  }
  const call = {
    wasm: run,
    json: () => p.normalizeJson(provider, "auto", text),
    bytes: () => p.normalizeJsonBytes(provider, "auto", bytes),
    text: () => p.normalize(provider, "auto", text),
    object: () => p.normalize(provider, "auto", object),
  }[form];
  if (!call) throw new Error(`form must be json, bytes, text, object or wasm, not ${form}`);
  for (let i = 0; i < 200; i++) call(); // tier-up before the profile counts
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < +ms) {
    call();
    n++;
  }
  console.log(`${n} calls, ${((performance.now() - t0) * 1000 / n).toFixed(1)} us per call (profiled)`);
  process.exit(0);
}

const [pkgArg, provider, file, form = "json", ms = "3000"] = args;
if (!pkgArg || !provider || !file) {
  console.error("usage: node bench/profile.mjs <pkg> <provider> <input.json> [json|bytes|text|object|wasm] [ms]\n       node bench/profile.mjs --names <pkg>");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "paynorm-prof-"));
const r = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, fileURLToPath(import.meta.url), "--child", resolve(pkgArg), provider, resolve(file), form, ms], { stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);
const prof = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), "utf8"));
rmSync(dir, { recursive: true, force: true });
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
prof.samples.forEach((id, i) => {
  const f = nodes.get(id).callFrame;
  const where = f.url ? f.url.split("/").pop().replace(/-[0-9a-f]{8}$/, "") : "";
  // Rust symbols end in a hash (`::h0123...`); wasm-bindgen exports in `_<hash>`.
  const name = `${f.functionName.replace(/::h[0-9a-f]{16}$/, "") || "(anonymous)"}${where ? `  [${where}]` : ""}`;
  self.set(name, (self.get(name) ?? 0) + prof.timeDeltas[i]);
  total += prof.timeDeltas[i];
});
const rows = [...self].sort((a, b) => b[1] - a[1]);
const share = (pred) => rows.filter(([k]) => pred(k)).reduce((s, [, v]) => s + v, 0) / total;
console.log(`self time by function, ${form}, ${file.split("/").pop()} (${(total / 1000).toFixed(0)} ms sampled)`);
console.log(`  in wasm ${(100 * share((k) => k.includes(".wasm"))).toFixed(1)}%, the rest JS / V8 builtins / GC`);
for (const [name, v] of rows.slice(0, +(process.env.PROFILE_TOP ?? 30))) console.log(`${(100 * v / total).toFixed(1).padStart(6)}%  ${name.slice(0, 140)}`);
