#!/usr/bin/env node
// The paynorm command line (Node). Arguments are parsed by Node's util.parseArgs; the mapping is
// the package's own Node entry (`import "paynorm"` resolves to this very package). See
// `paynorm --help`. Exit codes: 0 ok, 1 a payload failed, 2 usage (a one-line message).
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import {
  constructEvent,
  coverage,
  detect,
  eventTypes,
  normalizeError,
  normalizeJson,
  normalizeJsonBytes,
  NormalizeError,
  parseWebhook,
  providers,
} from "paynorm";

const OK = 0;
const FAILED = 1;
const USAGE = 2;

/** The registry (`providers()`): every list of providers below comes from it. */
const REGISTRY = providers();

const HELP = `paynorm: raw ${REGISTRY.map((p) => p.label).join(" / ")} payloads -> unified JSON

Usage:
  paynorm normalize <provider|auto> <resource|auto> [file]   one payload (file, or stdin)
  paynorm normalize <provider|auto> <resource|auto> --ndjson [file]
                                                              one payload per line, in bulk
  paynorm detect [file]                                       which provider / resource it is
  paynorm coverage [--json]                                   which raw fields feed each field
  paynorm verify <provider> [file] --secret <s> --header "Name: value"
                                                              verify a webhook, print its event
  paynorm event <provider|auto> [file] [--header "Name: value"]
                                                              a webhook's event, NOT verified
  paynorm error <provider|auto> [file] [--status <n>]         a provider's error response body
  paynorm event-types [--json]                                every provider event type -> type
  paynorm --help | --version

  provider: ${REGISTRY.map((p) => p.name).join(", ")}, auto
  resource: customers, orders, payments (or singular), auto
  file:     a path, or - (or nothing) for stdin

normalize options:
  --ndjson                 input is one JSON payload per line; output is one unified JSON per
                           line on stdout, errors on stderr with their line number, then a
                           summary (count, errors by code, MB/s) on stderr; a bad line never
                           stops the run
  --remote-data=false      leave out remote_data (the raw payload); --no-remote-data is the same
  --exclude <fields>       drop unified fields, comma-separated or repeated
                           (e.g. --exclude customer.phone,metadata)
  --skip <n> --count <n>   the paging of your request (Razorpay lists: gives next_cursor)

verify options (the body is read as raw bytes, exactly as received: never re-serialize it):
  --secret <s>             the webhook secret (Stripe whsec_..., Razorpay webhook secret,
                           Checkout.com signature key); repeat it during a secret roll (verified
                           when any one matches). Or set PAYNORM_WEBHOOK_SECRET (several
                           comma-separated) so the secret stays out of your shell history and
                           the process list; --secret wins when both are given
  --header "Name: value"   a request header, repeatable (Stripe-Signature, X-Razorpay-Signature,
                           X-Razorpay-Event-Id, Cko-Signature, Authorization)
  --signature <value>      the provider's signature header value alone (Stripe-Signature,
                           X-Razorpay-Signature, Cko-Signature, or Juspay's Authorization)
  --tolerance <seconds>    how far Stripe's timestamp may be from now (default 300; 0: no check)
  --now <unix seconds>     the time to check against (default: the clock)
  --juspay-user <u>        Juspay: the Basic auth username and password configured for the
  --juspay-password <p>    webhook (the password may come from PAYNORM_JUSPAY_PASSWORD instead)
  --quiet, -q              print nothing: the exit code says verified (0) or not (1)
  --remote-data=false      leave out remote_data (also for event and error)

event options:
  --header "Name: value"   request headers (X-Razorpay-Event-Id gives Razorpay's event id)
error options:
  --status <n>             the HTTP status of the error response (429 -> rate_limit, retryable)

Output is compact JSON, one line. normalize keeps the numbers in remote_data exactly as given;
verify, event and error print them as JavaScript reads them (integers past 2^53 are rounded).
Exit codes: 0 ok (verify: verified), 1 a payload failed or did not verify (code: message on
stderr), 2 usage (one line on stderr).
Docs: https://github.com/paynorm/paynorm#readme`;

