// Edge bundles. (1) examples/cloudflare-worker bundled by `wrangler deploy --dry-run --outdir`
// (wrangler 4 under Node 22 from npm `node@22`), its upload size and gzip reported, and the bundle
// run in real workerd (Miniflare), 10,000 bad payloads then a good one in one instance. (2) The
// "edge-light" entry bundled the way Vercel's toolchain does (esbuild, conditions edge-light first,
// `*.wasm?module` bound to a compiled WebAssembly.Module) and run in Vercel's `edge-runtime`.
// Run: npm run build && npm run test:edge
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { badPayload, GOOD } from "../workerd/bad-payloads.mjs";
import { here, makeApp, node22, run } from "./helpers.mjs";

describe("wrangler bundle (examples/cloudflare-worker) in workerd", () => {
  let mf;
  let dist;
  before(async () => {
    const app = makeApp("wrangler", "examples/cloudflare-worker");
    const wrangler = join(here, "node_modules", "wrangler", "bin", "wrangler.js");
    const r = run(node22, [wrangler, "deploy", "--dry-run", "--outdir", "dist"], {
      cwd: app,
      env: { WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1", HOME: join(app, ".home") },
    });
    const m = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(r.stdout + r.stderr);
    assert.ok(m, r.stdout + r.stderr);
    dist = join(app, "dist");
    const files = readdirSync(dist).filter((f) => !f.endsWith(".map"));
    const sizes = files.map((f) => `${f} ${statSync(join(dist, f)).size} B (gzip ${gzipSync(readFileSync(join(dist, f)), { level: 9 }).length} B)`);
    console.log(`wrangler upload: ${m[1]} / gzip: ${m[2]}; ${sizes.join("; ")}`);
    mf = new Miniflare({
      modules: true,
      scriptPath: join(dist, "index.js"),
      modulesRoot: dist,
      modulesRules: [
        { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      compatibilityDate: "2025-01-01",
      bindings: { STRIPE_WEBHOOK_SECRET: "whsec_example_secret" },
    });
    await mf.ready;
  });
  after(async () => {
    await mf?.dispose();
  });

  test("the bundle uploads the .wasm as a module beside one JS file", () => {
    const files = readdirSync(dist).filter((f) => !f.endsWith(".map") && f !== "README.md");
    assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 1, files.join(", "));
    assert.ok(files.includes("index.js"), files.join(", "));
    const wasm = files.find((f) => f.endsWith(".wasm"));
    const js = readFileSync(join(dist, "index.js"), "utf8");
    assert.ok(js.includes(`from "./${wasm}"`), "index.js imports the .wasm as a module (the workerd entry)");
    assert.doesNotMatch(js, /readFileSync|import\.meta\.url\)\)/);
  });

  test("POST a payload: unified JSON; a bad one: a coded 400", async () => {
    const res = await mf.dispatchFetch("http://localhost/normalize?provider=stripe&resource=payments", { method: "POST", body: GOOD });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual([body.id, body.amount, body.currency, body.status], ["pi_1", "5.120", "KWD", "paid"]);
    assert.deepEqual(body.remote_data, JSON.parse(GOOD));
    const lean = await (await mf.dispatchFetch("http://localhost/normalize?remote_data=false", { method: "POST", body: GOOD })).json();
    assert.equal(lean.remote_data, undefined);
    assert.equal(lean.amount, "5.120");
    const bad = await mf.dispatchFetch("http://localhost/normalize?provider=stripe&resource=payments", { method: "POST", body: "{" });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).code, "invalid_json");
    assert.equal((await mf.dispatchFetch("http://localhost/normalize")).status, 400);
  });

  test("the example's webhook route verifies a signed Stripe event and rejects a tampered one", async () => {
    const body = '{"id":"evt_1","object":"event","type":"payment_intent.succeeded","created":1700000000,"data":{"object":' + GOOD + "}}";
    const t = Math.floor(Date.now() / 1000);
    const sig = createHmac("sha256", "whsec_example_secret").update(`${t}.${body}`).digest("hex");
    const send = (b) => mf.dispatchFetch("http://localhost/webhooks/stripe", { method: "POST", body: b, headers: { "stripe-signature": `t=${t},v1=${sig}` } });
    const ok = await send(body);
    const event = await ok.json();
    assert.equal(ok.status, 200, JSON.stringify(event));
    assert.deepEqual([event.type, event.data.id, event.data.status], ["payment.succeeded", "pi_1", "paid"]);
    const bad = await send(body.replace("evt_1", "evt_2"));
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).code, "signature_mismatch");
  });

  test("10,000 bad payloads, then a good one, in the same instance", { timeout: 300000 }, async () => {
    for (let start = 0; start < 10000; start += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, k) => {
          const [provider, resource, body, code] = badPayload(start + k);
          const res = await mf.dispatchFetch(`http://localhost/normalize?provider=${provider}&resource=${resource}`, { method: "POST", body });
          const out = await res.json();
          assert.equal(res.status, 400, `${start + k}: ${JSON.stringify(out)}`);
          assert.ok(out.code === code || (code === "invalid_payload" && out.code === "mismatched_payload"), `${start + k}: ${out.code}`);
        }),
      );
    }
    const res = await mf.dispatchFetch("http://localhost/normalize", { method: "POST", body: GOOD });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).amount, "5.120");
  });
});

