// Packs the npm package (`npm pack`), installs the tarball into tests/node/.tmp/app and gives
// back that folder: tests import "paynorm" by name from files inside it, as a user would.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmpRoot = join(root, "tests", "node", ".tmp");
export const fixtures = process.env.PAYNORM_FIXTURES || join(root, "..", "shared", "fixtures");

let installed;

/** Packs and installs once per process into .tmp/<suite> (suites may run in parallel); returns
 * {app, tarball, files}. */
export function installPackage(suite = "node") {
  if (installed) return installed;
  const tmp = join(tmpRoot, suite);
  if (!existsSync(join(root, "pkg", "paynorm_bg.wasm"))) {
    throw new Error("pkg/ is not built: run `npm run build` first");
  }
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", tmp, "--loglevel=error"], {
    cwd: root,
    encoding: "utf8",
  });
  const [info] = JSON.parse(out);
  const tarball = join(tmp, info.filename);
  const app = join(tmp, "app");
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock", tarball], {
    cwd: app,
    encoding: "utf8",
  });
  installed = { app, tarball, files: info.files.map((f) => f.path) };
  return installed;
}

/** Writes `source` as a module inside the app folder and imports it. */
export async function importInApp(name, source) {
  const { app } = installPackage();
  const file = join(app, name);
  writeFileSync(file, source);
  return import(pathToFileURL(file).href);
}

/** Every fixture file: {provider, kind, name, path}. */
export function listFixtures() {
  const out = [];
  for (const provider of readdirSync(fixtures)) {
    const pdir = join(fixtures, provider);
    if (!existsSync(pdir) || provider.includes(".")) continue;
    for (const kind of readdirSync(pdir)) {
      for (const name of readdirSync(join(pdir, kind))) {
        if (name.endsWith(".json")) out.push({ provider, kind, name, path: join(pdir, kind, name) });
      }
    }
  }
  return out;
}
