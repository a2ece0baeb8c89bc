// The mapping preview as a static site (dist/www/, built by npm run build:www) in a real browser:
// playwright-core driving Debian's Chromium (/usr/bin/chromium, never a downloaded browser)
// against scripts/serve.mjs, a plain static file server that knows nothing about paynorm, on
// 127.0.0.1. Screenshots go to test-results/www/ (gitignored). Run: npm run test:www (it builds
// dist/www/ first; this file builds it too when it is missing).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, relative } from "node:path";

import { axePath, chromium, openSite, paynorm, root, serve, shots, site } from "./browser.mjs";

/** The bundled examples, listed from examples/payloads here (independently of the build script). */
function exampleIndex() {
  const dir = join(root, "examples", "payloads");
  return readdirSync(dir)
    .flatMap((provider) =>
      readdirSync(join(dir, provider))
        .filter((f) => f.endsWith(".json"))
        .map((f) => ({ name: `${provider}/${f.slice(0, -5)}`, provider, resource: f.slice(0, -5), url: `examples/${provider}/${f}` })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

let server;
let base;
let context;
let userDataDir;
const allowed = new Set(); // origins of our own static servers
const external = []; // any request that is not to our own server (the page must work offline)
const pageErrors = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server, base, userDataDir, context } = await openSite("paynorm-www-"));
  allowed.add(new URL(base).origin);
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (allowed.has(new URL(url).origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  assert.deepEqual(external, [], "the page requested something other than its own server");
  assert.deepEqual(pageErrors, [], "uncaught errors in the page");
});

async function open(hash = "", viewport = { width: 1366, height: 900 }, at = base) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.setViewportSize(viewport);
  await page.goto(at + hash);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
  await settled(page);
  return page;
}

/** Waits until the worker's answer to the latest input is on the page. */
async function settled(page, timeout = 60_000) {
  await page.waitForFunction(
    () => document.body.dataset.state === "empty" || (document.body.dataset.state !== "busy" && document.body.dataset.shown === document.body.dataset.job),
    null,
    { timeout },
  );
}

/** Opens the editor (the raw view's Edit mode) when the read-only view is showing. */
async function editMode(page) {
  if ((await page.getAttribute("#pane-input", "data-raw")) !== "edit") await page.click("#edit");
}

/**
 * Puts a big text into the editor the way a paste does: the value replaced and an `input` event
 * (inputType insertFromPaste). Playwright's fill() types through insertText, which takes minutes
 * for a few hundred KB in Chromium, so it is used for small texts only.
 */
