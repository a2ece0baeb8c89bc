#!/usr/bin/env node
// npm's prepack / postpack hooks: the package.json inside the tarball is the published one, so
// for the length of `npm pack` / `npm publish` package.json is rewritten without what only this
// repository needs (`scripts`, which name machine paths and dev tools, and `devDependencies`),
// then restored byte for byte.
//   node scripts/prepack.mjs            save package.json to .package.json.orig, write the clean one
//   node scripts/prepack.mjs --restore  put the saved package.json back (postpack; also safe to
//                                       run by hand after an interrupted pack)
// Packs run one at a time: while a saved copy exists another pack is in progress, and this one
// waits for it (up to 5 minutes; a copy older than that is a leftover and is restored first).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = join(root, "package.json");
const saved = join(root, ".package.json.orig");
const STALE_MS = 5 * 60 * 1000;
/** Keys of package.json that never go into the published package. */
const DEV_ONLY = ["scripts", "devDependencies"];

function restore() {
  if (existsSync(saved)) renameSync(saved, manifest);
}

if (process.argv.includes("--restore")) {
  restore();
} else {
  const start = Date.now();
  while (existsSync(saved)) {
    let age = 0;
    try {
      age = Date.now() - statSync(saved).mtimeMs;
    } catch {
      break; // restored meanwhile
    }
    if (age > STALE_MS) {
      console.error("prepack: restoring package.json left by an interrupted pack");
      restore();
      break;
    }
    if (Date.now() - start > STALE_MS) throw new Error("prepack: another pack has held package.json for 5 minutes");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  const text = readFileSync(manifest, "utf8");
  const pkg = JSON.parse(text);
  for (const key of DEV_ONLY) delete pkg[key];
  // The copy first, with an exclusive create so two packs never both think they own it.
  writeFileSync(saved, text, { flag: "wx" });
  writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n");
}
