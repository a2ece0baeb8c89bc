#!/usr/bin/env node
// npm run build:www: the mapping preview as a static site in dist/www/, a folder that works from
// any static host (any path prefix, no server logic): every file the page loads is inside it.
//   dist/www/index.html, app.js, worker.js, json-view.js, style.css   from www/
//   dist/www/pkg/                the browser entry of the built package and everything it loads
//                                (its import closure and `new URL("…", import.meta.url)` assets,
//                                found by reading the files, so a change to js/ needs no edit here)
//   dist/www/examples/           examples/payloads/<provider>/<resource>.json (resource "webhook":
//                                an event body, for the page's webhook mode)
//   dist/www/examples/index.json the list of those files
// Builds pkg/ first (npm run build) when pkg/browser.js is missing. OUT overrides the folder.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const out = resolve(root, process.env.OUT || join("dist", "www"));
const ENTRY = "browser.js";

function fail(message) {
  console.error(`build:www: ${message}`);
  process.exit(1);
}

/** The bundled examples, derived from examples/payloads (never a hand-kept list). */
function exampleIndex() {
  const dir = join(root, "examples", "payloads");
  const list = [];
  for (const provider of readdirSync(dir, { withFileTypes: true })) {
    if (!provider.isDirectory()) continue;
    for (const file of readdirSync(join(dir, provider.name)).sort()) {
      if (!file.endsWith(".json")) continue;
      const resource = file.slice(0, -".json".length);
      list.push({ name: `${provider.name}/${resource}`, provider: provider.name, resource, url: `examples/${provider.name}/${file}` });
    }
  }
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/** Relative specifiers a JS module loads: static/dynamic imports, re-exports, new URL(…, import.meta.url). */
function references(source) {
  const found = new Set();
  const patterns = [
    /\b(?:import|export)\b[^"';]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bimport\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
    /\bnew\s+URL\s*\(\s*["']([^"':]+)["']\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.add(m[1]);
  return [...found];
}

/** Every file of pkg/ the browser entry needs, as paths relative to pkg/. */
function closure(entry) {
  const seen = new Set();
  const todo = [entry];
  while (todo.length) {
    const rel = todo.pop();
    if (seen.has(rel)) continue;
    const file = join(pkg, rel);
    if (!existsSync(file)) fail(`pkg/${rel} is referenced but missing (rebuild: npm run build)`);
    seen.add(rel);
    if (!/\.m?js$/.test(rel)) continue;
    for (const spec of references(readFileSync(file, "utf8"))) {
      const target = normalize(join(dirname(file), spec.replace(/^\.\//, "")));
      if (!target.startsWith(pkg + sep)) fail(`pkg/${rel} loads ${spec}, outside pkg/`);
      todo.push(relative(pkg, target));
    }
  }
  return [...seen].sort();
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

if (!existsSync(join(pkg, ENTRY))) {
  console.error("build:www: pkg/ is not built; running npm run build");
  execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const www = join(root, "www");
const pageFiles = readdirSync(www).filter((f) => statSync(join(www, f)).isFile());
for (const f of pageFiles) copy(join(www, f), join(out, f));

const pkgFiles = closure(ENTRY);
if (!pkgFiles.some((f) => f.endsWith(".wasm"))) fail(`no .wasm among the files pkg/${ENTRY} loads: ${pkgFiles.join(", ")}`);
for (const f of pkgFiles) copy(join(pkg, f), join(out, "pkg", f));

const examples = exampleIndex();
for (const x of examples) copy(join(root, "examples", "payloads", x.provider, `${x.resource}.json`), join(out, x.url));
writeFileSync(join(out, "examples", "index.json"), JSON.stringify(examples, null, 1) + "\n");

// Nothing the page loads may point outside the folder (a static host serves only this folder).
for (const f of [...pageFiles.filter((f) => f.endsWith(".js")).map((f) => join(out, f)), ...pkgFiles.map((f) => join(out, "pkg", f))]) {
  if (!/\.m?js$/.test(f)) continue;
  for (const spec of references(readFileSync(f, "utf8"))) {
    const target = normalize(join(dirname(f), spec));
    if (!target.startsWith(out + sep)) fail(`${relative(out, f)} loads ${spec}, outside ${relative(root, out)}/`);
    if (!existsSync(target)) fail(`${relative(out, f)} loads ${spec}, which is not in ${relative(root, out)}/`);
  }
}

const total = [...pageFiles.map((f) => join(out, f)), ...pkgFiles.map((f) => join(out, "pkg", f))].reduce((n, f) => n + statSync(f).size, 0);
console.error(
  `build:www: ${relative(root, out)}/ (${pageFiles.length} page files, pkg/: ${pkgFiles.join(" ")}, ${examples.length} examples; ` +
    `${(total / 1024).toFixed(1)} KiB without examples)`,
);
