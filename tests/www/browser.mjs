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
