// Shared by tests/runtimes/*.test.mjs: the npm package as a user gets it (`npm pack`, tarball
// installed into a scratch app under tests/runtimes/.tmp/<suite>), the tools of this folder's own
// package.json, and a static server for the browser pages.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize as normalizePath } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const bin = (name) => join(here, "node_modules", ".bin", name);
/** The Node 22 of the `node@22` devDependency (wrangler 4 needs Node >= 22). */
export const node22 = bin("node");

let packed;
function pack() {
  if (packed) return packed;
  if (!existsSync(join(root, "pkg", "paynorm_bg.wasm"))) throw new Error("pkg/ is not built: run `npm run build` first");
  const dir = join(here, ".tmp", `pack-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const [info] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", dir, "--loglevel=error"], { cwd: root, encoding: "utf8" }),
  );
  packed = join(dir, info.filename);
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return packed;
}

/** A fresh app folder tests/runtimes/.tmp/<suite> with the packed paynorm installed and the
 * given example folder (relative to the repo root) copied in, unmodified. */
export function makeApp(suite, example) {
  const tarball = pack();
  const app = join(here, ".tmp", suite);
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  if (example) {
    cpSync(join(root, example), app, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|dist|\.wrangler)([\\/]|$)/.test(src.slice(join(root, example).length)),
    });
  }
  // The example's package.json lists paynorm (and tools this folder provides); install only the
  // packed paynorm, as `npm install <tarball>` would for a user.
  const manifest = existsSync(join(app, "package.json"))
    ? JSON.parse(readFileSync(join(app, "package.json"), "utf8"))
    : { name: suite, private: true, type: "module" };
  writeFileSync(join(app, "package.json"), JSON.stringify({ ...manifest, dependencies: {}, devDependencies: {} }, null, 2));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock", tarball], { cwd: app });
  return app;
}

/** Runs a command, returns {status, stdout, stderr}; throws with the output on failure unless
 * `allowFail`. */
export function run(cmd, args, { cwd, env, allowFail = false, input } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    input,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }
  return r;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves `dir` on 127.0.0.1 (random port), `.wasm` as application/wasm. */
export async function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalizePath(join(dir, path));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    if (path.endsWith("/")) file = join(file, "index.html");
    if (!existsSync(file)) return res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

/** Headless Debian Chromium through playwright-core (never a browser download). */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const userDataDir = join(here, ".tmp", `chromium-${process.pid}`);
  rmSync(userDataDir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ],
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return context;
}

export const PI = {
  id: "pi_1", object: "payment_intent", amount: 5120, currency: "kwd", status: "succeeded", created: 1700000000,
};
