// The package's "browser" entry in real headless Chromium (Debian's /usr/bin/chromium through
// playwright-core; no browser download): `await init()` once, then synchronous calls, and
// `err instanceof NormalizeError && err instanceof Error` with the class the entry exports.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize as normalizePath } from "node:path";
import { after, before, test } from "node:test";
import { installPackage } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
let server, browser, base;

before(async () => {
  if (!existsSync(CHROMIUM)) return;
  const { app } = installPackage("browser");
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<!doctype html><title>paynorm</title>");
    }
    const file = normalizePath(join(app, "node_modules", "paynorm", decodeURIComponent(url.pathname)));
    if (!file.startsWith(join(app, "node_modules", "paynorm")) || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = await import("playwright-core");
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "paynorm-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("browser entry: init once, sync calls, NormalizeError instanceof", { skip: !existsSync(CHROMIUM) && `${CHROMIUM} not found` }, async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const manifest = JSON.parse(readFileSync(join(installPackage("browser").app, "node_modules/paynorm/package.json"), "utf8"));
  const entry = "/" + manifest.exports["."].browser.default.replace(/^\.\//, "");
  const out = await page.evaluate(async (entry) => {
    const m = await import(entry);
    await m.default();
    await m.default(); // a second init is harmless
    const pi = '{"id":"pi_1","object":"payment_intent","amount":500,"currency":"jpy","status":"requires_capture","created":1700000000,"metadata":{"__proto__":{"x":1}}}';
    const p = m.normalize("stripe", "payments", new TextEncoder().encode(pi));
    const errors = [];
    for (const [provider, resource, input] of [["stripe", "payments", "{"], ["paypal", "payments", pi], ["stripe", "payments", "[7]"], ["auto", "auto", {}], ["stripe", "payments", undefined]]) {
      try {
        m.normalize(provider, resource, input);
        errors.push(null);
      } catch (e) {
        errors.push({ sub: e instanceof m.NormalizeError, isError: e instanceof Error, code: e.code, path: e.path ?? null, name: e.name });
      }
    }
    return {
      amount: p.amount, status: p.status,
      protoOwn: Object.hasOwn(p.metadata, "__proto__") && Object.getPrototypeOf(p.metadata) === Object.prototype,
      json: m.normalizeJson("stripe", "payments", "[]"),
      detect: m.detect(pi),
      coverage: m.coverage().length,
      errors,
      after: m.normalize("stripe", "payments", pi).id,
    };
  }, entry);
  assert.equal(out.amount, "500");
  assert.equal(out.status, "authorized");
  assert.ok(out.protoOwn);
  assert.equal(out.json, '{"result":[],"next_cursor":null}');
  assert.deepEqual(out.detect, { provider: "stripe", resource: "payments", list: false });
  assert.ok(out.coverage > 0);
  assert.deepEqual(out.errors.map((e) => e && e.code), ["invalid_json", "unsupported_provider", "invalid_payload", "undetectable", "invalid_input"]);
  for (const e of out.errors) {
    assert.ok(e.sub && e.isError, JSON.stringify(e));
    assert.equal(e.name, "NormalizeError");
  }
  assert.equal(out.errors[2].path, "$[0]");
  assert.equal(out.after, "pi_1");
});
