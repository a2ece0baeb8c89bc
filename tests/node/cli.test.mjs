// The `paynorm` command as a user runs it: the packed tarball installed into a fresh app, then
// `npx paynorm ...` (and the node_modules/.bin/paynorm link npm made) as a process (stdin,
// files, exit codes, stderr). Run: npm run build && node
// --test tests/node/cli.test.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { installPackage, root } from "./helpers.mjs";

let app;
before(() => {
  ({ app } = installPackage("cli"));
});

/** `paynorm ...args` in the app folder through the link npm made from `bin`
 * (node_modules/.bin/paynorm, run by its shebang); with `npx: true`, through `npx paynorm`.
 * Returns {status, stdout, stderr}. */
function paynorm(args, { input, file, npx = false } = {}) {
  const [cmd, pre] = npx ? ["npx", ["--no", "--", "paynorm"]] : [join(app, "node_modules", ".bin", "paynorm"), []];
  const r = spawnSync(cmd, [...pre, ...args], {
    cwd: app,
    input: file ? readFileSync(file) : input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1" },
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
    const { coverage } = await import(join(app, "node_modules", "paynorm", "pkg", "node.js"));
    assert.deepEqual(rows, coverage());
    const table = paynorm(["coverage"]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^customers\nfield +stripe +razorpay +checkout +juspay\n/);
    assert.match(table.stdout, /\nname +name +name +name +first_name > last_name\n/);
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