describe("edge-light (Vercel Edge / Next.js middleware)", () => {
  test("esbuild with Vercel's edge conditions and ?module wasm binding, run in edge-runtime", async () => {
    const app = makeApp("edge-light");
    const { build } = await import("esbuild");
    const { EdgeRuntime } = await import("edge-runtime");
    const bindings = {};
    // What @vercel/node and Next.js do for `import x from "./y.wasm?module"`: the compiled module
    // is provided to the edge function as a global binding named after the file's hash.
    const vercelWasm = {
      name: "vercel-edge-wasm",
      setup(b) {
        b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({
          path: join(args.resolveDir, args.path.replace(/\?module$/, "")),
          namespace: "vercel-wasm",
        }));
        b.onLoad({ filter: /.*/, namespace: "vercel-wasm" }, (args) => {
          const bytes = readFileSync(args.path);
          const name = `wasm_${createHash("sha1").update(bytes).digest("hex")}`;
          bindings[name] = bytes;
          return { contents: `export default globalThis[${JSON.stringify(name)}];`, loader: "js" };
        });
      },
    };
    const out = await build({
      stdin: {
        contents: `import { normalize, constructEvent, NormalizeError } from "paynorm";
addEventListener("fetch", (event) => event.respondWith((async () => {
  try {
    if (new URL(event.request.url).pathname === "/webhook") {
      // The edge realm's own Headers and string body; verified synchronously in the wasm.
      return Response.json(constructEvent("stripe", await event.request.text(), event.request.headers, "whsec_edge_light"));
    }
    return Response.json(normalize("auto", "auto", await event.request.text()));
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    return Response.json({ code: e.code }, { status: 400 });
  }
})()));`,
        resolveDir: app,
      },
      bundle: true,
      write: false,
      format: "iife",
      platform: "neutral",
      target: "es2022",
      conditions: ["edge-light", "worker", "browser", "module", "import", "require"],
      mainFields: ["browser", "module", "main"],
      plugins: [vercelWasm],
      logLevel: "silent",
    });
    const code = out.outputFiles[0].text;
    assert.match(code, /paynorm\/pkg\/edge-light\.js/, "the edge-light entry was bundled");
    assert.equal(Object.keys(bindings).length, 1);
    const runtime = new EdgeRuntime();
    // The bindings are compiled by the edge realm's own WebAssembly, as the platform provides them.
    const EdgeModule = runtime.evaluate("WebAssembly.Module");
    for (const [name, bytes] of Object.entries(bindings)) {
      runtime.context[name] = new EdgeModule(new Uint8Array(bytes));
    }
    runtime.evaluate(code);
    const ok = await runtime.dispatchFetch("http://localhost/", { method: "POST", body: GOOD });
    const body = await ok.json();
    assert.equal(ok.status, 200, JSON.stringify(body));
    assert.deepEqual([body.id, body.amount, body.status], ["pi_1", "5.120", "paid"]);
    const bad = await runtime.dispatchFetch("http://localhost/", { method: "POST", body: "{" });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).code, "invalid_json");
    // A signed Stripe webhook through the edge runtime's Request / Headers.
    const hookBody = '{"id":"evt_edge","object":"event","type":"charge.succeeded","created":1700000000,"data":{"object":{"id":"ch_1","object":"charge","amount":500,"currency":"eur","status":"succeeded","captured":true,"created":1700000000}}}';
    const t = Math.floor(Date.now() / 1000);
    const sig = createHmac("sha256", "whsec_edge_light").update(`${t}.${hookBody}`).digest("hex");
    const hook = (b) => runtime.dispatchFetch("http://localhost/webhook", { method: "POST", body: b, headers: { "Stripe-Signature": `t=${t},v1=${sig}` } });
    const signed = await hook(hookBody);
    const event = await signed.json();
    assert.equal(signed.status, 200, JSON.stringify(event));
    assert.deepEqual([event.id, event.type, event.data.amount, event.data.status], ["evt_edge", "payment.succeeded", "5.00", "paid"]);
    const forged = await hook(hookBody.replace("500", "900"));
    assert.equal(forged.status, 400);
    assert.equal((await forged.json()).code, "signature_mismatch");
  });
});