const COMMANDS = {
  normalize: cmdNormalize,
  detect: cmdDetect,
  coverage: cmdCoverage,
  verify: cmdVerify,
  event: cmdEvent,
  error: cmdError,
  "event-types": cmdEventTypes,
};

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  ndjson: { type: "boolean" },
  json: { type: "boolean" },
  "remote-data": { type: "string" },
  "no-remote-data": { type: "boolean" },
  exclude: { type: "string", multiple: true },
  skip: { type: "string" },
  count: { type: "string" },
  secret: { type: "string", multiple: true },
  header: { type: "string", multiple: true },
  signature: { type: "string" },
  tolerance: { type: "string" },
  now: { type: "string" },
  "juspay-user": { type: "string" },
  "juspay-password": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  status: { type: "string" },
};

/** A usage error: one line on stderr, exit 2. */
class UsageError extends Error {}

function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs' messages are one line already ("Unknown option '--foo'. ...").
    throw new UsageError(String(e.message).split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    process.stdout.write(`paynorm ${pkg.version}\n`);
    return OK;
  }
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP + "\n");
    return values.help ? OK : USAGE;
  }
  const [name, ...rest] = positionals;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"; expected one of: ${Object.keys(COMMANDS).join(", ")} (see paynorm --help)`);
  return command(rest, values);
}

function onlyFor(values, allowed, command) {
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) throw new UsageError(`--${key} does not apply to "${command}" (see paynorm --help)`);
  }
}

