// What both preview-page suites share: the repo paths, Debian's Chromium with the flags this
// machine needs (never a downloaded browser), dist/www/ built when missing, the plain static
// server, the package's Node entry (to compare the page with) and axe-core.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const shots = join(root, "test-results", "www");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
export const site = join(root, "dist", "www");
if (!existsSync(join(site, "index.html"))) {
  execFileSync(process.execPath, [join(root, "scripts", "build-www.mjs")], { cwd: root, stdio: "inherit" });
}
export const { chromium } = await import("playwright-core");
export const { serve } = await import("../../scripts/serve.mjs");
export const paynorm = await import("../../pkg/node.js");
export const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Serves dist/www/ with the plain static server on a free port of 127.0.0.1 and opens a fresh
 * persistent Chromium context (desktop size, light scheme) on a new user-data dir. */
export async function openSite(profilePrefix) {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { server, url: base } = await serve({ dir: site, port: 0 });
  const userDataDir = mkdtempSync(join(tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1366, height: 900 },
    colorScheme: "light",
  });
  return { server, base, userDataDir, context };
}
