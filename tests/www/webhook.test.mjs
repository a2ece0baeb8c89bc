// The preview page's webhook mode (dist/www/, npm run build:www) in a real browser: playwright-core
// driving Debian's Chromium against scripts/serve.mjs (a plain static server) on 127.0.0.1.
// parseWebhook of pasted events (auto), verifyWebhook of signatures computed here with node:crypto,
// the error path highlighted, secrets kept out of the URL and storage, the event type table, axe,
// and screenshots (desktop + 375 px, light + dark) to test-results/www/. Run: npm run test:www.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import { axePath, openSite, paynorm, root, shots } from "./browser.mjs";
const event = (provider) => readFileSync(join(root, "examples", "payloads", provider, "webhook.json"), "utf8");

const STRIPE_SECRET = "whsec_test_5f1c2a9e8d3b4e6f9a0b1c2d3e4f5a6b";
const RAZORPAY_SECRET = "rzp_webhook_secret_Qk7vT2";

let server;
let base;
let context;
let userDataDir;
const external = [];
const pageErrors = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server, base, userDataDir, context } = await openSite("paynorm-www-wh-"));
  const origin = new URL(base).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
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

async function open(hash = "#mode=webhook", viewport = { width: 1366, height: 900 }) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.setViewportSize(viewport);
  await page.goto(base + hash);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
  if (hash.includes("mode=webhook")) await settled(page);
  return page;
}

/** Waits until the webhook job for the latest input is on the page. */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.whJob !== undefined && document.body.dataset.whShown === document.body.dataset.whJob, null, {
    timeout: 60_000,
  });
}

/** Changes an input the way typing does (fill + input event), then waits for the new verdict / event. */
async function fill(page, selector, text) {
  const job = await page.evaluate(() => document.body.dataset.whJob);
  await page.fill(selector, text);
  await page.waitForFunction((j) => document.body.dataset.whJob !== j, job, { timeout: 10_000 });
  await settled(page);
}

const shownEvent = async (page) => JSON.parse(await page.textContent("#wh-json"));
const verdict = (page) => page.getAttribute("body", "data-wh-verdict");

async function axe(page, label) {
  await page.addScriptTag({ path: axePath });
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const describe = (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`;
  assert.deepEqual(violations.map(describe), [], `accessibility violations (${label})`);
}

function stripeHeader(body, secret, t) {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

test("a pasted Stripe event and a Razorpay event (provider auto): the unified event, data in the field view", async () => {
  const page = await open("#mode=webhook");
  assert.equal(await page.isChecked("#mode-webhook"), true);
  assert.equal(await page.isVisible("#view-webhook"), true);
  assert.equal(await page.isVisible("#view-preview"), false);
  for (const provider of ["stripe", "razorpay"]) {
    // A compact one-line body, as a provider sends it (not the bundled pretty-printed example).
    const text = JSON.stringify(JSON.parse(event(provider)));
    await fill(page, "#wh-input", text);
    const expected = paynorm.parseWebhook("auto", text);
    assert.equal(await page.getAttribute("body", "data-wh-state"), "ok", provider);
    assert.deepEqual(await shownEvent(page), expected, `${provider}: the event JSON is parseWebhook's`);
    assert.equal(await page.getAttribute("#wh-summary", "data-provider"), provider);
    assert.match(await page.textContent("#wh-summary"), /auto-detected/);
    for (const k of ["id", "type", "provider_type", "created_at", "resource", "livemode"]) {
      const shown = await page.textContent(`#wh-event dd[data-field="${k}"]`);
      assert.equal(shown, JSON.stringify(expected[k]), `${provider} ${k}`);
    }
    // data: one row per unified field (the normalize view), then remote_data.
    const ex = paynorm.explain(provider, expected.resource, expected.data.remote_data);
    const rows = await page.$$eval("#wh-fields button.field", (bs) => bs.map((b) => b.dataset.field));
    assert.deepEqual(rows, [...ex.items[0].fields.map((f) => f.field), "remote_data"], `${provider}: data rows`);
    // Focusing a field highlights its raw source in the event body, from the body's root.
    await page.focus('#wh-fields button.field[data-field="amount"]');
    const marked = await page.$$eval("#wh-source .is-source", (els) => els.map((e) => e.dataset.path));
    assert.deepEqual(marked, [provider === "stripe" ? "$.data.object.amount" : "$.payload.payment.entity.amount"], `${provider}: amount source`);
    assert.match(await page.textContent("#wh-inspector-body"), /rule/);
  }
  assert.equal((await shownEvent(page)).type, "payment.succeeded");

  // Checkout.com event data has no status: the row says the event type gave it, and marks $.type.
  const ck = event("checkout");
  await fill(page, "#wh-input", ck);
  assert.deepEqual(await shownEvent(page), paynorm.parseWebhook("auto", ck));
  const status = await page.textContent('#wh-fields button.field[data-field="status"]');
  assert.match(status, /"paid"/);
  assert.match(status, /type = "payment_captured" -> paid/);
  await page.focus('#wh-fields button.field[data-field="status"]');
  assert.deepEqual(await page.$$eval("#wh-source .is-source", (els) => els.map((e) => e.dataset.path)), ["$.type"]);
  await page.close();
});

