#!/usr/bin/env node
// A plain static file server on 127.0.0.1 (no CDN; works offline) that knows nothing about
// paynorm: it serves one folder's files with their MIME types (`.wasm` as application/wasm) and
// `index.html` for a folder. `npm start` builds the preview site (npm run build:www) and serves
// dist/www/ with it; the browser tests serve dist/www/ with it too.
//   node scripts/serve.mjs [folder]      folder defaults to dist/www; PORT (default 8787; 0 = any)
// Importable: `serve({ dir, port, prefix })` resolves to `{ server, url }`; `prefix` mounts the
// folder under a path (e.g. "/paynorm/"), the way a static host serves a project site.
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

function send(res, status, body, head = false) {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "x-content-type-options": "nosniff",
  });
  res.end(head ? undefined : body);
}

async function handle(dir, prefix, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n");
  const head = req.method === "HEAD";
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  } catch {
    return send(res, 400, "bad request\n", head);
  }
  if (pathname === prefix.slice(0, -1)) {
    res.writeHead(301, { location: prefix });
    return res.end();
  }
  if (!pathname.startsWith(prefix)) return send(res, 404, `not found: ${pathname}\n`, head);
  let file = normalize(join(dir, pathname.slice(prefix.length)));
  if (file !== dir && !file.startsWith(dir + sep)) return send(res, 403, "forbidden\n", head);
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
    send(res, 404, `not found: ${pathname}\n`, head);
  }
}

/** Serves `dir` on 127.0.0.1 under `prefix`; resolves to `{ server, url }`. */
export function serve({ dir, port = 8787, host = "127.0.0.1", prefix = "/" } = {}) {
  const root = resolve(dir);
  if (!prefix.startsWith("/") || !prefix.endsWith("/")) throw new Error(`prefix must start and end with "/": ${prefix}`);
  const server = createServer((req, res) => {
    handle(root, prefix, req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, `internal error: ${err.message}\n`);
      else res.destroy();
    });
  });
  return new Promise((resolveUrl, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolveUrl({ server, url: `http://${host}:${bound}${prefix}` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const dir = process.argv[2] ?? join(fileURLToPath(new URL("..", import.meta.url)), "dist", "www");
  const port = process.env.PORT === undefined || process.env.PORT === "" ? 8787 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`serve: ${dir} has no index.html (build the preview site: npm run build:www)`);
    process.exit(2);
  }
  serve({ dir, port })
    .then(({ url }) => console.log(`paynorm preview: ${url} (serving ${resolve(dir)})`))
    .catch((err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    });
}
