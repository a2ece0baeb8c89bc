#!/usr/bin/env node
// Which `opt-level` to ship (issue 8, point 5): builds the npm package at opt-level 3, "s" and
// "z" (scripts/build.mjs with PAYNORM_OPT_LEVEL, wasm-opt at its default level after each), then in one process
// per build times normalizeJson(text), normalize(text) and normalize(object) against the
// hand-written JS mapper on the bench inputs, and compile + instantiate of the .wasm in fresh
// processes. Prints size, speed ratios and cold start per level; leaves pkg/ rebuilt at the
// Cargo.toml default. Usage (repo root, an idle machine): node bench/opt-level.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const LEVELS = (process.env.OPT_LEVELS ?? '3,s,z').split(',');

if (process.argv[2] === '--time') {
  const [dir] = process.argv.slice(3);
  const js = await import(pathToFileURL(join(HERE, 'mappers', 'js-mapper.mjs')).href);
  const api = await import(pathToFileURL(join(dir, 'node.js')).href);
  const manifest = JSON.parse(readFileSync(join(HERE, 'inputs', 'manifest.json'), 'utf8'));
  const time = (f, ms = 700) => {
    for (let i = 0; i < 30; i++) f();
    let n = 0;
    const t0 = performance.now();
    let t;
    do { for (let i = 0; i < 5; i++) f(); n += 5; t = performance.now() - t0; } while (t < ms);
    return n / t;
  };
  const out = {};
  for (const i of manifest.inputs.filter((i) => i.name !== 'stripe_list_1000')) {
    const text = readFileSync(join(HERE, 'inputs', i.file), 'utf8');
    const obj = JSON.parse(text);
    const jsText = time(() => js.mapText(i.provider, text));
    const jsObj = time(() => js.mapObject(i.provider, obj));
    out[i.name] = {
      normalizeJson_text: time(() => api.normalizeJson(i.provider, i.resource, text)) / jsText,
      normalize_text: time(() => api.normalize(i.provider, i.resource, text)) / jsText,
      normalize_object: time(() => api.normalize(i.provider, i.resource, obj)) / jsObj,
    };
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

const COLD = `const { readFileSync } = require('node:fs'); const b = readFileSync(process.argv[1]);
const t0 = performance.now(); const m = new WebAssembly.Module(b); const imp = {};
for (const i of WebAssembly.Module.imports(m)) { imp[i.module] ??= {}; imp[i.module][i.name] = i.kind === 'function' ? () => {} : 0; }
new WebAssembly.Instance(m, imp); process.stdout.write(String(performance.now() - t0));`;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const tmp = mkdtempSync(join(os.tmpdir(), 'paynorm-opt-'));
const rows = [];
try {
  for (const level of LEVELS) {
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PAYNORM_OPT_LEVEL: level } });
    const dir = join(tmp, level);
    cpSync(join(ROOT, 'pkg'), dir, { recursive: true });
    const wasm = readFileSync(join(dir, 'paynorm_bg.wasm'));
    const cold = median(Array.from({ length: 15 }, () => Number(spawnSync(process.execPath, ['-e', COLD, join(dir, 'paynorm_bg.wasm')], { encoding: 'utf8' }).stdout)));
    const speed = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--time', dir], { encoding: 'utf8' }));
    rows.push({ level, raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length, cold, speed });
  }
} finally {
  execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(tmp, { recursive: true, force: true });
}
console.log('| opt-level | .wasm | gzip | compile + instantiate | input | normalizeJson(text) vs JS | normalize(text) vs JS | normalize(object) vs JS |');
console.log('|---|---:|---:|---:|---|---:|---:|---:|');
for (const r of rows) {
  for (const [input, s] of Object.entries(r.speed)) {
    console.log(`| ${r.level} | ${r.raw} | ${r.gzip} | ${r.cold.toFixed(2)} ms | ${input} | ${s.normalizeJson_text.toFixed(2)}x | ${s.normalize_text.toFixed(2)}x | ${s.normalize_object.toFixed(3)}x |`);
  }
}
