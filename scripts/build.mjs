#!/usr/bin/env node
// npm run build: the npm package's pkg/ folder.
//   1. cargo build --release --target wasm32-unknown-unknown
//   2. wasm-bindgen --target web (the CLI pinned to the crate's wasm-bindgen version) with
//      --experimental-reset-state-function: the glue then exports `__wbg_reset_state`, which
//      js/core.js calls to re-instantiate (fresh memory) after a trap; and one patch to the glue:
//      its `initSync` accepts a WebAssembly.Module of another realm (see below)
//   3. wasm-opt -O3 (PAYNORM_WASM_OPT for another level) from the npm binaryen devDependency (never Debian's: its wasm-opt 108 breaks
//      wasm-bindgen 0.2.130 output)
//   4. pkg/types.d.ts and pkg/schema.json: the TypeScript declarations and the JSON Schema of the
//      unified shapes, generated from the Rust types by ts-rs and schemars (`cargo test
//      --features ts,schema --lib -- ts_export schema_export`, a native build)
//   5. the runtime entries from js/, and pkg/errors.js re-exporting the very NormalizeError class
//      the wasm glue constructs (wasm-bindgen copies js/errors.js into pkg/snippets/)
//   6. prints the .wasm size, raw and gzip
// Environment: CARGO_TARGET_DIR (default ./target), PAYNORM_TOOLS (default /opt/paynorm-tools,
// its bin/ is put on PATH), PAYNORM_OPT_LEVEL (overrides the release profile's opt-level, 3),
// PAYNORM_WASM_OPT (wasm-opt's level, default -O3).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const targetDir = process.env.CARGO_TARGET_DIR || join(root, "target");
const tools = process.env.PAYNORM_TOOLS || "/opt/paynorm-tools";
const env = { ...process.env, PATH: `${join(tools, "bin")}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
// One entry per runtime (package.json `exports` picks them by condition), each with its types.
const ENTRIES = [
  "node.js", "node.d.ts", "node.cjs", "node.d.cts",
  "browser.js", "browser.d.ts",
  "workerd.js", "workerd.d.ts",
  "edge-light.js", "edge-light.d.ts",
  "deno.js", "deno.d.ts",
  "api.d.ts", "errors.d.ts",
  "list.js", "wasm.d.ts", "wasm.d.cts",
  "core.js",
];

function run(cmd, args, opts = {}) {
  console.error(`build: ${cmd} ${args.join(" ")}`);
  return execFileSync(cmd, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"], ...opts });
}

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

// The CLI must be the crate's pinned wasm-bindgen version, or it refuses the module.
const pinned = /^wasm-bindgen = "=([0-9.]+)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))?.[1];
let cliVersion = "";
try {
  cliVersion = execFileSync("wasm-bindgen", ["--version"], { env, encoding: "utf8" }).trim();
} catch {
  fail(`wasm-bindgen CLI not found; run scripts/setup.sh (it installs ${pinned} into ${tools}/bin)`);
}
if (pinned && !cliVersion.endsWith(` ${pinned}`)) fail(`${cliVersion} does not match the crate's wasm-bindgen =${pinned}; run scripts/setup.sh`);

const wasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
if (!existsSync(wasmOpt)) fail("node_modules/.bin/wasm-opt missing; run npm ci (binaryen devDependency)");

// The release profile's opt-level (3, measured in Cargo.toml by bench/opt-level.mjs) unless PAYNORM_OPT_LEVEL overrides it.
const cargoEnv = process.env.PAYNORM_OPT_LEVEL ? { ...env, CARGO_PROFILE_RELEASE_OPT_LEVEL: process.env.PAYNORM_OPT_LEVEL } : env;
run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--lib"], { env: cargoEnv });

const built = join(targetDir, "wasm32-unknown-unknown", "release", "paynorm.wasm");
if (!existsSync(built)) fail(`${built} not found after cargo build`);

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
run("wasm-bindgen", ["--target", "web", "--experimental-reset-state-function", "--out-dir", pkg, "--out-name", "paynorm", built]);

// The glue's initSync tests `module instanceof WebAssembly.Module`, false for a module compiled in
// another realm (Next.js runs edge routes and middleware in a separate realm and hands over the
// `?module` import from outside it), and then tries to compile the module object as bytes. Check
// the brand by its tag instead; `new WebAssembly.Instance` accepts a module of any realm.
const gluePath = join(pkg, "paynorm.js");
const glue = readFileSync(gluePath, "utf8");
const realmCheck = "if (!(module instanceof WebAssembly.Module)) {";
if (glue.split(realmCheck).length !== 2) fail(`paynorm.js: expected one \`${realmCheck}\` in initSync (wasm-bindgen changed?)`);
if (!glue.includes("export function __wbg_reset_state")) fail("paynorm.js: no __wbg_reset_state export (--experimental-reset-state-function)");
writeFileSync(
  gluePath,
  glue.replace(realmCheck, 'if (Object.prototype.toString.call(module) !== "[object WebAssembly.Module]") { // paynorm: any realm'),
);

const wasm = join(pkg, "paynorm_bg.wasm");
const before = statSync(wasm).size;
// -O3 unless PAYNORM_WASM_OPT names another level. Measured against -Oz (2026-12-02, SIMD build,
// bench/instructions.mjs): 1.0-1.6% fewer instructions per normalizeJson call on the four bench
// inputs, 678,361 vs 675,492 bytes raw but 271,211 vs 271,416 gzip.
const wasmOptLevel = process.env.PAYNORM_WASM_OPT || "-O3";
if (!/^-O[0-4sz]$/.test(wasmOptLevel)) fail(`PAYNORM_WASM_OPT: expected -O0..-O4, -Os or -Oz, got ${wasmOptLevel}`);
run(wasmOpt, [wasmOptLevel, wasm, "-o", wasm]);

// The unified shapes' TypeScript and JSON Schema, generated from the Rust types (never
// hand-kept): native tests of the `ts` and `schema` features write them (one cargo run);
// paynorm.d.ts imports types.d.ts, `paynorm/schema.json` is schema.json.
run("cargo", ["test", "--quiet", "--features", "ts,schema", "--lib", "--", "ts_export", "schema_export"], {
  env: { ...env, PAYNORM_TS_OUT: join(pkg, "types.d.ts"), PAYNORM_SCHEMA_OUT: join(pkg, "schema.json") },
  stdio: ["ignore", "ignore", "inherit"],
});
if (!existsSync(join(pkg, "types.d.ts"))) fail("pkg/types.d.ts was not generated (cargo test --features ts --lib ts_export)");
if (!existsSync(join(pkg, "schema.json"))) fail("pkg/schema.json was not generated (cargo test --features schema --lib schema_export)");

// The snippet wasm-bindgen copied js/errors.js to; the entries re-export the class from there so
// the class callers import is the one the binding throws.
const snippets = join(pkg, "snippets");
const found = existsSync(snippets)
  ? readdirSync(snippets).map((d) => join(snippets, d, "js", "errors.js")).filter(existsSync)
  : [];
if (found.length !== 1) fail(`expected one snippets/*/js/errors.js, found ${found.length}`);
const snippet = "./" + relative(pkg, found[0]).split("\\").join("/");
writeFileSync(
  join(pkg, "errors.js"),
  `// The NormalizeError class the wasm binding throws (wasm-bindgen's copy of js/errors.js).\nexport { NormalizeError } from "${snippet}";\n`,
);
for (const f of ENTRIES) copyFileSync(join(root, "js", f), join(pkg, f));

// wasm-bindgen may drop the `?` of a trailing Option parameter that has an unchecked_param_type.
const dts = join(pkg, "paynorm.d.ts");
const types = readFileSync(dts, "utf8");
const fixed = types.replaceAll(/options: (\w+Options) \| null\)/g, "options?: $1 | null)");
if (!fixed.includes("options?: NormalizeOptions | null)")) fail("paynorm.d.ts: no optional `options` parameter");
writeFileSync(dts, fixed);

const bytes = readFileSync(wasm);
const gzip = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `build: pkg/paynorm_bg.wasm ${bytes.length} bytes (${kb(bytes.length)}), gzip ${gzip} bytes (${kb(gzip)}); before wasm-opt ${kb(before)}` +
    ` [opt-level ${process.env.PAYNORM_OPT_LEVEL ? `"${process.env.PAYNORM_OPT_LEVEL}" (PAYNORM_OPT_LEVEL)` : "from Cargo.toml"}, wasm-opt ${wasmOptLevel}]`,
);
