#!/usr/bin/env node
// paynorm benchmark: `npm run bench` (in bench/) or `npm --prefix bench run bench`.
//
// In one process run, on the same inputs (bench/inputs/, written by gen.mjs from a fixed seed):
//   1. checks that every contender's output deep-equals paynorm's for every input (exit 1 with
//      the first differing path otherwise: timing different work would be meaningless);
//   2. times every contender on every input with tinybench (ops/s, input MB/s, ratios, p50/p99)
//      in BENCH_PROCESSES fresh processes, one after another: each row is the median over those
//      processes, and "vs JS" the median of the ratios each process measured (the JS mapper's
//      speed swings by a third between processes with V8's JIT and GC decisions; a ratio taken in
//      one process, then the median of several, is what holds still). The spread is printed;
//   3. measures the .wasm size (raw, gzip), cold start in fresh processes, and memory before and
//      after BENCH_CALLS calls in a fresh process;
//   4. prints a table and writes bench/results.json and BENCHMARKS.md (repo root).
// Performance is measured and reported, never asserted.
//
// Environment:
//   BENCH_TIME=ms        time budget per task and process (default 700; warmup is a quarter of it)
//   BENCH_PROCESSES=n    fresh processes that each time every task (default 3; rows are medians)
//   BENCH_CALLS=n        calls for the memory measurement (default 1000000)
//   BENCH_COLD_RUNS=n    fresh processes for the cold-start medians (default 20)
//   BENCH_FILTER=regex   only inputs whose name matches
//   BENCH_SEED=n         generator seed (default: gen.mjs DEFAULT_SEED)
//   BENCH_CHECK_ONLY=1   run the equality check only
//   BENCH_NO_PAYNORM=1   develop without pkg/: JS mapper is the reference, paynorm rows skipped
//   BENCH_CONDITIONS=..  a sentence on the machine's state during the run, written into BENCHMARKS.md
//   PAYNORM_PKG=dir      the built package (default ../pkg)

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Bench } from 'tinybench';

import { firstDifference, fieldOrderProblem } from './compare.mjs';
import { DEFAULT_SEED, writeInputs } from './gen.mjs';
import * as js from './mappers/js-mapper.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PKG = resolve(HERE, process.env.PAYNORM_PKG ?? '../pkg');
const NODE_ENTRY = join(PKG, 'node.js');
const env = (name, dflt) => (process.env[name] === undefined || process.env[name] === '' ? dflt : process.env[name]);
const TIME_MS = Number(env('BENCH_TIME', 700));
const PROCESSES = Math.max(1, Number(env('BENCH_PROCESSES', 3)));
const CALLS = Number(env('BENCH_CALLS', 1_000_000));
const COLD_RUNS = Number(env('BENCH_COLD_RUNS', 20));
const SEED = Number(env('BENCH_SEED', DEFAULT_SEED));
const FILTER = process.env.BENCH_FILTER ? new RegExp(process.env.BENCH_FILTER) : null;
const CHECK_ONLY = process.env.BENCH_CHECK_ONLY === '1';
const NO_PAYNORM = process.env.BENCH_NO_PAYNORM === '1';

// ---------------------------------------------------------------------------------------------
// Child modes (fresh processes)

// (dispatch at the end of the file, after every module-level constant is initialized)

/** Loads the built package (CommonJS or ESM); returns {normalize, normalizeJson}. */
async function loadPaynorm() {
  const mod = await import(pathToFileURL(NODE_ENTRY).href);
  const api = typeof mod.normalize === 'function' ? mod : mod.default;
  if (typeof api?.normalize !== 'function' || typeof api?.normalizeJson !== 'function') {
    throw new Error(`${NODE_ENTRY} does not export normalize and normalizeJson`);
  }
  return api;
}

/**
 * Captures the wasm instance's exported memory whatever the glue does, by wrapping
 * WebAssembly.Instance / instantiate before the package is imported.
 */
function captureWasmMemory() {
  const seen = { memory: null };
  const grab = (instance) => {
    const m = instance?.exports?.memory;
    if (m instanceof WebAssembly.Memory && !seen.memory) seen.memory = m;
    return instance;
  };
  const RealInstance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(RealInstance, {
    construct(target, args, newTarget) {
      return grab(Reflect.construct(target, args, newTarget));
    },
  });
  const realInstantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const r = await realInstantiate.apply(WebAssembly, args);
    grab(r instanceof RealInstance ? r : r.instance);
    return r;
  };
  return seen;
}