test("verification: a signature computed here verifies; a tampered body is signature_mismatch; a secret roll", async () => {
  const page = await open("#mode=webhook&wh_example=stripe%2Fwebhook");
  const body = event("stripe");
  assert.equal(await page.inputValue("#wh-input"), body);
  assert.equal(await verdict(page), "none");
  assert.equal(await page.inputValue("#wh-tolerance"), "0", "tolerance 0 by default in the page");

  const t = JSON.parse(body).created;
  await fill(page, "#wh-headers", `Stripe-Signature: ${stripeHeader(body, STRIPE_SECRET, t)}`);
  assert.equal(await verdict(page), "none", "no secret yet: not checked");
  await fill(page, "#wh-secrets", `whsec_old_rotated_out\n${STRIPE_SECRET}`);
  assert.equal(await verdict(page), "verified");
  assert.match(await page.textContent("#wh-verdict"), /Verified/);

  // Tolerance on (300 s) against this clock: a 2024 event is too old.
  await fill(page, "#wh-tolerance", "300");
  assert.equal(await verdict(page), "timestamp_outside_tolerance");
  await fill(page, "#wh-now", String(t + 60));
  assert.equal(await verdict(page), "verified", "now = t + 60 is inside 300 s");
  await fill(page, "#wh-tolerance", "0");

  // One byte changed in the body: the signature no longer matches.
  const tampered = body.replace('"amount": 5000', '"amount": 5001');
  assert.notEqual(tampered, body);
  await fill(page, "#wh-input", tampered);
  assert.equal(await verdict(page), "signature_mismatch");
  assert.match(await page.textContent("#wh-verdict"), /signature_mismatch/);
  assert.equal(await page.getAttribute("#wh-verdict", "data-verdict"), "failed");
  // Re-formatted JSON (same data, other spaces) does not verify either.
  await fill(page, "#wh-input", JSON.stringify(JSON.parse(body)));
  assert.equal(await verdict(page), "signature_mismatch");

  // Razorpay: the header value alone (no name), the provider picked explicitly.
  const rbody = JSON.stringify(JSON.parse(event("razorpay")));
  await page.selectOption("#wh-provider", "razorpay");
  await fill(page, "#wh-input", rbody);
  await fill(page, "#wh-secrets", RAZORPAY_SECRET);
  await fill(page, "#wh-headers", createHmac("sha256", RAZORPAY_SECRET).update(rbody).digest("hex"));
  assert.equal(await verdict(page), "verified");
  await fill(page, "#wh-secrets", "not-the-secret");
  assert.equal(await verdict(page), "signature_mismatch");

  // Juspay (auto-detected): Basic credentials instead of a secret.
  await page.selectOption("#wh-provider", "auto");
  await fill(page, "#wh-input", event("juspay"));
  assert.equal((await shownEvent(page)).provider, "juspay");
  await page.waitForSelector("#wh-basic:not([hidden])");
  assert.equal(await page.isVisible("#wh-secrets"), false, "no secret field for Juspay");
  await fill(page, "#wh-headers", `Authorization: Basic ${Buffer.from("merchant_hook:s3cret-pass").toString("base64")}`);
  await fill(page, "#wh-username", "merchant_hook");
  await fill(page, "#wh-password", "s3cret-pass");
  assert.equal(await verdict(page), "verified");
  await fill(page, "#wh-password", "wrong-pass");
  assert.equal(await verdict(page), "signature_mismatch");
  await page.close();
});

