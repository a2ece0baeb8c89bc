#!/usr/bin/env node
// The same readers in wasm (V8, as in Node / workerd / Chromium): builds the cdylib for
// wasm32-unknown-unknown (release profile above) unless BUILD=0, checks that every reader reads
// the same values as serde_json, times each and prints MB/s. Usage: node wasm.mjs [FILE...]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const NAMES = ['serde_json borrowed derive', 'jiter pull parser', 'struson streaming reader', 'own scanner + tape'];
if (process.env.BUILD !== '0') {
  execFileSync('cargo', ['build', '--release', '--quiet', '--lib', '--target', 'wasm32-unknown-unknown'], { cwd: HERE, stdio: 'inherit' });
}
const wasmFile = join(HERE, process.env.WASM_DIR ?? 'target', 'wasm32-unknown-unknown', 'release', 'paynorm_bench_reader.wasm');
const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), {});
const { alloc, run, checksum, memory } = instance.exports;
const files = process.argv.slice(2);
if (!files.length) for (const f of ['stripe_payment_intent.json', 'stripe_list_100.json', 'stripe_list_1000.json']) files.push(join(HERE, '..', 'inputs', f));
for (const file of files) {
  const bytes = readFileSync(file);
  const ptr = alloc(bytes.length);
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
  const items = run(0, ptr, bytes.length);
  const sum = checksum();
  console.log(`${file.split('/').pop()} (${bytes.length} bytes, ${items} PaymentIntents), wasm`);
  for (let which = 0; which < NAMES.length; which++) {
    if (run(which, ptr, bytes.length) !== items || checksum() !== sum) throw new Error(`${NAMES[which]} read different values`);
    for (let i = 0; i < 20; i++) run(which, ptr, bytes.length);
    let n = 0;
    const t0 = performance.now();
    let t;
    do { run(which, ptr, bytes.length); n++; t = performance.now() - t0; } while (t < 700);
    const us = (t / n) * 1000;
    console.log(`  ${NAMES[which].padEnd(28)} ${us.toFixed(1).padStart(10)} us  ${(bytes.length / us).toFixed(0).padStart(7)} MB/s`);
  }
}