function readInputs() {
  const manifest = JSON.parse(readFileSync(join(HERE, 'inputs', 'manifest.json'), 'utf8'));
  return manifest.inputs.map((i) => ({ ...i, text: readFileSync(join(HERE, 'inputs', i.file), 'utf8') }));
}

async function memoryChild() {
  const wasm = captureWasmMemory();
  const paynorm = await loadPaynorm();
  const inputs = readInputs().filter((i) => i.kind === 'single');
  const stripe = inputs.find((i) => i.provider === 'stripe');
  const razorpay = inputs.find((i) => i.provider === 'razorpay');
  const razorpayObject = JSON.parse(razorpay.text);
  const calls = Number(process.argv[3]);
  const snapshot = () => {
    globalThis.gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heap_used: m.heapUsed, external: m.external, wasm_memory: wasm.memory ? wasm.memory.buffer.byteLength : null };
  };
  // One call first so the glue's lazy setup is not counted as growth.
  paynorm.normalize('stripe', 'payments', stripe.text);
  const before = snapshot();
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < calls; i++) {
    // The three entry points and both providers, in turn.
    switch (i % 4) {
      case 0: sink += paynorm.normalize('stripe', 'payments', stripe.text).id.length; break;
      case 1: sink += paynorm.normalizeJson('stripe', 'payments', stripe.text).length; break;
      case 2: sink += paynorm.normalize('razorpay', 'payments', razorpay.text).id.length; break;
      default: sink += paynorm.normalize('razorpay', 'payments', razorpayObject).id.length; break;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = snapshot();
  process.stdout.write(JSON.stringify({ calls, seconds, before, after, sink, wasm_memory_found: wasm.memory !== null }));
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** One timing process: every contender on every input (tinybench); prints the stats as JSON. */
async function timingChild() {
  const inputs = readInputs().filter((i) => !FILTER || FILTER.test(i.name));
  for (const i of inputs) {
    i.bytes = Buffer.byteLength(i.text);
    i.object = JSON.parse(i.text);
    i.utf8 = new TextEncoder().encode(i.text);
  }
  const paynorm = NO_PAYNORM ? null : await loadPaynorm();
  const jsonata = await import('./mappers/jsonata-mapper.mjs');
  const contenders = makeContenders(paynorm, jsonata);
  const out = {};
  for (const input of inputs) {
    const single = input.kind === 'single';
    const bench = new Bench({
      name: input.name,
      time: TIME_MS,
      warmupTime: Math.max(50, TIME_MS / 4),
      iterations: single ? 64 : 8,
      warmupIterations: single ? 16 : 2,
      throws: true,
    });
    let sink = 0;
    for (const c of contenders) {
      if (c.async) bench.add(c.name, async () => { sink += (await c.run(input)).length; });
      else bench.add(c.name, () => { const r = c.run(input); sink += typeof r === 'string' ? r.length : 1; });
    }
    await bench.run();
    process.stderr.write(sink > 0 ? '.' : ',');
    const stats = {};
    for (const c of contenders) {
      const r = bench.getTask(c.name).result;
      const meanMs = r.latency.mean;
      stats[c.name] = {
        ops_per_s: 1000 / meanMs,
        mean_us: meanMs * 1000,
        p50_us: r.latency.p50 * 1000,
        p99_us: r.latency.p99 * 1000,
        rme_pct: r.latency.rme,
        samples: r.latency.samplesCount ?? r.latency.samples?.length ?? null,
      };
    }
    out[input.name] = stats;
  }
  process.stdout.write(JSON.stringify(out));
}

async function coldImportChild() {
  const t0 = performance.now();
  const paynorm = await loadPaynorm();
  const t1 = performance.now();
  const text = readFileSync(join(HERE, 'inputs', 'stripe_payment_intent.json'), 'utf8');
  const t2 = performance.now();
  paynorm.normalize('stripe', 'payments', text);
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ import_ms: t1 - t0, first_call_ms: t3 - t2 }));
}

// ---------------------------------------------------------------------------------------------
// Main

