// The `paynorm` command as a user runs it: the packed tarball installed into a fresh app, then
// `npx paynorm ...` (and the node_modules/.bin/paynorm link npm made) as a process (stdin,
// files, exit codes, stderr). Run: npm run build && node
// --test tests/node/cli.test.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { fixtures, installPackage, root } from "./helpers.mjs";

let app;
before(() => {
  ({ app } = installPackage("cli"));
});

/** `paynorm ...args` in the app folder through the link npm made from `bin`
 * (node_modules/.bin/paynorm, run by its shebang); with `npx: true`, through `npx paynorm`.
 * `env` adds variables (the webhook secret variables of the caller's environment are removed
 * first). Returns {status, stdout, stderr}. */
function paynorm(args, { input, file, npx = false, env = {} } = {}) {
  const [cmd, pre] = npx ? ["npx", ["--no", "--", "paynorm"]] : [join(app, "node_modules", ".bin", "paynorm"), []];
  const base = { ...process.env, NO_COLOR: "1" };
  delete base.PAYNORM_WEBHOOK_SECRET;
  delete base.PAYNORM_JUSPAY_PASSWORD;
  const r = spawnSync(cmd, [...pre, ...args], {
    cwd: app,
    input: file ? readFileSync(file) : input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...base, ...env },
  });
  if (r.error) throw r.error;
  return r;
}

const example = (provider, resource) => join(root, "examples", "payloads", provider, `${resource}.json`);
const oneLine = (path) => JSON.stringify(JSON.parse(readFileSync(path, "utf8")));

