#!/usr/bin/env node
// Instructions per call of two builds of the npm package, counted by valgrind (callgrind) with
// V8 made deterministic (--predictable --single-threaded): the same build gives the same count
// to within a few thousandths of a percent, whatever else the machine is doing, where wall-clock
// A/Bs (bench/ab.mjs) on a shared 2-core machine swing by a third. Counts are not time (a cache
// miss costs more than an add), so this is for before/after of one change, beside ab.mjs.
//   node bench/instructions.mjs <pkgA> <pkgB> <provider> <input.json> [calls] [json|bytes|text|object]
// Each build runs twice in a fresh process: 300 warm-up calls, then 0 or `calls` more; the
// difference divided by `calls` is the count per call (start-up, compilation and warm-up cancel).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);

if (args[0] === "--child") {
  const [, pkg, provider, file, n, form] = args;
  const p = await import(resolve(pkg, "node.js"));
  const text = readFileSync(file, "utf8");
  const object = JSON.parse(text);
  const bytes = new TextEncoder().encode(text);
  const call =
    form === "json" ? () => p.normalizeJson(provider, "payments", text).length
    : form === "bytes" ? () => p.normalizeJsonBytes(provider, "payments", bytes).length
    : form === "text" ? () => (p.normalize(provider, "payments", text) ? 1 : 0)
    : () => (p.normalize(provider, "payments", object) ? 1 : 0);
  let sink = 0;
  for (let i = 0; i < 300; i++) sink += call();
  for (let i = 0; i < +n; i++) sink += call();
  if (sink < 0) console.log(sink);
  process.exit(0);
}

const [a, b, provider, file, calls = "2000", form = "json"] = args;
if (!a || !b || !provider || !file || !["json", "bytes", "text", "object"].includes(form)) {
  console.error("usage: node bench/instructions.mjs <pkgA> <pkgB> <provider> <input.json> [calls] [json|bytes|text|object]");
  process.exit(2);
}
const check = (pkg) =>
  execFileSync(process.execPath, ["--input-type=module", "-e",
    `const p = await import(${JSON.stringify(resolve(pkg, "node.js"))}); process.stdout.write(p.normalizeJson(${JSON.stringify(provider)}, "payments", require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8")))`.replace(
      'require("node:fs")', '(await import("node:fs"))')], { maxBuffer: 1 << 28 }).toString();
if (check(a) !== check(b)) {
  console.error("the two builds' outputs differ: not counting different work");
  process.exit(1);
}
const count = (pkg, n) => {
  const r = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", "--smc-check=all-non-file",
    process.execPath, "--predictable", "--single-threaded", "--no-memory-reducer", "--min-semi-space-size=16", "--max-semi-space-size=16", "--no-wasm-dynamic-tiering", fileURLToPath(import.meta.url), "--child", pkg, provider, file, String(n), form],
  { encoding: "utf8", maxBuffer: 1 << 24 });
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`valgrind failed: ${r.stderr.split("\n").slice(-5).join(" ")}`);
  return Number(m[1]);
};
const per = [];
for (const [i, pkg] of [a, b].entries()) {
  per[i] = (count(pkg, +calls) - count(pkg, 0)) / +calls;
  console.log(`${pkg.padEnd(24)} ${file.split("/").pop().padEnd(30)} ${form.padEnd(6)} ${Math.round(per[i]).toLocaleString("en-US")} instructions per call`);
}
console.log(`B / A = ${(per[1] / per[0]).toFixed(3)}`);