/** The contenders. `io` says what goes in and out; `ref` is the JS mapper form it is compared to. */
function makeContenders(paynorm, jsonata) {
  // Contenders. `io` says what goes in and out; `ref` is the JS mapper form it is compared to.
  const contenders = [
    { name: 'JSON.parse+stringify (floor)', io: 'text>text', floor: true, run: (i) => JSON.stringify(JSON.parse(i.text)) },
    { name: 'JS mapper (text)', io: 'text>text', run: (i) => js.mapText(i.provider, i.text) },
    { name: 'JS mapper (object)', io: 'obj>obj', run: (i) => js.mapObject(i.provider, i.object) },
    // What an edge worker's own code does with a body it reads and answers as bytes.
    { name: 'JS mapper (bytes)', io: 'bytes>bytes', run: (i) => utf8Encoder.encode(js.mapText(i.provider, utf8Decoder.decode(i.utf8))) },
    { name: 'JSONata (text)', io: 'text>text', async: true, run: (i) => jsonata.mapText(i.provider, i.text) },
  ];
  if (paynorm) {
    contenders.push(
      { name: 'paynorm normalize(text)', io: 'text>obj', run: (i) => paynorm.normalize(i.provider, i.resource, i.text) },
      { name: 'paynorm normalize(object)', io: 'obj>obj', run: (i) => paynorm.normalize(i.provider, i.resource, i.object) },
      { name: 'paynorm normalizeJson(text)', io: 'text>text', run: (i) => paynorm.normalizeJson(i.provider, i.resource, i.text) },
      { name: 'paynorm normalizeJson(bytes)', io: 'text>text', run: (i) => paynorm.normalizeJson(i.provider, i.resource, i.utf8) },
      { name: 'paynorm normalizeJsonBytes(bytes)', io: 'bytes>bytes', run: (i) => paynorm.normalizeJsonBytes(i.provider, i.resource, i.utf8) },
      // Provider and resource told by the recognizers (docs/mapping.md#detection-auto).
      { name: 'paynorm normalizeJson(text, auto, auto)', io: 'text>text', run: (i) => paynorm.normalizeJson('auto', 'auto', i.text) },
      // Without remote_data: compared with paynorm's output minus remote_data; its "vs JS" is
      // against the JS mapper that does write remote_data (what dropping it saves).
      { name: 'paynorm normalizeJson(text, remote_data: false)', io: 'text>text', noRemote: true, run: (i) => paynorm.normalizeJson(i.provider, i.resource, i.text, { remote_data: false }) },
    );
  }
  return contenders;
}