describe("paynorm CLI (installed from the tarball, run with npx)", () => {
  test("npx paynorm normalize auto auto < examples/payloads/stripe/payments.json prints the unified payment", () => {
    const r = paynorm(["normalize", "auto", "auto"], { file: example("stripe", "payments"), npx: true });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
    const out = JSON.parse(r.stdout);
    assert.equal(out.id, "pi_3PkT9bLkdIwHu7ix0Yh3aK1Q");
    assert.equal(out.amount, "50.00");
    assert.equal(out.currency, "USD");
    assert.equal(out.status, "partial");
    assert.deepEqual(out.remote_data, JSON.parse(readFileSync(example("stripe", "payments"), "utf8")));
  });

  test("a file argument, and options map to normalize's options", () => {
    const file = example("razorpay", "payments");
    const r = paynorm(["normalize", "razorpay", "payments", file, "--remote-data=false", "--exclude", "customer.phone,metadata"]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.remote_data, undefined);
    assert.equal(out.metadata, undefined);
    assert.equal(out.customer.phone, undefined);
    assert.equal(typeof out.customer.email, "string");
    assert.equal(JSON.parse(paynorm(["normalize", "razorpay", "payment", "--no-remote-data", file]).stdout).remote_data, undefined);
  });

  test("a payload that fails: exit 1, code and path on stderr, nothing on stdout", () => {
    const r = paynorm(["normalize", "stripe", "payments"], { input: '{"id":"pi_1","object":"payment_intent","amount":"lots","currency":"usd"}' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^paynorm: invalid_payload: \$\.amount: .+\n$/);
    const bad = paynorm(["normalize", "auto", "auto"], { input: "{not json" });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^paynorm: invalid_json: /);
  });

  test("usage errors: one line on stderr, exit 2", () => {
    const cases = [
      [["normalize", "paypal", "payments", "x.json"], /unknown provider "paypal"/],
      [["normalize", "stripe", "refunds"], /refunds/],
      [["normalize", "auto", "auto", "missing.json"], /^paynorm: cannot read missing\.json: no such file\n$/],
      [["normalize", "auto", "auto", "--bogus"], /Unknown option '--bogus'/],
      [["normalize", "auto", "auto", "--remote-data=maybe"], /--remote-data takes true or false/],
      [["normalize", "stripe", "payments", "--exclude", "nope"], /"nope" is not a field/],
      [["normalize", "stripe"], /normalize needs <provider\|auto> <resource\|auto>/],
      [["frobnicate"], /unknown command "frobnicate"/],
      [["coverage", "--ndjson"], /--ndjson does not apply to "coverage"/],
    ];
    for (const [args, message] of cases) {
      const r = paynorm(args, { input: oneLine(example("stripe", "payments")) });
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "", args.join(" "));
      assert.match(r.stderr, message, args.join(" "));
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, `one line: ${r.stderr}`);
    }
  });

  test("--ndjson: one result per line, a bad line reported with its number, the run goes on, a summary", () => {
    const lines = [
      oneLine(example("stripe", "payments")),
      "this is not json",
      "",
      oneLine(example("razorpay", "orders")),
      '{"id": 5}',
      oneLine(example("checkout", "payments")),
    ];
    const r = paynorm(["normalize", "auto", "auto", "--ndjson", "--no-remote-data"], { input: lines.join("\n") + "\n" });
    assert.equal(r.status, 1, "a line failed");
    const out = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(out.map((o) => o.id), [
      "pi_3PkT9bLkdIwHu7ix0Yh3aK1Q",
      JSON.parse(lines[3]).id,
      JSON.parse(lines[5]).id,
    ]);
    assert.ok(out.every((o) => o.remote_data === undefined));
    const err = r.stderr.trimEnd().split("\n");
    assert.match(err[0], /^paynorm: line 2: invalid_json: /);
    assert.match(err[1], /^paynorm: line 5: undetectable: /);
    assert.match(err[2], /^paynorm: 5 payloads, 3 ok, 2 failed \((invalid_json: 1, undetectable: 1|undetectable: 1, invalid_json: 1)\); [0-9.]+ MB in [0-9.]+ s \([0-9.]+ MB\/s\)$/);
    assert.equal(err.length, 3, "no progress line when stderr is not a terminal");
  });

  test("--ndjson over a file of 2,000 payloads: all ok, exit 0", () => {
    const file = join(app, "bulk.ndjson");
    const line = oneLine(example("stripe", "payments"));
    writeFileSync(file, Array.from({ length: 2000 }, () => line).join("\n") + "\n");
    const r = paynorm(["normalize", "stripe", "payments", "--ndjson", file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split("\n").length, 2000);
    assert.match(r.stderr, /^paynorm: 2000 payloads, 2000 ok, 0 failed; /);
  });

  test("--ndjson with stderr on a terminal: a progress line that updates in place, then the summary", () => {
    // util-linux `script` gives the command a pseudo-terminal; stdout goes to a file, so what
    // `script` prints is the command's stderr as a terminal shows it.
    const file = join(app, "bulk-tty.ndjson");
    const line = oneLine(example("stripe", "payments"));
    writeFileSync(file, Array.from({ length: 2500 }, () => line).join("\n") + "\n");
    const r = spawnSync("script", ["-qefc", "npx --no -- paynorm normalize stripe payments --ndjson bulk-tty.ndjson > tty-out.ndjson", "/dev/null"], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, TERM: "dumb" },
    });
    if (r.error) throw r.error;
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\r\x1b\[Kpaynorm: 1000 payloads, 0 failed, [0-9.]+ MB/);
    assert.match(r.stdout, /\r\x1b\[Kpaynorm: 2000 payloads, 0 failed/);
    assert.match(r.stdout, /\r\x1b\[Kpaynorm: 2500 payloads, 2500 ok, 0 failed; /, "the progress line is cleared before the summary");
    assert.equal(readFileSync(join(app, "tty-out.ndjson"), "utf8").trimEnd().split("\n").length, 2500);
  });

  test("detect", () => {
    const r = paynorm(["detect"], { file: example("razorpay", "orders") });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { provider: "razorpay", resource: "orders", list: false });
    const none = paynorm(["detect"], { input: '{"hello":"world"}' });
    assert.equal(none.status, 1);
    assert.match(none.stderr, /^paynorm: undetectable: /);
  });

  test("coverage: a table, or --json (the same rows as coverage())", async () => {
    const json = paynorm(["coverage", "--json"]);
    assert.equal(json.status, 0, json.stderr);
    const rows = JSON.parse(json.stdout);
    const { coverage, providers } = await import(join(app, "node_modules", "paynorm", "pkg", "node.js"));
    assert.deepEqual(rows, coverage());
    const table = paynorm(["coverage"]);
    assert.equal(table.status, 0, table.stderr);
    // One column per provider, in the registry's order.
    const names = providers().map((p) => p.name);
    assert.match(table.stdout, new RegExp(`^customers\nfield +${names.join(" +")}\n`));
    const nameRow = table.stdout.split("\n").find((l) => l.startsWith("name "));
    const firstName = (p) => coverage().find((r) => r.provider === p && r.resource === "customers" && r.field === "name").sources.join(" > ");
    assert.equal(nameRow.split(/ {2,}/).slice(1).join("|"), names.map(firstName).join("|"));
    assert.match(table.stdout, /\norders\n/);
  });

  test("--help and --version", () => {
    const help = paynorm(["--help"], { npx: true });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /paynorm normalize <provider\|auto> <resource\|auto> \[file\]/);
    const version = paynorm(["--version"]);
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `paynorm ${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version}\n`);
    const bare = paynorm([]);
    assert.equal(bare.status, 2, "no command is a usage error");
  });
});