function options(values) {
  const out = {};
  if (values["no-remote-data"]) out.remote_data = false;
  if (values["remote-data"] !== undefined) {
    const v = values["remote-data"].toLowerCase();
    if (v !== "true" && v !== "false") throw new UsageError(`--remote-data takes true or false, not "${values["remote-data"]}"`);
    out.remote_data = v === "true";
  }
  if (values.exclude) out.exclude_fields = values.exclude.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  if (values.skip !== undefined || values.count !== undefined) {
    const number = (flag) => {
      const text = values[flag];
      if (text === undefined) return undefined;
      if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} takes a whole number, not "${text}"`);
      return Number(text);
    };
    if (values.count === undefined) throw new UsageError("--skip needs --count (the page size of your request)");
    out.paging = { count: number("count") };
    if (values.skip !== undefined) out.paging.skip = number("skip");
  }
  return out;
}

/** The file argument: a path, "-" or nothing for stdin (never a terminal: that would wait forever). */
function source(file) {
  if (file === undefined || file === "-") {
    if (process.stdin.isTTY) throw new UsageError("no input: pass a file, or pipe the payload into stdin");
    return { name: "stdin", fd: 0 };
  }
  return { name: file, path: file };
}

function readAll(src) {
  try {
    return readFileSync(src.path ?? src.fd);
  } catch (e) {
    throw new UsageError(`cannot read ${src.name}: ${e.code === "ENOENT" ? "no such file" : e.code === "EISDIR" ? "is a directory" : e.message}`);
  }
}

/** `code at path: message` (the message already starts with the path when there is one). */
function describe(e) {
  return `${e.code}: ${e.message}`;
}

// A typo in a name or an option is a usage error (exit 2), not a failed payload. The library
// checks names and options before it reads the payload, so one call on "{}" finds a bad name
// or a malformed option up front. `invalid_input` can only come from the options here (the
// payload is always bytes), so an unknown --exclude field met later is a usage error too.
const USAGE_CODES = new Set(["unsupported_provider", "unsupported_resource", "invalid_input"]);
function checkArguments(provider, resource, opts) {
  try {
    normalizeJson(provider, resource, "{}", opts);
  } catch (e) {
    usageIfArguments(e);
  }
}
function usageIfArguments(e) {
  if (e instanceof NormalizeError && USAGE_CODES.has(e.code)) throw new UsageError(e.message);
}

function cmdNormalize(args, values) {
  onlyFor(values, ["ndjson", "remote-data", "no-remote-data", "exclude", "skip", "count"], "normalize");
  if (args.length < 2) throw new UsageError("normalize needs <provider|auto> <resource|auto> [file] (see paynorm --help)");
  if (args.length > 3) throw new UsageError(`normalize takes one file, got ${args.length - 2}`);
  const [provider, resource, file] = args;
  const opts = options(values);
  checkArguments(provider, resource, opts);
  const src = source(file);
  if (values.ndjson) return normalizeLines(provider, resource, opts, src);
  const bytes = readAll(src);
  try {
    // Bytes in, bytes out: the output never becomes a JS string.
    const out = normalizeJsonBytes(provider, resource, bytes, opts);
    process.stdout.write(out);
    process.stdout.write("\n");
    return OK;
  } catch (e) {
    usageIfArguments(e);
    if (!(e instanceof NormalizeError)) throw e;
    process.stderr.write(`paynorm: ${describe(e)}\n`);
    return FAILED;
  }
}

/** --ndjson: streams lines, one result line each; a failed line is reported and skipped. */
async function normalizeLines(provider, resource, opts, src) {
  const stream = src.path ? createReadStream(src.path) : process.stdin;
  const opened = new Promise((resolve, reject) => {
    if (!src.path) return resolve();
    stream.once("open", resolve);
    stream.once("error", reject);
  });
  try {
    await opened;
  } catch (e) {
    throw new UsageError(`cannot read ${src.name}: ${e.code === "ENOENT" ? "no such file" : e.code === "EISDIR" ? "is a directory" : e.message}`);
  }
  let bytes = 0;
  stream.on("data", (chunk) => (bytes += chunk.length));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const progress = process.stderr.isTTY;
  const started = process.hrtime.bigint();
  let lineNo = 0;
  let count = 0;
  let failed = 0;
  const byCode = new Map();
  let lastProgress = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === "") continue;
    count++;
    let out;
    try {
      out = normalizeJson(provider, resource, line, opts);
    } catch (e) {
      usageIfArguments(e);
      if (!(e instanceof NormalizeError)) throw e;
      failed++;
      byCode.set(e.code, (byCode.get(e.code) ?? 0) + 1);
      if (progress) process.stderr.write("\r\x1b[K");
      process.stderr.write(`paynorm: line ${lineNo}: ${describe(e)}\n`);
      continue;
    }
    if (!process.stdout.write(out + "\n")) await new Promise((resolve) => process.stdout.once("drain", resolve));
    if (progress && count - lastProgress >= 1000) {
      lastProgress = count;
      process.stderr.write(`\r\x1b[Kpaynorm: ${count} payloads, ${failed} failed, ${(bytes / 1e6).toFixed(1)} MB`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (progress) process.stderr.write("\r\x1b[K");
  const codes = [...byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code}: ${n}`).join(", ");
  const mb = bytes / 1e6;
  process.stderr.write(
    `paynorm: ${count} payloads, ${count - failed} ok, ${failed} failed${codes ? ` (${codes})` : ""}; ` +
      `${mb.toFixed(2)} MB in ${seconds.toFixed(2)} s (${seconds > 0 ? (mb / seconds).toFixed(1) : "-"} MB/s)\n`,
  );
  return failed ? FAILED : OK;
}

function cmdDetect(args, values) {
  onlyFor(values, [], "detect");
  if (args.length > 1) throw new UsageError(`detect takes one file, got ${args.length}`);
  const bytes = readAll(source(args[0]));
  try {
    const found = detect(bytes);
    if (!found) {
      process.stderr.write("paynorm: undetectable: no provider recognizes this payload\n");
      return FAILED;
    }
    process.stdout.write(JSON.stringify(found) + "\n");
    return OK;
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    process.stderr.write(`paynorm: ${describe(e)}\n`);
    return FAILED;
  }
}

function cmdCoverage(args, values) {
  onlyFor(values, ["json"], "coverage");
  if (args.length) throw new UsageError(`coverage takes no arguments, got "${args[0]}"`);
  const rows = coverage();
  if (values.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    return OK;
  }
  // One table per resource: field x provider, the raw fields read ("-": not supplied, "n/a": no
  // such resource).
  const providers = [...new Set(rows.map((r) => r.provider))];
  const out = [];
  for (const resource of [...new Set(rows.map((r) => r.resource))]) {
    const fields = [...new Set(rows.filter((r) => r.resource === resource).map((r) => r.field))];
    const table = [["field", ...providers]];
    for (const field of fields) {
      table.push([
        field,
        ...providers.map((p) => {
          const row = rows.find((r) => r.resource === resource && r.field === field && r.provider === p);
          if (!row) return "n/a";
          return row.supported ? row.sources.join(" > ") : "-";
        }),
      ]);
    }
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    out.push(resource);
    for (const [i, r] of table.entries()) {
      out.push(r.map((cell, j) => cell.padEnd(widths[j])).join("  ").trimEnd());
      if (i === 0) out.push(widths.map((w) => "-".repeat(w)).join("  "));
    }
    out.push("");
  }
  process.stdout.write(out.join("\n"));
  return OK;
}

// ---------------------------------------------------------------------------------------------
// Webhooks and provider errors: verify, event, error, event-types (docs/webhooks.md)
// ---------------------------------------------------------------------------------------------

/** Each provider's signature header (docs/webhooks.md, "Signature schemes"), for --signature. */
const SIGNATURE_HEADERS = Object.fromEntries(REGISTRY.map((p) => [p.name, p.signature_header]));
const PROVIDER_ALIASES = Object.fromEntries(REGISTRY.flatMap((p) => p.aliases.map((alias) => [alias, p.name])));

/** A coded failure as one line: `code: message` (a message never spans lines on a terminal). */
function failureLine(e) {
  return `${e.code}: ${String(e.message).replace(/\s*[\r\n]+\s*/g, " ")}`;
}

/** The provider of `verify`, by its canonical name; an unknown name (or "auto") is a usage
 * error with the library's own message, before any input is read. */
function verifyProvider(name) {
  const key = name.trim().toLowerCase();
  const canonical = PROVIDER_ALIASES[key] ?? key;
  if (Object.hasOwn(SIGNATURE_HEADERS, canonical)) return canonical;
  try {
    constructEvent(name, "", {}, "-", null);
  } catch (e) {
    if (e instanceof NormalizeError && e.code === "unsupported_provider") throw new UsageError(e.message);
  }
  throw new UsageError(`verify does not know the signature header of "${name}"; expected one of: ${Object.keys(SIGNATURE_HEADERS).join(", ")}`);
}

/** Checks a provider name for `event` / `error` with one call on "{}" (the name is read first). */
function checkProvider(call, provider) {
  try {
    call(provider, "{}", null);
  } catch (e) {
    if (e instanceof NormalizeError && e.code === "unsupported_provider") throw new UsageError(e.message);
  }
}

/** --header "Name: value" (repeatable) -> a plain object of lower-case names; a repeated name
 * keeps every value (joined with "," by the library, as HTTP does). */
function requestHeaders(values) {
  const out = Object.create(null);
  for (const header of values.header ?? []) {
    const colon = header.indexOf(":");
    const name = header.slice(0, Math.max(colon, 0)).trim().toLowerCase();
    if (colon < 0 || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
      throw new UsageError(`--header takes "Name: value" (e.g. --header "Stripe-Signature: t=...,v1=..."), not "${header.slice(0, 40)}"`);
    }
    const value = header.slice(colon + 1).trim();
    out[name] = name in out ? [].concat(out[name], value) : value;
  }
  return out;
}

function wholeNumber(values, flag) {
  const text = values[flag];
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${flag} takes a whole number, not "${text}"`);
  return Number(text);
}

/** --remote-data=false / --no-remote-data -> { remote_data: false } (the default is true). */
function remoteData(values) {
  const { remote_data } = options({ "remote-data": values["remote-data"], "no-remote-data": values["no-remote-data"] });
  return remote_data === undefined ? {} : { remote_data };
}

/** The secrets of `verify`: --secret (repeatable), else PAYNORM_WEBHOOK_SECRET (comma-separated);
 * Juspay: { username, password } from --juspay-user and --juspay-password (or
 * PAYNORM_JUSPAY_PASSWORD). Never echoed in a message. */
function verifySecrets(provider, values) {
  const env = process.env;
  if (provider === "juspay") {
    if (values.secret) throw new UsageError("Juspay webhooks are verified by Basic auth: use --juspay-user and --juspay-password, not --secret");
    const username = values["juspay-user"];
    const password = values["juspay-password"] ?? env.PAYNORM_JUSPAY_PASSWORD;
    if (username === undefined || username === "") throw new UsageError("verify juspay needs --juspay-user (the webhook's Basic auth username)");
    if (password === undefined || password === "") {
      throw new UsageError("verify juspay needs --juspay-password or PAYNORM_JUSPAY_PASSWORD (the webhook's Basic auth password)");
    }
    return { username, password };
  }
  for (const flag of ["juspay-user", "juspay-password"]) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for Juspay only; ${provider} takes --secret`);
  }
  if (values.secret) {
    if (values.secret.some((s) => s === "")) throw new UsageError("--secret is empty");
    return values.secret;
  }
  const fromEnv = (env.PAYNORM_WEBHOOK_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (fromEnv.length === 0) throw new UsageError("verify needs the webhook secret: --secret <s>, or PAYNORM_WEBHOOK_SECRET in the environment");
  return fromEnv;
}