async function main() {
  const inputsAll = writeInputs(SEED);
  const inputs = inputsAll.filter((i) => !FILTER || FILTER.test(i.name));
  for (const i of inputs) {
    i.bytes = Buffer.byteLength(i.text);
    i.object = JSON.parse(i.text);
    i.utf8 = new TextEncoder().encode(i.text);
  }

  let paynorm = null;
  if (!NO_PAYNORM) {
    if (!existsSync(NODE_ENTRY)) {
      console.error(`paynorm is not built: ${NODE_ENTRY} is missing. Build the npm package first, or set BENCH_NO_PAYNORM=1 to compare the JS and JSONata mappers only.`);
      process.exit(1);
    }
    paynorm = await loadPaynorm();
  }
  const jsonata = await import('./mappers/jsonata-mapper.mjs');
  const contenders = makeContenders(paynorm, jsonata);

  // 1. Equality: every contender against paynorm (JSON text parsed; objects as returned).
  console.log(`paynorm bench: ${inputs.length} inputs, seed ${SEED}, ${paynorm ? `paynorm from ${relative(process.cwd(), PKG) || '.'}` : 'WITHOUT paynorm (BENCH_NO_PAYNORM=1)'}`);
  let failed = false;
  for (const input of inputs) {
    const reference = paynorm
      ? JSON.parse(paynorm.normalizeJson(input.provider, input.resource, input.text))
      : JSON.parse(js.mapText(input.provider, input.text));
    const refName = paynorm ? 'paynorm normalizeJson(text)' : 'JS mapper (text)';
    const order = fieldOrderProblem(reference);
    if (order) {
      failed = true;
      console.error(`FIELD ORDER ${input.name} / ${refName}: at ${order.path}\n  expected ${order.expected}\n  actual   ${order.actual}`);
    }
    const withoutRemote = structuredClone(reference);
    for (const item of Array.isArray(withoutRemote.result) ? withoutRemote.result : [withoutRemote]) delete item.remote_data;
    for (const c of contenders) {
      if (c.floor) continue;
      let out = await c.run(input);
      if (out instanceof Uint8Array) out = utf8Decoder.decode(out);
      if (typeof out === 'string') out = JSON.parse(out);
      const diff = firstDifference(c.noRemote ? withoutRemote : reference, out);
      if (diff) {
        failed = true;
        console.error(`MISMATCH ${input.name}: ${c.name} differs from ${refName} at ${diff.path}\n  ${refName}: ${diff.expected}\n  ${c.name}: ${diff.actual}`);
      }
    }
    if (input.object !== undefined && JSON.stringify(input.object) !== input.text) {
      failed = true;
      console.error(`INPUT MUTATED ${input.name}: a contender changed its input object`);
    }
  }
  if (failed) {
    console.error('outputs differ: not timing different work. Fix the mismatch first.');
    process.exit(1);
  }
  console.log(`equality: ${contenders.filter((c) => !c.floor).length} contenders x ${inputs.length} inputs agree with ${paynorm ? 'paynorm' : 'the JS mapper'} (remote_data included)`);
  if (CHECK_ONLY) return;

  // 2. Timing, in fresh processes (timingChild), then medians.
  const runs = [];
  for (let n = 0; n < PROCESSES; n++) {
    process.stdout.write(`timing, process ${n + 1} of ${PROCESSES} `);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--timing-child'], {
      encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) {
      console.error(`timing process ${n + 1} failed (exit ${r.status})`);
      process.exit(1);
    }
    runs.push(JSON.parse(r.stdout));
    process.stdout.write('\n');
  }
  const rows = [];
  for (const input of inputs) {
    for (const c of contenders) {
      const jsName = c.io === 'obj>obj' ? 'JS mapper (object)' : c.io === 'bytes>bytes' ? 'JS mapper (bytes)' : 'JS mapper (text)';
      const per = runs.map((stats) => stats[input.name][c.name]);
      const ratios = runs.map((stats) => stats[input.name][c.name].ops_per_s / stats[input.name][jsName].ops_per_s);
      const ratiosJsonata = runs.map((stats) => stats[input.name][c.name].ops_per_s / stats[input.name]['JSONata (text)'].ops_per_s);
      const ops = median(per.map((s) => s.ops_per_s));
      rows.push({
        input: input.name,
        bytes: input.bytes,
        kind: input.kind,
        contender: c.name,
        io: c.io,
        ops_per_s: ops,
        ops_per_s_runs: per.map((s) => s.ops_per_s),
        input_mb_per_s: (ops * input.bytes) / 1e6,
        vs_js: median(ratios),
        vs_js_runs: ratios,
        vs_jsonata: median(ratiosJsonata),
        mean_us: median(per.map((s) => s.mean_us)),
        p50_us: median(per.map((s) => s.p50_us)),
        p99_us: median(per.map((s) => s.p99_us)),
        rme_pct: median(per.map((s) => s.rme_pct)),
        samples: per.reduce((a, s) => a + (s.samples ?? 0), 0),
      });
    }
  }

  // 3. Size, cold start, memory.
  const wasmFiles = paynorm ? wasmSizes() : [];
  const cold = paynorm ? coldStart(wasmFiles) : null;
  const memory = paynorm ? memoryRun() : null;
  const native = nativeResults(inputs, rows);

  // 4. Report.
  const machine = machineInfo();
  const results = {
    date: new Date().toISOString(),
    machine,
    config: { time_ms_per_task: TIME_MS, processes: PROCESSES, calls: CALLS, cold_runs: COLD_RUNS, seed: SEED, filter: process.env.BENCH_FILTER ?? null },
    conditions: process.env.BENCH_CONDITIONS ?? null,
    inputs: inputs.map(({ name, provider, resource, kind, bytes }) => ({ name, provider, resource, kind, bytes })),
    rows,
    wasm: wasmFiles,
    cold_start: cold,
    memory,
    native,
  };
  results.targets = targets(results);
  const table = renderTable(rows);
  const extras = renderExtras(results);
  console.log(`\n${table}\n\n${extras}`);
  writeFileSync(join(HERE, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(HERE, '..', 'BENCHMARKS.md'), renderMarkdown(results, table, extras));
  console.log(`\nwrote ${relative(process.cwd(), join(HERE, 'results.json'))} and ${relative(process.cwd(), join(HERE, '..', 'BENCHMARKS.md'))}`);
}

