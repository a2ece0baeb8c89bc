// examples/browser, unmodified, built by Vite, webpack 5 and esbuild (each with only what the
// bundler documents for wasm: nothing for Vite and webpack, the file loader for esbuild), plus
// served as plain ES modules with an import map; each page then runs `normalize` in headless
// Chromium. Run: npm run build && npm run test:bundlers
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { bin, launchChromium, makeApp, run, serve } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const html = (script) =>
  readFileSync(join(import.meta.dirname, "..", "..", "examples", "browser", "index.html"), "utf8").replace(
    '<script type="module" src="/src/index.js"></script>',
    script,
  );

function wasmFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".wasm"));
}

/** Opens the page, checks the sample's unified output, then a bad and a Razorpay payload. */
async function exercise(url) {
  const page = await browser.newPage();
  const errors = [];
  const wasmTypes = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("response", (r) => r.url().endsWith(".wasm") && wasmTypes.push(r.headers()["content-type"]));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("out").textContent.startsWith("{"), null, { timeout: 20000 }).catch(() => {});
    const first = await page.textContent("#out");
    assert.ok(first.startsWith("{"), `page output: ${first}; errors: ${errors.join(" | ")}`);
    const payment = JSON.parse(first);
    assert.equal(payment.id, "pi_1");
    assert.equal(payment.amount, "50.00");
    assert.equal(payment.currency, "USD");
    assert.equal(payment.status, "paid");
    assert.equal(payment.created_at, "2023-11-14T22:13:20Z");

    await page.fill("#raw", "{ not json");
    await page.click("#go");
    assert.match(await page.textContent("#out"), /^invalid_json: /);

    await page.fill("#raw", '{"id":"pay_1","entity":"payment","amount":50000,"currency":"INR","status":"captured","method":"upi","created_at":1700000000}');
    await page.click("#go");
    const rzp = JSON.parse(await page.textContent("#out"));
    assert.deepEqual([rzp.id, rzp.amount, rzp.currency, rzp.status, rzp.payment_method.method], ["pay_1", "500.00", "INR", "paid", "upi"]);
    assert.deepEqual(errors, []);
    assert.ok(wasmTypes.length >= 1 && wasmTypes.every((t) => t === "application/wasm"), `wasm fetched: ${wasmTypes}`);
  } finally {
    await page.close();
  }
}

describe("bundlers (examples/browser in headless Chromium)", () => {
  test("Vite: vite build, no config", async () => {
    const app = makeApp("bundler-vite", "examples/browser");
    run(bin("vite"), ["build", "--logLevel", "warn"], { cwd: app });
    const dist = join(app, "dist");
    assert.equal(wasmFiles(dist).length, 1, "Vite emitted the .wasm as an asset");
    const server = await serve(dist);
    try {
      await exercise(server.url);
    } finally {
      await server.close();
    }
  });

  test("webpack 5: webpack --mode production, no config", async () => {
    const app = makeApp("bundler-webpack", "examples/browser");
    run(bin("webpack"), ["--mode", "production"], { cwd: app });
    const dist = join(app, "dist");
    assert.ok(existsSync(join(dist, "main.js")));
    assert.equal(wasmFiles(dist).length, 1, "webpack emitted the .wasm as an asset");
    writeFileSync(join(dist, "index.html"), html('<script src="main.js"></script>'));
    const server = await serve(dist);
    try {
      await exercise(server.url);
    } finally {
      await server.close();
    }
  });

  test("esbuild: --bundle --loader:.wasm=file, wasm URL from paynorm/paynorm_bg.wasm", async () => {
    const app = makeApp("bundler-esbuild", "examples/browser");
    const script = JSON.parse(readFileSync(join(app, "package.json"), "utf8")).scripts["build:esbuild"];
    const [, ...args] = script.split(" ");
    run(bin("esbuild"), [...args, "--log-level=warning"], { cwd: app });
    const dist = join(app, "dist");
    assert.equal(wasmFiles(dist).length, 1, "esbuild's file loader copied the .wasm");
    writeFileSync(join(dist, "index.html"), html('<script type="module" src="index.esbuild.js"></script>'));
    const server = await serve(dist);
    try {
      await exercise(server.url);
    } finally {
      await server.close();
    }
  });

  test("no bundler: the browser entry as native ES modules (import map)", async () => {
    const app = makeApp("bundler-none", "examples/browser");
    writeFileSync(
      join(app, "index.html"),
      html(
        '<script type="importmap">{"imports":{"paynorm":"/node_modules/paynorm/pkg/browser.js"}}</script>\n' +
          '    <script type="module" src="/src/index.js"></script>',
      ),
    );
    const server = await serve(app);
    try {
      await exercise(server.url);
    } finally {
      await server.close();
    }
  });
});