// Webhooks: bodies are real provider payloads read in place from the shared fixtures, passed as
// their exact bytes (pretty-printed, so a re-serialized body would never verify), signed here
// with node:crypto as the provider would sign them.
const fixture = (provider, kind, name) => join(fixtures, provider, kind, name);
const STRIPE_EVENT = fixture("stripe", "webhook", "rubymock_event_charge_succeeded.json");
const SECRET = "whsec_test_cli_0123456789abcdef";
const hmacHex = (secret, data) => createHmac("sha256", secret).update(data).digest("hex");
const unixNow = () => Math.floor(Date.now() / 1000);
/** Stripe-Signature for `body` (bytes) at unix time `t`. */
const stripeSignature = (body, t, secret = SECRET) => `t=${t},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${t}.`), body]))}`;
const oneLineErr = (r) => assert.equal(r.stderr.trimEnd().split("\n").length, 1, `one line: ${r.stderr}`);

describe("paynorm verify / event / error / event-types (installed from the tarball)", () => {
  test("verify stripe: a body signed now verifies from stdin and from a file; the unified event on stdout", () => {
    const body = readFileSync(STRIPE_EVENT);
    const sig = stripeSignature(body, unixNow());
    const r = paynorm(["verify", "stripe", "--secret", SECRET, "--header", `Stripe-Signature: ${sig}`], { input: body, npx: true });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
    const event = JSON.parse(r.stdout);
    assert.equal(event.id, "evt_000000000000000000000000");
    assert.equal(event.provider, "stripe");
    assert.equal(event.provider_type, "charge.succeeded");
    assert.equal(event.type, "payment.succeeded");
    assert.equal(event.resource, "payments");
    assert.equal(event.data.id, "ch_000000000000000000000000");
    assert.deepEqual(event.remote_data, JSON.parse(body.toString("utf8")));
    // A file argument, the header value alone (--signature), --no-remote-data.
    const file = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", SECRET, "--signature", sig, "--no-remote-data"]);
    assert.equal(file.status, 0, file.stderr);
    const fromFile = JSON.parse(file.stdout);
    assert.equal(fromFile.id, event.id);
    assert.equal(fromFile.remote_data, undefined);
    // --quiet: nothing printed, the exit code says it.
    const quiet = paynorm(["verify", "stripe", STRIPE_EVENT, "-q", "--secret", SECRET, "--signature", sig]);
    assert.deepEqual([quiet.status, quiet.stdout, quiet.stderr], [0, "", ""]);
  });

  test("verify stripe: a tampered body exits 1 with signature_mismatch (one line), nothing on stdout", () => {
    const body = readFileSync(STRIPE_EVENT);
    const sig = stripeSignature(body, unixNow());
    const tampered = Buffer.from(body.toString("utf8").replace('"amount": 2000', '"amount": 2001'));
    assert.notDeepEqual(tampered, body);
    const r = paynorm(["verify", "stripe", "--secret", SECRET, "--header", `Stripe-Signature: ${sig}`], { input: tampered });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^paynorm: signature_mismatch: .+\n$/);
    oneLineErr(r);
    // The same bytes re-serialized (compact JSON of the same object) do not verify either.
    const compact = paynorm(["verify", "stripe", "--secret", SECRET, "--signature", sig], { input: JSON.stringify(JSON.parse(body)) });
    assert.equal(compact.status, 1);
    assert.match(compact.stderr, /^paynorm: signature_mismatch: /);
    const quiet = paynorm(["verify", "stripe", "--quiet", "--secret", SECRET, "--signature", sig], { input: tampered });
    assert.deepEqual([quiet.status, quiet.stdout, quiet.stderr], [1, "", ""]);
  });

  test("verify stripe: an old timestamp exits 1 with timestamp_outside_tolerance unless --tolerance 0; --now and --tolerance", () => {
    const body = readFileSync(STRIPE_EVENT);
    const t = unixNow() - 3600;
    const sig = stripeSignature(body, t);
    const old = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", SECRET, "--signature", sig]);
    assert.equal(old.status, 1);
    assert.equal(old.stdout, "");
    assert.match(old.stderr, /^paynorm: timestamp_outside_tolerance: .*\b3[56]\d\d seconds old/);
    oneLineErr(old);
    const off = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", SECRET, "--signature", sig, "--tolerance", "0"]);
    assert.equal(off.status, 0, off.stderr);
    assert.equal(JSON.parse(off.stdout).id, "evt_000000000000000000000000");
    const wide = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", SECRET, "--signature", sig, "--tolerance", "7200"]);
    assert.equal(wide.status, 0, wide.stderr);
    // --now: the clock of the check (a fixed timestamp, 100 s later: inside 300, outside 50).
    const fixed = stripeSignature(body, 1700000000);
    assert.equal(paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", SECRET, "--signature", fixed, "--now", "1700000100"]).status, 0);
    const narrow = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", SECRET, "--signature", fixed, "--now", "1700000100", "--tolerance", "50"]);
    assert.equal(narrow.status, 1);
    assert.match(narrow.stderr, /^paynorm: timestamp_outside_tolerance: .*100 seconds old/);
  });

  test("verify: a secret roll (two --secret, the second matches) and PAYNORM_WEBHOOK_SECRET", () => {
    const body = readFileSync(STRIPE_EVENT);
    const sig = stripeSignature(body, unixNow());
    const roll = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", "whsec_old_secret", "--secret", SECRET, "--signature", sig]);
    assert.equal(roll.status, 0, roll.stderr);
    assert.equal(JSON.parse(roll.stdout).type, "payment.succeeded");
    const onlyOld = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", "whsec_old_secret", "--signature", sig]);
    assert.equal(onlyOld.status, 1);
    assert.match(onlyOld.stderr, /^paynorm: signature_mismatch: /);
    const env = paynorm(["verify", "stripe", STRIPE_EVENT, "--signature", sig], { env: { PAYNORM_WEBHOOK_SECRET: `whsec_old_secret, ${SECRET}` } });
    assert.equal(env.status, 0, env.stderr);
    assert.equal(JSON.parse(env.stdout).id, "evt_000000000000000000000000");
    const envWrong = paynorm(["verify", "stripe", STRIPE_EVENT, "--signature", sig], { env: { PAYNORM_WEBHOOK_SECRET: "whsec_old_secret" } });
    assert.equal(envWrong.status, 1);
    // --secret wins over the environment.
    const flagWins = paynorm(["verify", "stripe", STRIPE_EVENT, "--secret", "whsec_old_secret", "--signature", sig], { env: { PAYNORM_WEBHOOK_SECRET: SECRET } });
    assert.equal(flagWins.status, 1);
  });

  test("verify razorpay: X-Razorpay-Signature over the raw body; x-razorpay-event-id gives the event id", () => {
    const file = fixture("razorpay", "webhook", "wh_payment_authorized_card.json");
    const secret = "rzp_webhook_secret_cli";
    const sig = hmacHex(secret, readFileSync(file));
    const r = paynorm(["verify", "razorpay", file, "--secret", secret, "--header", `X-Razorpay-Signature: ${sig}`, "--header", "x-razorpay-event-id: HqAr1ZpDxoN3Lb"]);
    assert.equal(r.status, 0, r.stderr);
    const event = JSON.parse(r.stdout);
    assert.equal(event.id, "HqAr1ZpDxoN3Lb");
    assert.equal(event.provider, "razorpay");
    assert.equal(event.provider_type, "payment.authorized");
    assert.equal(event.type, "payment.authorized");
    const wrong = paynorm(["verify", "razorpay", file, "--secret", "another_secret", "--signature", sig]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /^paynorm: signature_mismatch: /);
    const missing = paynorm(["verify", "razorpay", file, "--secret", secret]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^paynorm: signature_missing: /);
  });

  test("verify checkout: Cko-Signature over the raw body, from a file and from stdin (-)", () => {
    const file = fixture("checkout", "webhook", "wh_payment_captured.json");
    const key = "cko_signature_key_cli";
    const sig = hmacHex(key, readFileSync(file));
    const r = paynorm(["verify", "checkout.com", "-", "--header", `cko-signature: ${sig}`], { file, env: { PAYNORM_WEBHOOK_SECRET: key } });
    assert.equal(r.status, 0, r.stderr);
    const event = JSON.parse(r.stdout);
    assert.equal(event.provider, "checkout");
    assert.equal(event.provider_type, "payment_captured");
    assert.equal(event.type, "payment.succeeded");
    const upper = paynorm(["verify", "checkout", file, "--secret", key, "--signature", sig.toUpperCase()]);
    assert.equal(upper.status, 1, "upper-case hex never matches");
    assert.match(upper.stderr, /^paynorm: signature_mismatch: /);
  });

  test("verify juspay: Basic auth from --juspay-user / --juspay-password (or PAYNORM_JUSPAY_PASSWORD)", () => {
    const file = fixture("juspay", "webhook", "order_succeeded.json");
    const auth = `Basic ${Buffer.from("merchant_hook:s3cret pass").toString("base64")}`;
    const r = paynorm(["verify", "juspay", file, "--juspay-user", "merchant_hook", "--juspay-password", "s3cret pass", "--header", `Authorization: ${auth}`]);
    assert.equal(r.status, 0, r.stderr);
    const event = JSON.parse(r.stdout);
    assert.equal(event.id, "evt_hk0a9ccu6qwkcryg");
    assert.equal(event.provider_type, "ORDER_SUCCEEDED");
    assert.equal(event.type, "order.paid");
    const env = paynorm(["verify", "juspay", file, "--juspay-user", "merchant_hook", "--signature", auth], { env: { PAYNORM_JUSPAY_PASSWORD: "s3cret pass" } });
    assert.equal(env.status, 0, env.stderr);
    const wrong = paynorm(["verify", "juspay", file, "--juspay-user", "merchant_hook", "--juspay-password", "guess", "--signature", auth]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /^paynorm: signature_mismatch: /);
    oneLineErr(wrong);
    assert.doesNotMatch(wrong.stderr, /guess|s3cret/, "credentials are never echoed");
  });

  test("verify/event/error/event-types usage errors: one line on stderr, exit 2, nothing read or printed", () => {
    const sig = "t=1,v1=00";
    const cases = [
      [["verify", "stripe", "--signature", sig], /^paynorm: verify needs the webhook secret: --secret <s>, or PAYNORM_WEBHOOK_SECRET/],
      [["verify", "stripe", "--secret", "", "--signature", sig], /--secret is empty/],
      [["verify", "paypal", "--secret", SECRET], /unknown provider "paypal"/],
      [["verify", "auto", "--secret", SECRET], /verification needs the provider's name/],
      [["verify", "stripe", "--secret", SECRET, "--bogus"], /Unknown option '--bogus'/],
      [["verify", "stripe", "--secret", SECRET, "--tolerance", "5m"], /--tolerance takes a whole number, not "5m"/],
      [["verify", "stripe", "--secret", SECRET, "--now", "-5"], /--now/],
      [["verify", "stripe", "--secret", SECRET, "--header", "Stripe-Signature t=1"], /--header takes "Name: value"/],
      [["verify", "stripe", "--secret", SECRET, "--signature", sig, "--header", `stripe-signature: ${sig}`], /--signature and --header "Stripe-Signature: \.\.\." both give the signature/],
      [["verify", "stripe", "--secret", SECRET, "--juspay-user", "u"], /--juspay-user is for Juspay only/],
      [["verify", "juspay", "--secret", SECRET], /Juspay webhooks are verified by Basic auth/],
      [["verify", "juspay", "--juspay-user", "u"], /verify juspay needs --juspay-password or PAYNORM_JUSPAY_PASSWORD/],
      [["verify"], /verify needs <provider> \[file\]/],
      [["verify", "stripe", "a.json", "b.json", "--secret", SECRET], /verify takes one file, got 2/],
      [["verify", "stripe", "missing.json", "--secret", SECRET, "--signature", sig], /^paynorm: cannot read missing\.json: no such file\n$/],
      [["verify", "stripe", "--secret", SECRET, "--status", "400"], /--status does not apply to "verify"/],
      [["event", "paypal"], /unknown provider "paypal"/],
      [["event", "auto", "--secret", SECRET], /--secret does not apply to "event"/],
      [["error", "stripe", "--status", "700"], /--status takes an HTTP status from 100 to 599, not 700/],
      [["error", "stripe", "--status", "soon"], /--status takes a whole number/],
      [["error", "nope"], /unknown provider "nope"/],
      [["event-types", "stripe"], /event-types takes no arguments/],
      [["event-types", "--ndjson"], /--ndjson does not apply to "event-types"/],
    ];
    for (const [args, message] of cases) {
      const r = paynorm(args, { input: readFileSync(STRIPE_EVENT) });
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "", args.join(" "));
      assert.match(r.stderr, message, args.join(" "));
      oneLineErr(r);
      assert.doesNotMatch(r.stderr, new RegExp(SECRET), "the secret is never echoed");
    }
  });

  test("event: a real Stripe webhook fixture (file and stdin, provider or auto), not verified", async () => {
    const { parseWebhook } = await import(join(app, "node_modules", "paynorm", "pkg", "node.js"));
    const file = fixture("stripe", "webhook", "rubymock_event_checkout_session_completed.json");
    const r = paynorm(["event", "stripe", file]);
    assert.equal(r.status, 0, r.stderr);
    const event = JSON.parse(r.stdout);
    assert.deepEqual(event, parseWebhook("stripe", readFileSync(file)));
    assert.equal(event.provider_type, "checkout.session.completed");
    assert.equal(event.type, "order.paid");
    assert.equal(event.resource, "orders");
    const auto = paynorm(["event", "auto", "--no-remote-data"], { file });
    assert.equal(auto.status, 0, auto.stderr);
    const autoEvent = JSON.parse(auto.stdout);
    assert.deepEqual(autoEvent, parseWebhook("auto", readFileSync(file), { remote_data: false }));
    assert.equal(autoEvent.remote_data, undefined);
    assert.equal(autoEvent.id, event.id);
    assert.equal(autoEvent.type, "order.paid");
    // Razorpay's event id from --header; a body of no provider is undetectable (exit 1).
    const rzp = paynorm(["event", "razorpay", fixture("razorpay", "webhook", "wh_order_paid_card.json"), "--header", "X-Razorpay-Event-Id: Hs2Kx0sU8Ab1cD"]);
    assert.equal(rzp.status, 0, rzp.stderr);
    assert.equal(JSON.parse(rzp.stdout).id, "Hs2Kx0sU8Ab1cD");
    assert.equal(JSON.parse(rzp.stdout).type, "order.paid");
    const none = paynorm(["event", "auto"], { input: '{"hello":"world"}' });
    assert.equal(none.status, 1);
    assert.equal(none.stdout, "");
    assert.match(none.stderr, /^paynorm: undetectable: /);
    oneLineErr(none);
  });

  test("error: a Stripe error body; --status 429 makes it rate_limit, retryable", () => {
    const file = fixture("stripe", "error", "wh_invalid_request_missing_param.json");
    const plain = paynorm(["error", "stripe", file]);
    assert.equal(plain.status, 0, plain.stderr);
    const base = JSON.parse(plain.stdout);
    assert.equal(base.provider, "stripe");
    assert.equal(base.type, "invalid_request");
    assert.equal(base.retryable, false);
    const limited = paynorm(["error", "auto", "--status", "429"], { file });
    assert.equal(limited.status, 0, limited.stderr);
    const out = JSON.parse(limited.stdout);
    assert.equal(out.http_status, 429);
    assert.equal(out.type, "rate_limit");
    assert.equal(out.retryable, true);
    assert.equal(out.message, base.message);
    const notError = paynorm(["error", "stripe", STRIPE_EVENT]);
    assert.equal(notError.status, 1);
    assert.match(notError.stderr, /^paynorm: mismatched_payload: /);
  });

  test("event-types: a table, or --json (the same rows as eventTypes())", async () => {
    const json = paynorm(["event-types", "--json"]);
    assert.equal(json.status, 0, json.stderr);
    const rows = JSON.parse(json.stdout);
    const { eventTypes } = await import(join(app, "node_modules", "paynorm", "pkg", "node.js"));
    assert.deepEqual(rows, eventTypes());
    assert.ok(rows.some((r) => r.provider === "stripe" && r.provider_type === "charge.succeeded" && r.type === "payment.succeeded"));
    const table = paynorm(["event-types"]);
    assert.equal(table.status, 0, table.stderr);
    const lines = table.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^provider +provider type +type$/);
    assert.equal(lines.length, rows.length + 2);
    assert.ok(lines.some((l) => /^razorpay +payment\.captured +payment\.succeeded$/.test(l)));
  });

  test("--help documents the webhook commands and the secret variable", () => {
    const help = paynorm(["--help"]);
    assert.equal(help.status, 0);
    for (const text of ["paynorm verify <provider>", "paynorm event <provider|auto>", "paynorm error <provider|auto>", "paynorm event-types", "PAYNORM_WEBHOOK_SECRET", "--tolerance", "--juspay-user"]) {
      assert.ok(help.stdout.includes(text), text);
    }
  });
});