async function paste(page, text) {
  if (text.length < 20_000) return page.fill("#input", text);
  if (text.length > 500_000) return pasteEvent(page, text);
  await page.evaluate((t) => {
    const input = document.getElementById("input");
    input.focus();
    input.value = t;
    input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, text);
}

/** Fires the paste event Ctrl+V fires, with `text` on the clipboard, at the focused element or `selector`. */
async function pasteEvent(page, text, selector = null) {
  await page.evaluate(
    ([t, sel]) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", t);
      const target = sel ? document.querySelector(sel) : document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [text, selector],
  );
}

/** Puts text into the editor as a user would and waits until the page has run on it. */
async function type(page, text) {
  await editMode(page);
  const [job, saved] = await page.evaluate(() => [document.body.dataset.job, document.body.dataset.saved]);
  await paste(page, text);
  await page.waitForFunction((j) => document.body.dataset.job !== j || document.body.dataset.state === "empty", job);
  await settled(page);
  await page.waitForFunction((s) => document.body.dataset.saved !== s, saved, { timeout: 5000 });
}

/** Waits for the debounced run and the URL update after it. */
async function waitSaved(page) {
  const before = await page.evaluate(() => document.body.dataset.saved);
  await page.waitForFunction((b) => document.body.dataset.saved !== b, before, { timeout: 5000 }).catch(() => {});
}

async function pickExample(page, name) {
  const text = readFileSync(join(root, "examples", "payloads", `${name}.json`), "utf8");
  await page.selectOption("#example", name);
  await page.waitForFunction((t) => document.getElementById("input").value === t, text);
  await settled(page);
  return text;
}

/** Picks a provider or resource and waits for the new result. */
async function choose(page, sel, value) {
  const job = await page.evaluate(() => document.body.dataset.job);
  if ((await page.inputValue(sel)) === value) return;
  await page.selectOption(sel, value);
  await page.waitForFunction((j) => document.body.dataset.job !== j, job);
  await settled(page);
}

const highlighted = (page) => page.$$eval("#source .is-source", (els) => els.map((e) => e.dataset.path));
const resultJson = async (page) => JSON.parse(await page.textContent("#result-json"));

async function axe(page, label, context = null) {
  await page.addScriptTag({ path: axePath });
  const { violations } = await page.evaluate((c) => window.axe.run(c ?? document, { resultTypes: ["violations"] }), context);
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const describe = (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`;
  for (const v of violations) console.log(`# axe ${label}: ${describe(v)}`);
  assert.deepEqual(serious.map(describe), [], `serious accessibility violations (${label})`);
}

/** A Stripe list of `n` PaymentIntents built from the bundled example, ids/amounts/currencies varied. */
function stripeList(n, pretty = 2) {
  const one = JSON.parse(readFileSync(join(root, "examples/payloads/stripe/payments.json"), "utf8"));
  const currencies = ["usd", "jpy", "kwd", "eur", "inr"];
  const statuses = ["succeeded", "processing", "canceled", "requires_payment_method", "requires_capture"];
  const data = Array.from({ length: n }, (_, i) => ({
    ...one,
    id: `pi_${String(i).padStart(6, "0")}_${one.id.slice(3, 12)}`,
    amount: 1000 + i * 7,
    currency: currencies[i % currencies.length],
    status: statuses[i % statuses.length],
  }));
  return JSON.stringify({ object: "list", data, has_more: true, url: "/v1/payment_intents" }, null, pretty);
}

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

test("dist/www is a static site: self-contained, served by a plain file server under any path", async () => {
  const index = await (await fetch(base + "examples/index.json")).json();
  assert.deepEqual(index, exampleIndex());
  assert.equal(index.length, 15); // 11 API payloads + 4 webhook events (<provider>/webhook.json)
  const wasm = await fetch(base + "pkg/paynorm_bg.wasm");
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.deepEqual(Buffer.from(await wasm.arrayBuffer()), readFileSync(join(root, "pkg", "paynorm_bg.wasm")));
  for (const path of ["pkg/%2e%2e/package.json", "..%2fpackage.json", "examples/..%2f..%2fpackage.json"]) {
    const res = await fetch(base + path);
    assert.ok(res.status === 403 || res.status === 404, `${path}: ${res.status}`);
  }
  // No file of the site loads anything outside the folder.
  const files = [];
  const walk = (dir) => {
    for (const f of readdirSync(dir)) statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : files.push(join(dir, f));
  };
  walk(site);
  for (const f of files.filter((f) => /\.(m?js|html)$/.test(f))) {
    const text = readFileSync(f, "utf8");
    assert.doesNotMatch(text, /(?:from\s*|import\s*\(\s*|new URL\(\s*|src=|href=)["']\.\.\//, relative(site, f));
    assert.doesNotMatch(text, /(?:from\s*|import\s*\(\s*|src=|href=)["']\/(?!\/)/, `${relative(site, f)}: root-absolute URL`);
  }

  // The same folder mounted under a deep path, as a project page on a static host: it works, and
  // every request stays under that path.
  const { server: sub, url: subBase } = await serve({ dir: site, port: 0, prefix: "/some/project/" });
  allowed.add(new URL(subBase).origin);
  try {
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(subBase + "#example=razorpay%2Fpayments");
    await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
    await settled(page);
    assert.equal(await page.getAttribute("body", "data-state"), "ok");
    const text = readFileSync(join(root, "examples/payloads/razorpay/payments.json"), "utf8");
    assert.deepEqual(await resultJson(page), paynorm.normalize("razorpay", "payments", text));
    const outside = requests.filter((u) => !u.startsWith(subBase) && !u.startsWith("data:") && !u.startsWith("blob:"));
    assert.deepEqual(outside, []);
    assert.ok(requests.some((u) => u.endsWith("/some/project/worker.js")), "the worker script is loaded");
    assert.ok(requests.some((u) => u.endsWith("/some/project/pkg/paynorm_bg.wasm")), "the wasm is loaded");
    await page.close();
  } finally {
    await new Promise((r) => sub.close(r));
  }
});

const python = (() => {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

test("dist/www works from someone else's static server (python3 -m http.server)", { skip: !python && "no python3" }, async () => {
  const { spawn } = await import("node:child_process");
  const child = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", site], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const port = await new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /port (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`http.server exited ${code}: ${out}`)));
    });
    const pyBase = `http://127.0.0.1:${port}/`;
    allowed.add(new URL(pyBase).origin);
    const page = await open("#example=juspay%2Fpayments", { width: 1366, height: 900 }, pyBase);
    const text = readFileSync(join(root, "examples/payloads/juspay/payments.json"), "utf8");
    assert.equal(await page.getAttribute("body", "data-state"), "ok");
    assert.deepEqual(await resultJson(page), paynorm.normalize("juspay", "payments", text));
    await page.close();
  } finally {
    child.kill();
  }
});

test("a list of 200 items is a compact table: one row each, fields on demand", async () => {
  const page = await open("#example=stripe%2Fpayments");
  const list = stripeList(200);
  const expected = paynorm.normalize("stripe", "payments", list);
  await type(page, list);
  assert.equal(await page.getAttribute("body", "data-state"), "ok");
  assert.match(await page.textContent("#summary"), /list of 200/);
  assert.deepEqual(await resultJson(page), expected);
  const rows = await page.$$eval("table.items tbody tr.row", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td[data-col]")].map((td) => td.textContent)),
  );
  assert.equal(rows.length, 200);
  rows.forEach((cells, n) => {
    const p = expected.result[n];
    assert.deepEqual(cells, [p.id, p.status, p.amount, p.currency], `row ${n}`);
  });
  assert.equal(await page.$$eval("#fields button.field", (bs) => bs.length), 0, "no item is expanded at first");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 2000, `the page is ${height} px tall with 200 items`);

  // Expand one row: its fields, their provenance into $.data[123]; collapse again.
  await page.click('button.expand[data-item="123"]');
  assert.equal(await page.getAttribute('button.expand[data-item="123"]', "aria-expanded"), "true");
  const fields = await page.$$eval('#fields button.field[data-item="123"]', (bs) => bs.map((b) => b.dataset.field));
  const ex = paynorm.explain("stripe", "payments", list);
  assert.deepEqual(fields, [...ex.items[123].fields.map((f) => f.field), "remote_data"]);
  await page.hover('button.field[data-item="123"][data-field="amount"]');
  assert.deepEqual(await highlighted(page), ["$.data[123].amount"]);
  assert.match(await page.textContent('#source [data-path="$.data[123].amount"]'), /"amount": 1861/);
  await page.screenshot({ path: join(shots, "desktop-list-200-expanded.png") });
  await page.click('button.expand[data-item="123"]');
  assert.equal(await page.isVisible("#item-123"), false);
  await page.screenshot({ path: join(shots, "desktop-list-200.png") });

  // Keyboard: the expand buttons are reachable and work with Enter.
  await page.focus('button.expand[data-item="4"]');
  await page.keyboard.press("Enter");
  assert.equal(await page.isVisible('button.field[data-item="4"][data-field="status"]'), true);
  // (the highlighted view's 20,000 spans are left out: axe takes half a minute on them here, and
  // the same view is scanned with a small payload in the accessibility test)
  await axe(page, "200-item list, one row expanded", { exclude: [["#source"]] });

  await page.setViewportSize({ width: 375, height: 812 });
  await page.click("#show-output");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  await page.screenshot({ path: join(shots, "mobile-375-list-200.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.click('button.expand[data-item="1"]');
  await axe(page, "200-item list, 375 px, dark", { exclude: [["#source"]] });
  await page.evaluate(() => window.scrollBy(0, document.querySelector('tr.row[data-item="1"]').getBoundingClientRect().top - 120));
  await page.screenshot({ path: join(shots, "mobile-375-dark-list-200.png") });
  await page.emulateMedia({ colorScheme: "light" });
  await page.close();
});

test("a 4.7 MB payload maps in the worker: busy state, the page stays responsive, cancel and replace", async () => {
  const page = await open("#example=stripe%2Fpayments");
  let n = 2000;
  let big = stripeList(n);
  while (big.length < 4.7e6) big = stripeList((n += 50));
  const expected = JSON.stringify(paynorm.normalize("auto", "auto", big), null, 2);

  // A ticker on the main thread: the longest gap between ticks is how long the page froze.
  await page.evaluate(() => {
    window.gaps = { max: 0, last: performance.now(), busySeen: false };
    window.ticker = setInterval(() => {
      const now = performance.now();
      window.gaps.max = Math.max(window.gaps.max, now - window.gaps.last);
      window.gaps.last = now;
    }, 16);
    new MutationObserver(() => {
      if (!document.getElementById("busy").hidden) window.gaps.busySeen = true;
    }).observe(document.getElementById("busy"), { attributes: true });
  });
  await editMode(page);
  const t0 = Date.now();
  await paste(page, big); // Ctrl+V in the editor
  assert.equal(await page.inputValue("#input"), "", "a big paste is kept out of the text box");
  await page.waitForSelector("#busy:not([hidden])", { timeout: 10_000 });
  assert.match(await page.textContent("#busy-text"), /\d\.\d MB/);
  await page.screenshot({ path: join(shots, "desktop-busy-4.7MB.png") });
  // While the worker maps, the page answers: a click on the coverage tab and back is handled.
  await page.click("#tab-coverage");
  assert.equal(await page.isVisible("#view-coverage"), true);
  await page.click("#tab-preview");
  await settled(page, 180_000);
  const wall = Date.now() - t0;
  const { max, busySeen } = await page.evaluate(() => window.gaps);
  console.log(`# 4.7 MB (${(big.length / 1e6).toFixed(2)} MB, ${n} items): ${wall} ms to the result (page: ${await page.getAttribute("body", "data-ms")} ms), longest main-thread gap ${Math.round(max)} ms (contended)`);
  assert.ok(busySeen);
  assert.equal(await page.getAttribute("body", "data-state"), "ok");
  assert.match(await page.textContent("#summary"), new RegExp(`list of ${n}`));
  const got = await page.evaluate(async () => {
    const text = document.getElementById("result-json").textContent;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  });
  assert.equal(got, sha256(expected), "the unified JSON is exactly normalize()'s");
  assert.ok(max < 1500, `the main thread froze for ${Math.round(max)} ms`);
  // The table shows a page of rows, more on demand; too big for the highlighted view: the editor is the raw view.
  assert.equal(await page.$$eval("table.items tbody tr.row", (r) => r.length), 250);
  await page.click("button.more");
  assert.equal(await page.$$eval("table.items tbody tr.row", (r) => r.length), 500);
  assert.equal(await page.isVisible("#source-note"), true);
  assert.equal(await page.isVisible("#input"), false);
  assert.equal(await page.isDisabled("#edit"), true);
  assert.match(await page.textContent("#big-size"), /MB/);
  assert.ok((await page.textContent("#excerpt")).startsWith(big.slice(0, 2000)));
  // Provenance still works: the worker finds the raw source, the excerpt marks it.
  await page.click('button.expand[data-item="3"]');
  await page.hover('button.field[data-item="3"][data-field="amount"]');
  await page.waitForSelector("#excerpt mark.is-source");
  assert.deepEqual(await page.$$eval("#excerpt mark.is-source", (m) => m.map((e) => e.textContent)), ['"amount": 1021']);
  await page.hover('button.field[data-item="3"][data-field="refund_amount"]');
  await page.waitForFunction(() => document.querySelector("#excerpt mark.is-source")?.textContent === '"amount_refunded": 1500');
  await page.screenshot({ path: join(shots, "desktop-big-4.7MB-done.png") });
  assert.equal(await page.getAttribute("body", "data-url-has-data"), "false", "a 4.7 MB payload is not put in the URL");

  // Cancel: the job stops, the page says so, "Run again" restarts it. (Three times as big, so the
  // job is surely still running when the test cancels or replaces it, however fast the machine.)
  const huge = stripeList(n * 3);
  await pasteEvent(page, huge, "#excerpt"); // Ctrl+V anywhere
  await page.waitForSelector("#busy:not([hidden])");
  await page.focus("#cancel");
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("body", "data-state"), "cancelled");
  assert.equal(await page.evaluate(() => document.activeElement.id), "rerun");
  assert.match(await page.textContent("#summary"), /Cancelled after/);
  assert.equal(await page.isVisible("#busy"), false);
  await page.click("#rerun");
  await settled(page, 180_000);
  assert.equal(await page.getAttribute("body", "data-state"), "ok");

  // Replace: a new input while the big one is mapping terminates that job; only the new result shows.
  const replacedBefore = Number((await page.getAttribute("body", "data-replaced")) ?? 0);
  await pasteEvent(page, huge.replace('"has_more": true', '"has_more": false'), "#excerpt");
  await page.waitForSelector("#busy:not([hidden])");
  const small = readFileSync(join(root, "examples/payloads/razorpay/payments.json"), "utf8");
  await pasteEvent(page, small, "#excerpt");
  await settled(page);
  assert.equal(Number(await page.getAttribute("body", "data-replaced")), replacedBefore + 1);
  assert.deepEqual(await resultJson(page), paynorm.normalize("razorpay", "payments", small));
  assert.match(await page.textContent("#summary"), /Razorpay · payments · single object/);
  await page.waitForTimeout(500);
  assert.match(await page.textContent("#summary"), /single object/, "the replaced job never shows");

  // An error deep in a big payload: located by the worker, marked in the excerpt.
  assert.equal(big.split('"amount": 11500,').length, 2);
  const broken = big.replace('"amount": 11500,', '"amount": "x",');
  await pasteEvent(page, broken, "#source");
  await page.waitForSelector('#error[data-code="invalid_payload"][data-path="$.data[1500].amount"]', { timeout: 60_000 });
  assert.equal(await page.textContent("#excerpt mark.is-error"), '"amount": "x"');
  assert.match(await page.textContent("#error"), /At \$\.data\[1500\]\.amount/);
  await page.screenshot({ path: join(shots, "desktop-big-4.7MB-error.png") });
  await page.close();
});

test("one raw view: the read-only highlighted view or the editor, never both", async () => {
  const page = await open("#example=stripe%2Fpayments");
  const visible = async () => [await page.isVisible("#input"), await page.isVisible("#source")];
  assert.deepEqual(await visible(), [false, true]);
  await page.click("#edit");
  assert.deepEqual(await visible(), [true, false]);
  assert.equal(await page.evaluate(() => document.activeElement.id), "input");
  assert.equal(await page.textContent("#edit"), "Done");
  await page.click("#edit");
  assert.deepEqual(await visible(), [false, true]);
  // The raw payload appears once on the page (the output shows unified JSON, not the input).
  // The input pane shows the payload once: no second copy under or beside the editor.
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll("#pane-input pre, #pane-input textarea")].filter((e) => e.getClientRects().length > 0).map((e) => e.id),
  );
  assert.deepEqual(shown, ["source"]);
  // Paste anywhere outside a form field replaces the payload.
  const text = readFileSync(join(root, "examples/payloads/juspay/orders.json"), "utf8");
  const job = await page.evaluate(() => document.body.dataset.job);
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    document.getElementById("source").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((j) => document.body.dataset.job !== j, job);
  await settled(page);
  assert.equal(await page.inputValue("#input"), text);
  assert.equal(await page.getAttribute("#summary", "data-provider"), "juspay");
  // Empty input: the editor.
  await type(page, "");
  assert.deepEqual(await visible(), [true, false]);
  assert.equal(await page.getAttribute("body", "data-state"), "empty");
  await page.close();
});

test("375 px: an input/output switch; the output is on the first screen", async () => {
  const page = await open("#example=stripe%2Fpayments", { width: 375, height: 812 });
  assert.equal(await page.isVisible("#pane-output"), true);
  assert.equal(await page.isVisible("#pane-input"), false);
  assert.equal(await page.getAttribute("#show-output", "aria-pressed"), "true");
  const top = await page.evaluate(() => ({
    heading: document.getElementById("output-heading").getBoundingClientRect().top,
    summary: document.getElementById("summary").getBoundingClientRect().bottom,
    firstField: document.querySelector("button.field").getBoundingClientRect().top,
  }));
  assert.ok(top.summary < 812 && top.heading < 600, JSON.stringify(top));
  console.log(`# 375 px: output heading at ${Math.round(top.heading)} px, first field at ${Math.round(top.firstField)} px`);
  await page.screenshot({ path: join(shots, "mobile-375-output.png") });
  await page.click("#show-input");
  assert.equal(await page.isVisible("#pane-input"), true);
  assert.equal(await page.isVisible("#pane-output"), false);
  assert.equal(await page.getAttribute("#show-input", "aria-pressed"), "true");
  await page.screenshot({ path: join(shots, "mobile-375-input.png") });
  // A new payload shows the output again.
  await pickExample(page, "checkout/payments");
  assert.equal(await page.isVisible("#pane-output"), true);
  // On a desktop both panes show and the switch is hidden.
  await page.setViewportSize({ width: 1366, height: 900 });
  assert.deepEqual([await page.isVisible("#pane-input"), await page.isVisible("#pane-output"), await page.isVisible("#show-input")], [true, true, false]);
  await page.close();
});

test("copy and download of the unified output", async () => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(base).origin });
  const page = await open("#example=stripe%2Forders");
  const text = readFileSync(join(root, "examples/payloads/stripe/orders.json"), "utf8");
  const expected = JSON.stringify(paynorm.normalize("stripe", "orders", text), null, 2);
  await page.click("#copy");
  await page.waitForFunction(() => /Copied/.test(document.getElementById("output-status").textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.equal(download.suggestedFilename(), "paynorm-stripe-orders.json");
  assert.equal(readFileSync(await download.path(), "utf8"), expected + "\n");
  // Nothing to copy without a result.
  await type(page, "{");
  assert.equal(await page.isDisabled("#copy"), true);
  assert.equal(await page.isDisabled("#download"), true);
  await page.close();
});

test("every bundled example gives exactly what normalize() gives, auto-detected and picked", async () => {
  const page = await open();
  const examples = exampleIndex().filter((x) => x.resource !== "webhook"); // events: webhook.test.mjs
  for (const { name, provider, resource } of examples) {
    await choose(page, "#provider", "auto");
    await choose(page, "#resource", "auto");
    const text = await pickExample(page, name);
    const expected = paynorm.normalize(provider, resource, text);
    assert.equal(await page.getAttribute("body", "data-state"), "ok", name);
    assert.deepEqual(await resultJson(page), expected, `${name}: unified JSON`);
    assert.equal(await page.getAttribute("#summary", "data-provider"), provider, name);
    assert.equal(await page.getAttribute("#summary", "data-resource"), resource, name);
    assert.match(await page.textContent("#summary"), /auto-detected/);

    // Every unified field is a row; unsupported ones say so; the status decision is explained.
    const ex = paynorm.explain(provider, resource, text);
    const rows = await page.$$eval("#fields button.field", (bs) =>
      bs.map((b) => ({ field: b.dataset.field, state: b.dataset.state, text: b.textContent })),
    );
    assert.deepEqual(
      rows.map((r) => r.field),
      [...ex.items[0].fields.map((f) => f.field), "remote_data"],
      `${name}: rows`,
    );
    for (const f of ex.items[0].fields) {
      const row = rows.find((r) => r.field === f.field);
      if (!f.supported) {
        assert.equal(row.state, "unsupported", `${name} ${f.field}`);
        assert.match(row.text, /not supplied by /, `${name} ${f.field}`);
      }
      if (f.decision) assert.ok(row.text.includes(f.decision), `${name}: status decision shown`);
    }

    // The same with the provider and resource picked explicitly.
    await choose(page, "#provider", provider);
    await choose(page, "#resource", resource);
    assert.deepEqual(await resultJson(page), expected, `${name}: picked`);
    assert.doesNotMatch(await page.textContent("#summary"), /auto-detected/);
  }
  await page.close();
});

test("hovering or focusing a unified field highlights its raw source(s) and shows the rule", async () => {
  const page = await open("#example=stripe%2Fpayments");
  const text = readFileSync(join(root, "examples/payloads/stripe/payments.json"), "utf8");
  const ex = paynorm.explain("stripe", "payments", text);
  const field = (name) => ex.items[0].fields.find((f) => f.field === name);

  await page.hover('button.field[data-field="refund_amount"]');
  assert.deepEqual(await highlighted(page), ["$.latest_charge.amount_refunded"]);
  assert.match(await page.textContent('#source [data-path="$.latest_charge.amount_refunded"]'), /"amount_refunded": 1500/);
  const inspector = await page.textContent("#inspector");
  assert.ok(inspector.includes(field("refund_amount").rule), inspector);
  assert.ok(inspector.includes("$.latest_charge.amount_refunded"));
  assert.ok(await page.isVisible('#source [data-path="$.latest_charge.amount_refunded"]'));
  await page.screenshot({ path: join(shots, "desktop-light-hover-refund_amount.png") });

  // Keyboard: focus, then arrow keys move between fields; the highlight follows.
  await page.focus('button.field[data-field="refund_amount"]');
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), "status");
  assert.deepEqual((await highlighted(page)).sort(), [...field("status").sources].sort());
  assert.ok((await page.textContent("#inspector")).includes(field("status").decision));

  // Enter pins; Escape clears.
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute('button.field[data-field="status"]', "aria-pressed"), "true");
  await page.keyboard.press("Escape");
  assert.deepEqual(await highlighted(page), []);

  // A field the provider does not supply: no source, said so.
  await page.focus('button.field[data-field="expires_on"]');
  assert.deepEqual(await highlighted(page), []);
  assert.match(await page.textContent("#inspector"), /not supplied by Stripe/);

  // Two raw fields feeding one unified field (Juspay name = first_name + last_name).
  await pickExample(page, "juspay/customers");
  await page.hover('button.field[data-field="name"]');
  assert.deepEqual(await highlighted(page), ["$.first_name", "$.last_name"]);

  // A list: the second item's field points into $.data[1].
  const list = JSON.stringify({ object: "list", data: [JSON.parse(text), JSON.parse(text)], has_more: false, url: "/v1/payment_intents" }, null, 2);
  await type(page, list);
  assert.deepEqual(await resultJson(page), paynorm.normalize("auto", "auto", list));
  // A list is a compact table; a row expands on demand into its fields.
  assert.equal(await page.$$eval("#fields button.field", (bs) => bs.length), 0);
  await page.click('button.expand[data-item="1"]');
  await page.hover('button.field[data-item="1"][data-field="refund_amount"]');
  assert.deepEqual(await highlighted(page), ["$.data[1].latest_charge.amount_refunded"]);
  await page.close();
});

test("an invalid payload shows the coded error inline with its JSON path highlighted", async () => {
  const page = await open("#example=stripe%2Fpayments");
  const text = readFileSync(join(root, "examples/payloads/stripe/payments.json"), "utf8");
  const bad = text.replace('"amount": 5000,', '"amount": "fifty",');
  assert.notEqual(bad, text);
  await type(page, bad);
  await page.waitForSelector('#error[data-code="invalid_payload"]');
  // Typing keeps the editor open; "Done" shows the read-only view with the error marked.
  assert.equal(await page.getAttribute("#pane-input", "data-raw"), "edit");
  await page.click("#edit");
  assert.equal(await page.isVisible("#input"), false);
  assert.equal(await page.getAttribute("#error", "data-path"), "$.amount");
  assert.match(await page.textContent("#error"), /invalid_payload/);
  assert.match(await page.textContent("#error"), /\$\.amount: expected integer, found string "fifty"/);
  const marked = await page.$$eval("#source .is-error", (els) => els.map((e) => e.dataset.path));
  assert.deepEqual(marked, ["$.amount"]);
  assert.match(await page.textContent('#source [data-path="$.amount"]'), /"amount": "fifty"/);
  assert.equal(await page.getAttribute("#input", "aria-invalid"), "true");
  await page.screenshot({ path: join(shots, "desktop-light-error-invalid_payload.png") });
  // "Select it in the editor" selects exactly that member in the textarea.
  await page.click("#error button");
  const selected = await page.evaluate(() => {
    const t = document.getElementById("input");
    return { focused: document.activeElement === t, text: t.value.slice(t.selectionStart, t.selectionEnd) };
  });
  assert.deepEqual(selected, { focused: true, text: '"amount": "fifty"' });

  // A field that is missing: the error's path is not in the input, its parent is highlighted.
  await choose(page, "#provider", "stripe");
  await choose(page, "#resource", "payments");
  await type(page, '{"object": "payment_intent", "amount": 100}');
  await page.waitForSelector('#error[data-code="invalid_payload"][data-path="$.id"]');
  await page.click("#edit");
  assert.deepEqual(await page.$$eval("#source .is-error", (els) => els.map((e) => e.dataset.path)), ["$"]);
  assert.match(await page.textContent("#error"), /\$\.id is not in the input/);
  await choose(page, "#provider", "auto");
  await choose(page, "#resource", "auto");

  // Nothing to detect: undetectable, no path.
  await type(page, '{"hello": "world"}');
  await page.waitForSelector('#error[data-code="undetectable"]:not([data-path])');

  // Broken JSON: invalid_json, the position marked in the source view.
  await type(page, '{\n  "id": "pi_1",\n  "amount": 50,,\n}');
  await page.waitForSelector('#error[data-code="invalid_json"]');
  await page.click("#edit");
  assert.match(await page.textContent("#error"), /line 3, column 16/);
  assert.equal(await page.textContent("#source mark.is-error"), ",");

  // The wrong provider picked: mismatched_payload at $.
  await pickExample(page, "stripe/customers");
  await choose(page, "#provider", "razorpay");
  await choose(page, "#resource", "customers");
  await page.waitForSelector('#error[data-code="mismatched_payload"][data-path="$"]');
  await page.close();
});

test("a payload can be dropped as a file or opened from disk", async () => {
  const page = await open("#example=stripe%2Fcustomers");
  const text = readFileSync(join(root, "examples/payloads/razorpay/payments.json"), "utf8");
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "payment.json", { type: "application/json" }));
    document.getElementById("dropzone").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((t) => document.getElementById("input").value === t, text);
  assert.equal(await page.getAttribute("#summary", "data-provider"), "razorpay");
  assert.equal(await page.inputValue("#example"), "");

  await page.setInputFiles("#file", join(root, "examples/payloads/checkout/customers.json"));
  await page.waitForFunction(() => document.getElementById("summary").dataset.provider === "checkout");
  await page.close();
});

test("the URL restores the state: pickers, options, edited payload, view", async () => {
  const page = await open("#example=stripe%2Fpayments");
  await choose(page, "#provider", "stripe");
  await choose(page, "#resource", "payments");
  await page.uncheck("#remote-data");
  await page.fill("#exclude", "customer.phone, metadata");
  const edited = (await page.inputValue("#input")).replace("Order #1042", "Order #2077 ✓");
  await type(page, edited);
  const output = await resultJson(page);
  assert.equal(output.description, "Order #2077 ✓");
  assert.equal(output.remote_data, undefined);
  assert.equal(output.metadata, undefined);
  assert.equal(output.customer.phone, undefined);
  const url = page.url();
  assert.match(url, /[#&]data=/);
  await page.close();

  const again = await open(url.slice(base.length));
  assert.equal(await again.inputValue("#provider"), "stripe");
  assert.equal(await again.inputValue("#resource"), "payments");
  assert.equal(await again.isChecked("#remote-data"), false);
  assert.equal(await again.inputValue("#exclude"), "customer.phone, metadata");
  assert.equal(await again.inputValue("#input"), edited);
  assert.equal(await again.inputValue("#example"), "");
  assert.deepEqual(await resultJson(again), output);
  assert.equal(await again.getAttribute('button.field[data-field="metadata"]', "data-state"), "excluded");

  // An unmodified example is shared by name, not by content; the view is kept too.
  await pickExample(again, "razorpay/orders");
  await again.click("#tab-coverage");
  await waitSaved(again);
  const named = again.url();
  assert.match(named, /example=razorpay%2Forders/);
  assert.doesNotMatch(named, /[#&]data=/);
  assert.match(named, /view=coverage/);
  await again.close();
  const third = await open(named.slice(base.length));
  assert.equal(await third.isVisible("#view-coverage"), true);
  assert.equal(await third.inputValue("#example"), "razorpay/orders");
  assert.equal(await third.inputValue("#input"), readFileSync(join(root, "examples/payloads/razorpay/orders.json"), "utf8"));
  await third.close();
});

test("the coverage matrix shows coverage(): provider x resource x field", async () => {
  const page = await open("#view=coverage");
  const rows = paynorm.coverage();
  assert.equal(await page.$$eval("table.coverage", (t) => t.length), 3);
  const cells = await page.$$eval("table.coverage td", (tds) => tds.map((td) => ({ p: td.dataset.provider, f: td.dataset.field, s: td.dataset.support, text: td.textContent })));
  assert.equal(cells.filter((c) => c.s !== "n/a").length, rows.length);
  const stripeFee = rows.find((r) => r.provider === "stripe" && r.resource === "payments" && r.field === "transaction_fee");
  const text = await page.textContent('#cov-payments');
  assert.equal(text, "payments");
  const feeCell = await page.textContent('table:has(#cov-payments) td[data-provider="stripe"][data-field="transaction_fee"]');
  assert.ok(feeCell.includes(stripeFee.sources.join(" › ")) && feeCell.includes(stripeFee.rule), feeCell);
  assert.equal(await page.getAttribute('table:has(#cov-payments) td[data-provider="stripe"][data-field="expires_on"]', "data-support"), "none");
  assert.equal(await page.getAttribute('table:has(#cov-orders) td[data-provider="checkout"][data-field="id"]', "data-support"), "n/a");
  // Keyboard: the tabs switch with arrow keys.
  await page.focus("#tab-coverage");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.isVisible("#view-preview"), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-preview");
  await page.close();
});

test("accessibility (axe-core) and screenshots: desktop and 375 px, light and dark", async () => {
  const page = await open("#example=stripe%2Fpayments");
  await axe(page, "preview, desktop, light");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.focus('button.field[data-field="status"]');
  await axe(page, "preview, desktop, dark, field focused");
  await page.screenshot({ path: join(shots, "desktop-dark-focus-status.png") });

  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.evaluate(() => document.activeElement?.blur());
  await page.mouse.move(0, 0);
  await axe(page, "preview, 375 px");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, "no horizontal scrolling at 375 px");
  await page.screenshot({ path: join(shots, "mobile-375-light.png"), fullPage: true });
  await page.focus('button.field[data-field="refund_amount"]');
  assert.deepEqual(await highlighted(page), ["$.latest_charge.amount_refunded"]);
  await page.screenshot({ path: join(shots, "mobile-375-light-focus-refund_amount.png") });
  await page.evaluate(() => document.activeElement?.blur());
  assert.deepEqual(await highlighted(page), []);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: join(shots, "mobile-375-dark.png"), fullPage: true });

  await page.emulateMedia({ colorScheme: "light" });
  await page.click("#show-input");
  await type(page, '{"id": "pi_1", "object": "payment_intent", "amount": "x"}');
  await page.click("#show-output");
  await page.waitForSelector("#error:not([hidden])");
  await axe(page, "error state, 375 px");
  await page.screenshot({ path: join(shots, "mobile-375-error.png"), fullPage: true });

  await page.click("#tab-coverage");
  await axe(page, "coverage, 375 px");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  await page.screenshot({ path: join(shots, "mobile-375-coverage.png") });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await axe(page, "coverage, desktop, dark");
  await page.screenshot({ path: join(shots, "desktop-dark-coverage.png") });
  await page.close();
});