function cmdVerify(args, values) {
  onlyFor(values, ["secret", "header", "signature", "tolerance", "now", "juspay-user", "juspay-password", "quiet", "remote-data", "no-remote-data"], "verify");
  if (args.length < 1) throw new UsageError("verify needs <provider> [file] (see paynorm --help)");
  if (args.length > 2) throw new UsageError(`verify takes one file, got ${args.length - 1}`);
  const [name, file] = args;
  const provider = verifyProvider(name);
  const secrets = verifySecrets(provider, values);
  const headers = requestHeaders(values);
  if (values.signature !== undefined) {
    const key = SIGNATURE_HEADERS[provider].toLowerCase();
    if (key in headers) throw new UsageError(`--signature and --header "${SIGNATURE_HEADERS[provider]}: ..." both give the signature; pass one`);
    headers[key] = values.signature;
  }
  const opts = remoteData(values);
  const tolerance = wholeNumber(values, "tolerance");
  if (tolerance !== undefined) opts.tolerance = tolerance;
  const now = wholeNumber(values, "now");
  if (now !== undefined) opts.now = now;
  const bytes = readAll(source(file)); // the raw bytes, as received: never parsed and re-serialized
  let event;
  try {
    event = constructEvent(provider, bytes, headers, secrets, opts);
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    if (!values.quiet) process.stderr.write(`paynorm: ${failureLine(e)}\n`);
    return FAILED;
  }
  if (!values.quiet) process.stdout.write(JSON.stringify(event) + "\n");
  return OK;
}