test("secrets, credentials and headers never reach the URL or storage; the mode and event do", async () => {
  const page = await open("#mode=webhook&wh_example=stripe%2Fwebhook");
  const body = event("stripe");
  const header = stripeHeader(body, STRIPE_SECRET, JSON.parse(body).created);
  await fill(page, "#wh-secrets", STRIPE_SECRET);
  await fill(page, "#wh-headers", `Stripe-Signature: ${header}`);
  assert.equal(await verdict(page), "verified");
  // Juspay's credentials too.
  await page.selectOption("#wh-provider", "juspay");
  await page.waitForSelector("#wh-basic:not([hidden])");
  await fill(page, "#wh-username", "juspay_user_9");
  await fill(page, "#wh-password", "juspay-pass-Zq81");
  await fill(page, "#wh-tolerance", "120"); // a change that is saved: the URL is rewritten after it
  await page.waitForFunction(() => location.hash.includes("tolerance=120"));
  const saved = await page.evaluate(() => ({
    href: location.href,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    history: JSON.stringify(history.state),
  }));
  for (const secret of [STRIPE_SECRET, header.slice(-64), "juspay_user_9", "juspay-pass-Zq81"]) {
    for (const [where, text] of Object.entries(saved)) assert.ok(!text.includes(secret) && !text.includes(encodeURIComponent(secret)), `${where} holds a secret`);
  }
  assert.match(saved.href, /mode=webhook/);
  assert.match(saved.href, /wh_example=stripe%2Fwebhook/);

  // The link restores the mode, event, provider and tolerance, with empty secret fields.
  const again = await open(new URL(saved.href).hash);
  assert.equal(await again.isChecked("#mode-webhook"), true);
  assert.equal(await again.inputValue("#wh-input"), body);
  assert.equal(await again.inputValue("#wh-provider"), "juspay");
  assert.equal(await again.inputValue("#wh-tolerance"), "120");
  for (const s of ["#wh-secrets", "#wh-headers", "#wh-username", "#wh-password"]) assert.equal(await again.inputValue(s), "", s);
  await again.close();
  await page.close();
});

test("an event paynorm rejects: the coded error with its JSON path highlighted, as in normalize mode", async () => {
  const page = await open("#mode=webhook");
  const bad = event("stripe").replace('"amount": 5000', '"amount": "49.99"');
  await fill(page, "#wh-input", bad);
  let expected;
  try {
    paynorm.parseWebhook("auto", bad);
  } catch (e) {
    expected = e;
  }
  assert.ok(expected, "parseWebhook rejects it");
  assert.equal(await page.getAttribute("body", "data-wh-state"), "error");
  assert.equal(await page.getAttribute("#wh-error", "data-code"), expected.code);
  assert.equal(await page.getAttribute("#wh-error", "data-path"), expected.path);
  assert.equal(expected.path, "$.data.object.amount");
  assert.deepEqual(await page.$$eval("#wh-source .is-error", (els) => els.map((e) => e.dataset.path)), ["$.data.object.amount"]);
  assert.equal(await page.getAttribute("#wh-input", "aria-invalid"), "true");
  await page.click("#wh-error button");
  const sel = await page.evaluate(() => {
    const i = document.getElementById("wh-input");
    return i.value.slice(i.selectionStart, i.selectionEnd);
  });
  assert.match(sel, /^("amount": )?"49\.99"$/);
  // With secrets and provider auto, an unreadable event says why the signature was not checked;
  // with the provider picked it is checked on the text as pasted (here: a mismatch, it was edited).
  const t = JSON.parse(event("stripe")).created;
  await fill(page, "#wh-headers", stripeHeader(event("stripe"), STRIPE_SECRET, t));
  await fill(page, "#wh-secrets", STRIPE_SECRET);
  assert.equal(await verdict(page), "none");
  assert.match(await page.textContent("#wh-verdict"), /pick the provider/);
  await page.selectOption("#wh-provider", "stripe");
  await page.waitForFunction(() => document.body.dataset.whVerdict === "signature_mismatch");
  assert.equal(await page.getAttribute("#wh-error", "data-code"), expected.code, "the parse error stays shown");
  await page.selectOption("#wh-provider", "auto");
  await page.waitForFunction(() => document.body.dataset.whVerdict === "none");
  // Invalid JSON: line/column marked.
  await fill(page, "#wh-input", '{"id": "evt_1", "object": "event",, }');
  assert.equal(await page.getAttribute("#wh-error", "data-code"), "invalid_json");
  assert.equal(await page.$$eval("#wh-source .is-error", (els) => els.length), 1);
  await page.close();
});

