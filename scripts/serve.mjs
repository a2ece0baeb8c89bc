#!/usr/bin/env node
// npm start: the in-browser mapping preview, served on 127.0.0.1 (no CDN; works offline).
//   /                       www/ (index.html, app.js, json-view.js, style.css)
//   /pkg/                   the built npm package (pkg/browser.js + paynorm_bg.wasm)
//   /examples/              examples/payloads/<provider>/<resource>.json
//   /examples/index.json    the list of those files, read from the folder on every request
// Port from PORT (default 8787; 0 picks a free one). Importable: `serve({ port })` resolves to
// `{ server, url }` (the browser tests use it).
import { createServer } from "node:http";
import { existsSync, readdirSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const MOUNTS = [
  ["/pkg/", join(root, "pkg")],
  ["/examples/", join(root, "examples", "payloads")],
  ["/", join(root, "www")],
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

/** The bundled examples, derived from examples/payloads (never a hand-kept list). */
export function exampleIndex() {
  const dir = join(root, "examples", "payloads");
  const out = [];
  for (const provider of readdirSync(dir, { withFileTypes: true })) {
    if (!provider.isDirectory()) continue;
    for (const file of readdirSync(join(dir, provider.name)).sort()) {
      if (!file.endsWith(".json")) continue;
      const resource = file.slice(0, -".json".length);
      out.push({ name: `${provider.name}/${resource}`, provider: provider.name, resource, url: `examples/${provider.name}/${file}` });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function send(res, status, type, body, head = false) {
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  res.end(head ? undefined : body);
}

async function handle(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed\n");
  const head = req.method === "HEAD";
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  } catch {
    return send(res, 400, "text/plain", "bad request\n", head);
  }
  if (pathname === "/examples/index.json") {
    return send(res, 200, TYPES[".json"], JSON.stringify(exampleIndex()), head);
  }
  const [prefix, dir] = MOUNTS.find(([p]) => pathname.startsWith(p));
  let file = normalize(join(dir, pathname.slice(prefix.length)));
  if (file !== dir && !file.startsWith(dir + sep)) return send(res, 403, "text/plain", "forbidden\n", head);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    res.end(head ? undefined : body);
  } catch {
    const hint = prefix === "/pkg/" && !existsSync(join(root, "pkg")) ? " (pkg/ is not built: npm run build)" : "";
    send(res, 404, "text/plain", `not found: ${pathname}${hint}\n`, head);
  }
}

/** Starts the server on 127.0.0.1; resolves to `{ server, url }`. */
export function serve({ port = 8787, host = "127.0.0.1" } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, "text/plain", `internal error: ${err.message}\n`);
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolve({ server, url: `http://${host}:${bound}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const port = process.env.PORT === undefined || process.env.PORT === "" ? 8787 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
    process.exit(1);
  }
  if (!existsSync(join(root, "pkg", "browser.js"))) console.error("serve: warning: pkg/ is not built; run npm run build");
  serve({ port })
    .then(({ url }) => console.log(`paynorm preview: ${url}`))
    .catch((err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    });
}