function cmdEvent(args, values) {
  onlyFor(values, ["header", "remote-data", "no-remote-data"], "event");
  if (args.length < 1) throw new UsageError("event needs <provider|auto> [file] (see paynorm --help)");
  if (args.length > 2) throw new UsageError(`event takes one file, got ${args.length - 1}`);
  const [provider, file] = args;
  checkProvider(parseWebhook, provider);
  const opts = remoteData(values);
  if (values.header) opts.headers = requestHeaders(values);
  return printResult(() => parseWebhook(provider, readAll(source(file)), opts));
}

function cmdError(args, values) {
  onlyFor(values, ["status", "remote-data", "no-remote-data"], "error");
  if (args.length < 1) throw new UsageError("error needs <provider|auto> [file] (see paynorm --help)");
  if (args.length > 2) throw new UsageError(`error takes one file, got ${args.length - 1}`);
  const [provider, file] = args;
  checkProvider(normalizeError, provider);
  const opts = remoteData(values);
  const status = wholeNumber(values, "status");
  if (status !== undefined) {
    if (status < 100 || status > 599) throw new UsageError(`--status takes an HTTP status from 100 to 599, not ${status}`);
    opts.status = status;
  }
  return printResult(() => normalizeError(provider, readAll(source(file)), opts));
}

/** Prints a call's result as one JSON line (exit 0), or its coded failure on stderr (exit 1). */
function printResult(call) {
  let out;
  try {
    out = call();
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    process.stderr.write(`paynorm: ${failureLine(e)}\n`);
    return FAILED;
  }
  process.stdout.write(JSON.stringify(out) + "\n");
  return OK;
}

function cmdEventTypes(args, values) {
  onlyFor(values, ["json"], "event-types");
  if (args.length) throw new UsageError(`event-types takes no arguments, got "${args[0]}"`);
  const rows = eventTypes();
  if (values.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    return OK;
  }
  const table = [["provider", "provider type", "type"], ...rows.map((r) => [r.provider, r.provider_type, r.type])];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const out = [];
  for (const [i, r] of table.entries()) {
    out.push(r.map((cell, j) => cell.padEnd(widths[j])).join("  ").trimEnd());
    if (i === 0) out.push(widths.map((w) => "-".repeat(w)).join("  "));
  }
  process.stdout.write(out.join("\n") + "\n");
  return OK;
}

// `paynorm ... | head` closes stdout early: stop quietly.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? OK);
  throw e;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`paynorm: ${e.message}\n`);
  process.exitCode = USAGE;
}