test("the event type table is eventTypes(), filterable", async () => {
  const page = await open("#mode=webhook&view=events");
  assert.equal(await page.isVisible("#view-events"), true);
  await page.waitForSelector("#events tbody tr");
  const rows = await page.$$eval("#events tbody tr", (trs) => trs.map((tr) => [tr.dataset.provider, tr.dataset.providerType, tr.querySelector("td").textContent]));
  assert.deepEqual(
    rows.sort(),
    paynorm
      .eventTypes()
      .map((r) => [r.provider, r.provider_type, r.type])
      .sort(),
  );
  await page.fill("#ev-filter", "dispute");
  const filtered = await page.$$eval("#events tbody tr", (trs) => trs.map((tr) => tr.dataset.providerType));
  assert.ok(filtered.length > 0 && filtered.length < rows.length);
  for (const t of filtered) assert.match(t, /dispute|CHARGEBACK/i);
  await page.close();
});

test("webhook mode: keyboard, axe (0 violations) and screenshots, desktop and 375 px, light and dark", async () => {
  const page = await open("#mode=normalize");
  // The mode switch by keyboard (radio group: arrow keys).
  await page.focus("#mode-normalize");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.body.dataset.whJob !== undefined && document.getElementById("view-webhook").hidden === false);
  await settled(page);
  assert.match(await page.evaluate(() => location.hash), /mode=webhook/);
  assert.equal(await page.getAttribute("body", "data-wh-state"), "ok", "an example event is shown on first switch");
  // The skip link (the first Tab stop) leads to the unified event.
  await page.focus("a.skip");
  assert.equal(await page.getAttribute("a.skip", "href"), "#wh-output-heading");
  const hash = await page.evaluate(() => location.hash);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "wh-output-heading", null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => location.hash), hash, "following the skip link keeps the state in the URL");

  const body = await page.inputValue("#wh-input");
  const t = JSON.parse(body).created;
  await fill(page, "#wh-headers", `Stripe-Signature: ${stripeHeader(body, STRIPE_SECRET, t)}`);
  await fill(page, "#wh-secrets", STRIPE_SECRET);
  assert.equal(await verdict(page), "verified");
  await axe(page, "webhook, desktop, light, verified");
  await page.screenshot({ path: join(shots, "webhook-desktop-light.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.focus('#wh-fields button.field[data-field="status"]');
  await axe(page, "webhook, desktop, dark, field focused");
  await page.screenshot({ path: join(shots, "webhook-desktop-dark-focus.png") });

  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.evaluate(() => document.activeElement?.blur());
  await fill(page, "#wh-input", body.replace('"amount": 5000', '"amount": 5001'));
  assert.equal(await verdict(page), "signature_mismatch");
  await axe(page, "webhook, 375 px, mismatch");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, "no horizontal scrolling at 375 px");
  await page.screenshot({ path: join(shots, "webhook-375-light-mismatch.png"), fullPage: true });
  await page.$eval("#wh-output-heading", (h) => h.scrollIntoView());
  await page.screenshot({ path: join(shots, "webhook-375-light-verdict.png") });
  await fill(page, "#wh-input", body.replace('"amount": 5000', '"amount": "x"'));
  await axe(page, "webhook, 375 px, error");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: join(shots, "webhook-375-dark-error.png"), fullPage: true });
  await page.click("#tab-events");
  await page.waitForSelector("#events tbody tr");
  await axe(page, "event types, 375 px, dark");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  await page.screenshot({ path: join(shots, "webhook-375-dark-event-types.png") });
  await page.close();
});
