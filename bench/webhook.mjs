#!/usr/bin/env node
// Webhook verification benchmark (`npm run bench` runs it after bench.mjs; alone:
// `node bench/webhook.mjs`). One ~3 KB Stripe event, one secret, one signature header, the same
// inputs for every contender, in one process:
//   - paynorm constructEvent (verify in the wasm, then the unified event; synchronous)
//   - paynorm verifyWebhook (the verification alone)
//   - stripe-node stripe.webhooks.constructEvent (synchronous, Node crypto; returns JSON.parse of the body)
//   - stripe-node stripe.webhooks.constructEventAsync with the Web Crypto provider (what Workers,
//     Deno, Bun and Vercel Edge must use)
// Each contender's output is checked before timing (same event id and type; a tampered body must
// throw). Prints ops/s, mean and p99 per call, writes bench/webhook-results.json and puts the
// table into BENCHMARKS.md (its "Webhook verification" section, replaced on every run).
// Performance is reported, never asserted. BENCH_TIME=ms per task (default 1000).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Stripe from 'stripe';
import { Bench } from 'tinybench';

const HERE = dirname(fileURLToPath(import.meta.url));
const PKG = resolve(HERE, process.env.PAYNORM_PKG ?? '../pkg');
const TIME_MS = Number(process.env.BENCH_TIME || 1000);

const paynorm = await import(pathToFileURL(join(PKG, 'node.js')).href);
const stripe = new Stripe('sk_test_bench_not_a_key');
const webCrypto = Stripe.createSubtleCryptoProvider();

// A PaymentIntent event of about 3 KB (compact JSON, as Stripe delivers), deterministic.
function event() {
  const metadata = {};
  for (let i = 0; metadata && JSON.stringify(metadata).length < 2150; i++) metadata[`key_${i}`] = `value_${i}_${'x'.repeat(24)}`;
  return {
    id: 'evt_3OqBench00000000000000',
    object: 'event',
    api_version: '2024-06-20',
    created: 1700000000,
    data: {
      object: {
        id: 'pi_3OqBench00000000000000', object: 'payment_intent', amount: 5000, amount_capturable: 0,
        amount_received: 5000, application: null, capture_method: 'automatic', client_secret: 'pi_3OqBench_secret_bench',
        confirmation_method: 'automatic', created: 1700000000, currency: 'usd', customer: 'cus_Bench0000000000',
        description: 'Bench order #1001', latest_charge: 'ch_3OqBench00000000000000', livemode: false, metadata,
        payment_method: 'pm_1OqBench00000000000000', payment_method_types: ['card'], receipt_email: 'jenny@example.com',
        status: 'succeeded', statement_descriptor: null,
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_Bench0000', idempotency_key: 'bench-key-0001' },
    type: 'payment_intent.succeeded',
  };
}

const body = JSON.stringify(event());
const secret = 'whsec_bench_secret_0123456789abcdef';
const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(Date.now() / 1000) });
const tampered = body.replace('Bench order', 'Bench ordeR');

// --- check every output before timing ------------------------------------------------------
function mustThrow(f, what) {
  try { f(); } catch { return; }
  throw new Error(`${what}: a tampered body verified`);
}
const p = paynorm.constructEvent('stripe', body, header, secret);
if (p.id !== 'evt_3OqBench00000000000000' || p.type !== 'payment.succeeded' || p.data.amount !== '50.00') throw new Error('paynorm constructEvent output is wrong');
paynorm.verifyWebhook('stripe', body, header, secret);
const s = stripe.webhooks.constructEvent(body, header, secret);
if (s.id !== p.id || s.type !== p.provider_type) throw new Error('stripe constructEvent output is wrong');
const sa = await stripe.webhooks.constructEventAsync(body, header, secret, undefined, webCrypto);
if (sa.id !== p.id || sa.type !== p.provider_type) throw new Error('stripe constructEventAsync output is wrong');
mustThrow(() => paynorm.constructEvent('stripe', tampered, header, secret), 'paynorm');
mustThrow(() => stripe.webhooks.constructEvent(tampered, header, secret), 'stripe');
let asyncThrew = false;
await stripe.webhooks.constructEventAsync(tampered, header, secret, undefined, webCrypto).catch(() => { asyncThrew = true; });
if (!asyncThrew) throw new Error('stripe async: a tampered body verified');

// --- time ------------------------------------------------------------------------------------
const bench = new Bench({ time: TIME_MS, warmupTime: Math.max(50, TIME_MS / 4) });
bench
  .add('paynorm constructEvent (wasm, sync)', () => { paynorm.constructEvent('stripe', body, header, secret); })
  .add('paynorm verifyWebhook (wasm, sync)', () => { paynorm.verifyWebhook('stripe', body, header, secret); })
  .add('stripe-node constructEvent (Node crypto, sync)', () => { stripe.webhooks.constructEvent(body, header, secret); })
  .add('stripe-node constructEventAsync (Web Crypto)', async () => { await stripe.webhooks.constructEventAsync(body, header, secret, undefined, webCrypto); });
await bench.run();

const rows = bench.tasks.map((t) => {
  const r = t.result ?? {};
  const lat = r.latency ?? {};
  const mean = lat.mean ?? r.mean;
  const p99 = lat.p99 ?? r.p99;
  const hz = r.throughput?.mean ?? r.hz ?? (mean ? 1000 / mean : undefined);
  return { task: t.name, ops_per_s: hz ? Math.round(hz) : null, mean_us: mean ? +(mean * 1000).toFixed(2) : null, p99_us: p99 ? +(p99 * 1000).toFixed(2) : null };
});
console.log(`\nconstructEvent, one Stripe event of ${body.length} bytes (same body, header and secret for all; outputs checked first)`);
console.table(rows);
writeFileSync(join(HERE, 'webhook-results.json'), JSON.stringify({ body_bytes: body.length, node: process.version, time_ms: TIME_MS, rows }, null, 2) + '\n');

// BENCHMARKS.md (written by bench.mjs just before): this run's table as its own section.
const mdPath = join(HERE, '..', 'BENCHMARKS.md');
if (existsSync(mdPath)) {
  const HEADING = '## Webhook verification';
  const base = rows.find((r) => r.task.startsWith('stripe-node constructEventAsync'))?.ops_per_s;
  const lines = [
    HEADING,
    '',
    `\`node bench/webhook.mjs\` (run by \`npm run bench\` after the table above, same machine): one Stripe event of ${body.length} bytes,`,
    'the same body, signature header and secret for every contender; each output is checked before timing. `vs Web Crypto`',
    'is the ratio to stripe-node\'s `constructEventAsync`, the only stripe-node verifier on Workers, Deno, Bun and Vercel Edge.',
    'stripe-node\'s `constructEvent` returns `JSON.parse` of the body; paynorm\'s also normalizes the event and the payment in it.',
    '',
    '| contender | ops/s | vs Web Crypto | mean µs | p99 µs |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.task} | ${r.ops_per_s?.toLocaleString('en-US') ?? '-'} | ${base && r.ops_per_s ? (r.ops_per_s / base).toFixed(2) + 'x' : '-'} | ${r.mean_us ?? '-'} | ${r.p99_us ?? '-'} |`),
    '',
  ];
  const current = readFileSync(mdPath, 'utf8');
  const at = current.indexOf(HEADING);
  const kept = (at === -1 ? current : current.slice(0, at)).replace(/\s*$/, '\n\n');
  writeFileSync(mdPath, kept + lines.join('\n'));
  console.log('wrote the webhook section of ../BENCHMARKS.md');
}