// ---------------------------------------------------------------------------------------------
// Size, cold start, memory

function findWasm(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules') out.push(...findWasm(p));
    } else if (name.endsWith('.wasm')) out.push(p);
  }
  return out;
}

function wasmSizes() {
  return findWasm(PKG).map((file) => {
    const bytes = readFileSync(file);
    return { file: relative(resolve(HERE, '..'), file), raw_bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 9 }).length };
  });
}

/** The telling line of a failed child's stderr (its Error line, else its last line). */
const childError = (stderr) => {
  const lines = stderr.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /Error\b/.test(l)) ?? lines[lines.length - 1] ?? 'failed';
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Compile + instantiate the .wasm in a fresh process (imports stubbed: nothing runs). */
const COMPILE_CHILD = `
const { readFileSync } = require('node:fs');
const bytes = readFileSync(process.argv[1]);
const t0 = performance.now();
const module = new WebAssembly.Module(bytes);
const t1 = performance.now();
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  imports[imp.module] ??= {};
  imports[imp.module][imp.name] = imp.kind === 'function' ? () => { throw new Error('stub ' + imp.name); }
    : imp.kind === 'global' ? 0 : undefined;
}
new WebAssembly.Instance(module, imports);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ compile_ms: t1 - t0, instantiate_ms: t2 - t1, total_ms: t2 - t0 }));
`;

function coldStart(wasmFiles) {
  // The module the node entry loads: prefer one next to node.js whose name says node.
  const candidates = wasmFiles.map((w) => resolve(HERE, '..', w.file));
  const wasmPath = candidates.find((p) => /node/i.test(p)) ?? candidates.find((p) => dirname(p) === PKG) ?? candidates[0];
  const runs = { compile_instantiate: [], import_entry: [], first_call: [] };
  let error = null;
  for (let i = 0; i < COLD_RUNS; i++) {
    if (wasmPath) {
      const r = spawnSync(process.execPath, ['-e', COMPILE_CHILD, wasmPath], { encoding: 'utf8' });
      if (r.status === 0) runs.compile_instantiate.push(JSON.parse(r.stdout));
      else error = childError(r.stderr);
    }
    const r2 = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-import-child'], { encoding: 'utf8' });
    if (r2.status === 0) {
      const v = JSON.parse(r2.stdout);
      runs.import_entry.push(v.import_ms);
      runs.first_call.push(v.first_call_ms);
    } else error = childError(r2.stderr);
  }
  const ci = runs.compile_instantiate;
  return {
    runs: COLD_RUNS,
    wasm: wasmPath ? relative(resolve(HERE, '..'), wasmPath) : null,
    compile_ms: ci.length ? median(ci.map((x) => x.compile_ms)) : null,
    instantiate_ms: ci.length ? median(ci.map((x) => x.instantiate_ms)) : null,
    compile_instantiate_ms: ci.length ? median(ci.map((x) => x.total_ms)) : null,
    import_node_entry_ms: runs.import_entry.length ? median(runs.import_entry) : null,
    first_normalize_ms: runs.first_call.length ? median(runs.first_call) : null,
    error,
  };
}

function memoryRun() {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', String(CALLS)], {
    encoding: 'utf8', maxBuffer: 1 << 20,
  });
  if (r.status !== 0) return { calls: CALLS, error: childError(r.stderr) };
  return JSON.parse(r.stdout);
}

/**
 * The native criterion results of the last `cargo bench` in native/ (criterion's
 * estimates.json), set beside the wasm normalizeJson(text) row of the same input. Not run from
 * here: building the native bench takes minutes.
 */
function nativeResults(inputs, rows) {
  const dir = join(HERE, 'native', 'target', 'criterion', 'normalize_json');
  if (!existsSync(dir)) return null;
  const out = [];
  for (const input of inputs) {
    const file = join(dir, input.name, 'new', 'estimates.json');
    if (!existsSync(file)) continue;
    const est = JSON.parse(readFileSync(file, 'utf8'));
    const meanUs = est.mean.point_estimate / 1000;
    const wasm = rows.find((r) => r.input === input.name && r.contender === 'paynorm normalizeJson(text)');
    out.push({
      input: input.name,
      measured: statSync(file).mtime.toISOString(),
      mean_us: meanUs,
      median_us: est.median.point_estimate / 1000,
      ops_per_s: 1e6 / meanUs,
      input_mb_per_s: (1e6 / meanUs) * input.bytes / 1e6,
      wasm_normalize_json_mean_us: wasm ? wasm.mean_us : null,
    });
  }
  return out.length ? out : null;
}

