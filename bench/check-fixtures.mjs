#!/usr/bin/env node
// `npm run check:fixtures`: compares the JS and JSONata mappers with paynorm on the shared real
// fixtures (Stripe and Razorpay payments and payment lists) and on every item of the generated
// bench inputs, and lists every difference (grouped by path). A development aid for keeping the
// mappers honest and for spotting paynorm/docs/mapping.md disagreements; the benchmark itself (bench.mjs)
// only checks its own inputs and stops at the first difference.
//
// paynorm comes from pkg/node.js when it exists, else from the native core through
// native/target/release/normalize (`cd native && cargo build --release --bin normalize`).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { firstDifference } from './compare.mjs';
import { writeInputs } from './gen.mjs';
import * as js from './mappers/js-mapper.mjs';
import * as jsonata from './mappers/jsonata-mapper.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = resolve(process.env.PAYNORM_FIXTURES ?? join(HERE, '..', '..', 'shared', 'fixtures'));
const NODE_ENTRY = resolve(HERE, process.env.PAYNORM_PKG ?? '../pkg', 'node.js');
const NATIVE = join(HERE, 'native', 'target', 'release', 'normalize');

let reference;
let referenceName;
if (existsSync(NODE_ENTRY) && process.env.CHECK_NATIVE !== '1') {
  const mod = await import(pathToFileURL(NODE_ENTRY).href);
  const api = typeof mod.normalizeJson === 'function' ? mod : mod.default;
  referenceName = 'paynorm wasm normalizeJson';
  reference = (provider, text) => {
    try {
      return JSON.parse(api.normalizeJson(provider, 'payments', text));
    } catch (e) {
      return { error: `${e.code ?? ''} ${e.message}` };
    }
  };
} else if (existsSync(NATIVE)) {
  referenceName = 'paynorm native normalize_json';
  reference = (provider, text) => {
    const out = execFileSync(NATIVE, [provider, 'payments', '-'], { input: text, encoding: 'utf8' });
    return JSON.parse(out);
  };
} else {
  console.error(`neither ${NODE_ENTRY} nor ${NATIVE} exists`);
  process.exit(1);
}

const cases = [];
for (const [provider, kinds] of [['stripe', ['payment', 'payment_list']], ['razorpay', ['payment', 'payment_list']]]) {
  for (const kind of kinds) {
    const dir = join(FIXTURES, provider, kind);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.json')) cases.push({ provider, name: `${provider}/${kind}/${f}`, text: readFileSync(join(dir, f), 'utf8') });
    }
  }
}
for (const input of writeInputs()) {
  const v = JSON.parse(input.text);
  const items = v.data ?? v.items;
  if (!items) cases.push({ provider: input.provider, name: `inputs/${input.name}`, text: input.text });
  else items.forEach((item, i) => cases.push({ provider: input.provider, name: `inputs/${input.name}[${i}]`, text: JSON.stringify(item) }));
}

const byPath = new Map();
let differing = 0;
for (const c of cases) {
  const ref = reference(c.provider, c.text);
  for (const [mapper, run] of [['js', (t) => JSON.parse(js.mapText(c.provider, t))], ['jsonata', async (t) => JSON.parse(await jsonata.mapText(c.provider, t))]]) {
    let out;
    try {
      out = await run(c.text);
    } catch (e) {
      out = { error: `${mapper} threw: ${e.message}` };
    }
    const d = firstDifference(ref, out);
    if (!d) continue;
    differing++;
    const key = `${mapper} ${d.path.replace(/\[\d+\]/g, '[i]')}`;
    if (!byPath.has(key)) byPath.set(key, []);
    byPath.get(key).push({ name: c.name, ...d });
  }
}

console.log(`reference: ${referenceName}; ${cases.length} payloads (fixtures + generated items) x 2 mappers`);
for (const [key, list] of [...byPath].sort()) {
  console.log(`\n${key}: ${list.length} payload(s)`);
  for (const d of list.slice(0, 4)) console.log(`  ${d.name}\n    paynorm: ${d.expected}\n    mapper:  ${d.actual}`);
}
console.log(differing ? `\n${differing} differences` : '\nno differences');
process.exit(differing ? 1 : 0);
