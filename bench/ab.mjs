#!/usr/bin/env node
// A/B of two builds of the npm package on one bench input, in separate processes, alternated:
//   node bench/ab.mjs <pkgA> <pkgB> <provider> <input.json> [calls] [rounds]
// e.g. node bench/ab.mjs /tmp/base/pkg pkg stripe bench/inputs/stripe_list_100.json 300 3
// Each round runs A then B, each in a fresh Node process that warms up, then times `calls`
// calls of normalizeJson(provider, "payments", text) seven times and prints the median and the
// minimum per call. Both builds' outputs are compared first: the run stops if they differ.
// For a quick before/after of one change (BENCHMARKS.md comes from `npm run bench`); run it on
// a quiet machine.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);

if (args[0] === "--child") {
  const [, pkg, provider, file, calls] = args;
  const p = await import(resolve(pkg, "node.js"));
  const text = readFileSync(file, "utf8");
  if (calls === "check") {
    process.stdout.write(p.normalizeJson(provider, "payments", text));
    process.exit(0);
  }
  let sink = 0;
  for (let i = 0; i < 200; i++) sink += p.normalizeJson(provider, "payments", text).length;
  const times = [];
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < +calls; i++) sink += p.normalizeJson(provider, "payments", text).length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e3 / +calls);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ median: times[3], min: times[0], sink }));
  process.exit(0);
}

const [a, b, provider, file, calls = "300", rounds = "3"] = args;
if (!a || !b || !provider || !file) {
  console.error("usage: node bench/ab.mjs <pkgA> <pkgB> <provider> <input.json> [calls] [rounds]");
  process.exit(2);
}
const script = fileURLToPath(import.meta.url);
const child = (pkg, n) => execFileSync(process.execPath, [script, "--child", pkg, provider, file, n], { encoding: "utf8" });
if (child(a, "check") !== child(b, "check")) {
  console.error("ab: the two builds give different output for this input; not timing");
  process.exit(1);
}
for (let r = 0; r < +rounds; r++) {
  for (const pkg of [a, b]) {
    const { median, min } = JSON.parse(child(pkg, calls));
    console.log(`${pkg.padEnd(24)} ${file.split("/").pop().padEnd(30)} median ${median.toFixed(2)} us  min ${min.toFixed(2)} us`);
  }
}