function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  let flags = null;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /model name\s*:\s*(.*)/.exec(info)?.[1] ?? cpu;
    const mhz = /cpu MHz\s*:\s*(.*)/.exec(info)?.[1];
    flags = mhz ? `${Math.round(Number(mhz))} MHz` : null;
  } catch { /* not Linux */ }
  return {
    cpu,
    cpu_mhz: flags,
    cores: os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtOps = (n) => (n >= 100 ? fmtInt(n) : n.toFixed(1));
const fmtX = (n) => (n >= 10 ? `${n.toFixed(1)}x` : `${n.toFixed(2)}x`);
const fmtUs = (n) => (n >= 1000 ? fmtInt(n) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} KB`);

function renderTable(rows) {
  const head = ['input', 'size', 'contender', 'ops/s', 'MB/s', 'vs JS', 'vs JS, each process', 'vs JSONata', 'p50 µs', 'p99 µs', '±%'];
  const body = rows.map((r) => [
    r.input, kb(r.bytes), r.contender, fmtOps(r.ops_per_s), r.input_mb_per_s.toFixed(1),
    fmtX(r.vs_js), r.vs_js_runs.map((x) => x.toFixed(2)).join(' '), fmtX(r.vs_jsonata), fmtUs(r.p50_us), fmtUs(r.p99_us), r.rme_pct.toFixed(1),
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const right = new Set([1, 3, 4, 5, 6, 7, 8, 9, 10]);
  const line = (row) => `| ${row.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`;
  const sep = `|${widths.map((w, c) => (right.has(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), sep, ...body.map(line)].join('\n');
}

/**
 * Issue 8's targets, each with the value measured in this run and met / not met (never
 * asserted: a run on a busy machine says so in its numbers, not in an exit code).
 */
function targets(res) {
  const ratio = (contender, input) => res.rows.find((r) => r.contender === contender && r.input === input)?.vs_js;
  const inputsOf = (contender) => res.rows.filter((r) => r.contender === contender);
  const key = ['stripe_payment_intent', 'stripe_list_100'];
  const out = [];
  const add = (what, goal, values, met) => out.push({ what, goal, measured: values, met });
  const rowsFor = (c) => key.map((k) => [k, ratio(c, k)]).filter(([, v]) => v !== undefined);
  const fmt = (pairs) => pairs.map(([k, v]) => `${k} ${fmtX(v)}`).join(', ');
  const json = rowsFor('paynorm normalizeJson(text)');
  const allJson = inputsOf('paynorm normalizeJson(text)');
  if (json.length) {
    const floor = Math.min(...allJson.map((r) => r.vs_js));
    add('normalizeJson(text) vs JS mapper (text)', '>= 3x on the PaymentIntent and list of 100, never below 2x',
      `${fmt(json)}; lowest over ${allJson.length} inputs ${fmtX(floor)}`, json.every(([, v]) => v >= 3) && floor >= 2);
  }
  const text = rowsFor('paynorm normalize(text)');
  if (text.length) add('normalize(text) vs JS mapper (text)', '>= 0.8x', fmt(text), text.every(([, v]) => v >= 0.8));
  const obj = rowsFor('paynorm normalize(object)');
  if (obj.length) add('normalize(object) vs JS mapper (object)', '>= 0.5x', fmt(obj), obj.every(([, v]) => v >= 0.5));
  // Not one of issue 8's targets: the edge path with bytes in and out, printed beside them.
  const bytesOut = rowsFor('paynorm normalizeJsonBytes(bytes)');
  const allBytes = inputsOf('paynorm normalizeJsonBytes(bytes)');
  if (bytesOut.length) {
    out.push({ what: 'normalizeJsonBytes(bytes) vs JS mapper (bytes)', goal: '(no target)', info: true,
      measured: `${fmt(bytesOut)}; lowest over ${allBytes.length} inputs ${fmtX(Math.min(...allBytes.map((r) => r.vs_js)))}` });
  }
  const lists = (res.native ?? []).filter((n) => /list/.test(n.input));
  if (lists.length) {
    add('native normalize_json on lists', '>= 800 MB/s', lists.map((n) => `${n.input} ${n.input_mb_per_s.toFixed(0)} MB/s`).join(', '),
      lists.every((n) => n.input_mb_per_s >= 800));
  }
  const gz = res.wasm[0]?.gzip_bytes;
  if (gz !== undefined) add('.wasm size', '<= 100 KB gzip (stretch 60 KB)', `${(gz / 1000).toFixed(1)} KB gzip`, gz <= 100_000);
  const ci = res.cold_start?.compile_instantiate_ms;
  if (ci != null) add('compile + instantiate, fresh process', '<= 3 ms', `${ci.toFixed(2)} ms`, ci <= 3);
  return out;
}

function renderExtras(res) {
  const out = [];
  for (const t of res.targets ?? []) out.push(`${t.info ? 'measured' : `target ${t.met ? 'MET' : 'NOT MET'}`}: ${t.what} ${t.goal}: ${t.measured}`);
  if (res.wasm.length) {
    for (const w of res.wasm) out.push(`wasm ${w.file}: ${fmtInt(w.raw_bytes)} B raw, ${fmtInt(w.gzip_bytes)} B gzip -9`);
  }
  const c = res.cold_start;
  if (c) {
    const ms = (v) => (v === null ? 'n/a' : `${v.toFixed(2)} ms`);
    out.push(`cold start (fresh process, median of ${c.runs}): compile ${ms(c.compile_ms)} + instantiate ${ms(c.instantiate_ms)} = ${ms(c.compile_instantiate_ms)} (${c.wasm ?? 'no .wasm'}); ` +
      `import pkg/node.js ${ms(c.import_node_entry_ms)}; first normalize() after import ${ms(c.first_normalize_ms)}${c.error ? `; error: ${c.error}` : ''}`);
  }
  const m = res.memory;
  if (m) {
    if (m.error) out.push(`memory: ${m.error}`);
    else {
      const mb = (b) => (b === null ? 'n/a' : `${(b / 2 ** 20).toFixed(1)} MiB`);
      out.push(`memory over ${fmtInt(m.calls)} calls (${m.seconds.toFixed(1)} s, fresh process, after gc): ` +
        `RSS ${mb(m.before.rss)} -> ${mb(m.after.rss)}; wasm memory.buffer ${mb(m.before.wasm_memory)} -> ${mb(m.after.wasm_memory)}; ` +
        `JS heap ${mb(m.before.heap_used)} -> ${mb(m.after.heap_used)}`);
    }
  }
  if (res.native) {
    for (const n of res.native) {
      const cost = n.wasm_normalize_json_mean_us === null ? '' : `; wasm normalizeJson(text) ${fmtUs(n.wasm_normalize_json_mean_us)} µs = ${(n.wasm_normalize_json_mean_us / n.mean_us).toFixed(2)}x native`;
      out.push(`native Rust normalize_json (criterion, last cargo bench ${n.measured.slice(0, 16)}Z) ${n.input}: mean ${fmtUs(n.mean_us)} µs, ${fmtOps(n.ops_per_s)} ops/s, ${n.input_mb_per_s.toFixed(1)} MB/s${cost}`);
    }
  }
  return out.join('\n');
}

function renderMarkdown(res, table, extras) {
  const m = res.machine;
  return `# paynorm benchmarks

Latest run: ${res.date}. Generated by \`bench/bench.mjs\`; the numbers below are one run on one
machine, measured and never asserted. The timing ran in ${res.config.processes} fresh Node processes
one after another; each row is the median over them, and "vs JS" the median of the ratios each
process measured against the JS mapper in that same process (the next column lists them).

## Machine
- CPU: ${m.cpu}${m.cpu_mhz ? ` (${m.cpu_mhz})` : ''}, ${m.cores} cores visible, ${m.memory_gib} GiB RAM
- OS: ${m.os}
- Node ${m.node} (V8 ${m.v8})
${res.conditions ? `- Conditions: ${res.conditions}\n` : ''}- Settings: ${res.config.time_ms_per_task} ms per task (tinybench) in each of ${res.config.processes} processes, ${fmtInt(res.config.calls)} calls for memory, ${res.config.cold_runs} cold starts, seed ${res.config.seed}${res.config.filter ? `, inputs matching /${res.config.filter}/` : ''}

## Inputs (deterministic, \`bench/gen.mjs\`)
${res.inputs.map((i) => `- \`${i.name}\` (${i.provider} ${i.resource}, ${i.kind}): ${fmtInt(i.bytes)} bytes`).join('\n')}

Stripe PaymentIntents carry an expanded \`latest_charge\` (90%; 75% of captured charges with an
expanded \`balance_transaction\`, a fifth of those in another currency); statuses cover every
PaymentIntent state including refunds, partial captures and voided authorizations; currencies
include zero-decimal (JPY, KRW, MGA), three-decimal (KWD, BHD, OMR) and Stripe's ISK. Razorpay
payments cover captured / authorized / created / failed / refunded (full and partial), UPI, card,
netbanking, wallet, EMI and pay-later, \`notes: []\`, empty strings, international currencies.
Some metadata has keys named \`__proto__\` and \`constructor\`.

## Results
Before timing, every contender's output is checked to deep-equal paynorm's for every input
(\`remote_data\` included); the run stops at the first difference.

${table}

${extras.split('\n').map((l) => `- ${l}`).join('\n')}

Columns: ops/s = 1 / mean latency (median over the processes); MB/s = input bytes x ops/s; "vs
JS" = ops/s divided by the hand-written JS mapper's in the same form (text in for text-in
contenders, object in for object-in ones, bytes for bytes-in-bytes-out ones) in the same process, the median over the processes,
each process's own ratio in the next column; "vs JSONata" = divided by the JSONata mapper's
(above 1 = faster); p50 / p99 = per-call latency percentiles; ±% = tinybench's relative margin
of error (medians over the processes).

Contenders:
- \`JSON.parse+stringify (floor)\`: parse the text and stringify it again, no mapping at all.
- \`JS mapper\`: \`bench/mappers/js-mapper.mjs\`, hand-written, same rules (docs/mapping.md) (exact money by
  string arithmetic, RFC 3339 times, status overlays); \`(text)\` = parse, map, stringify;
  \`(object)\` = object in, object out; \`(bytes)\` = UTF-8 in, UTF-8 out (\`TextDecoder\`, parse,
  map, stringify, \`TextEncoder\`: what a worker answering with bytes would write).
- \`JSONata (text)\`: \`bench/mappers/payments.jsonata\` compiled once with Truto's runtime
  (\`@truto/truto-jsonata\`, using its \`$mapValues\` and \`$firstNonEmpty\`), parse + async
  evaluate + stringify.
- \`paynorm normalize(text)\` (text in, object out), \`normalize(object)\` (object in, object out),
  \`normalizeJson(text)\` (text in, text out), \`normalizeJson(bytes)\` (the UTF-8 as a
  \`Uint8Array\`), \`normalizeJsonBytes(bytes)\` (UTF-8 in, UTF-8 out; "vs JS" against
  \`JS mapper (bytes)\`), \`normalizeJson(text, auto, auto)\` (provider and resource told by the
  recognizers, which read the input's tape), and \`normalizeJson(text, remote_data: false)\` (checked against paynorm's
  output without \`remote_data\`; its "vs JS" is against the JS mapper that writes it), from
  \`pkg/node.js\`.
- Targets (issue 8): each line \`target MET\` / \`target NOT MET\` above gives the goal and the
  value this run measured.
- Native Rust (no wasm boundary): \`cargo bench\` in \`bench/native\` (criterion, same
  \`[profile]\` opt-level as the shipped .wasm) calls \`paynorm::normalize_json\` on the same
  input files; its latest results, when present, are listed above next to the wasm
  \`normalizeJson(text)\` time of the same input (the ratio is what the wasm boundary and engine
  cost). Run the two on an otherwise idle machine for a fair ratio.

## Reproduce
\`\`\`sh
# build the npm package first (pkg/node.js), then:
cd bench && npm install && npm run bench          # full run (about a few minutes)
BENCH_CALLS=20000 BENCH_TIME=300 BENCH_PROCESSES=1 npm run bench   # quick run
BENCH_CHECK_ONLY=1 npm run bench                 # equality check only
node gen.mjs                                     # (re)write bench/inputs/*.json
cd native && cargo bench                         # native criterion benchmark, same inputs
\`\`\`
`;
}

// ---------------------------------------------------------------------------------------------
// Entry

if (process.argv[2] === '--memory-child') await memoryChild();
else if (process.argv[2] === '--cold-import-child') await coldImportChild();
else if (process.argv[2] === '--timing-child') await timingChild();
else await main();
