// What `npm publish` would ship: the packed tarball's files and its package.json (no scripts,
// no devDependencies, no machine paths), the repository's package.json restored after packing,
// and `attw --pack` (@arethetypeswrong/cli, offline) finding no type problems in any resolution
// mode. Run: npm run build && node --test tests/node/hygiene.test.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { installPackage, root } from "./helpers.mjs";

describe("package hygiene", () => {
  const before = readFileSync(join(root, "package.json"), "utf8");
  const { app, files } = installPackage("hygiene");
  const published = readFileSync(join(app, "node_modules", "paynorm", "package.json"), "utf8");
  const manifest = JSON.parse(published);

  test("the repository's package.json is back, byte for byte, after npm pack", () => {
    assert.equal(readFileSync(join(root, "package.json"), "utf8"), before);
    assert.ok(!existsSync(join(root, ".package.json.orig")), "the saved copy is gone");
    assert.ok(JSON.parse(before).scripts.build, "the repository keeps its scripts");
  });

  test("the published package.json has no scripts, devDependencies or machine paths", () => {
    assert.equal(manifest.scripts, undefined);
    assert.equal(manifest.devDependencies, undefined);
    assert.doesNotMatch(published, /\/opt\/|\/work\/|\/home\/|\/root\/|PAYNORM_TOOLS|CHROMEDRIVER/);
    for (const key of ["name", "version", "license", "homepage", "bugs", "repository", "bin", "exports", "engines", "files"]) {
      assert.ok(manifest[key], `${key} is kept`);
    }
  });

  test("the tarball holds the entries, the CLI, the schema, LICENSE, README and CHANGELOG, and nothing of the repo's own", () => {
    for (const f of ["LICENSE", "README.md", "CHANGELOG.md", "package.json", "bin/paynorm.mjs", "pkg/schema.json", "pkg/paynorm_bg.wasm", "pkg/node.js", "pkg/types.d.ts"]) {
      assert.ok(files.includes(f), `${f} is packed`);
    }
    for (const f of files) assert.match(f, /^(LICENSE|README\.md|CHANGELOG\.md|package\.json|bin\/[^/]+|pkg\/.+)$/, `${f} should not be packed`);
    assert.match(readFileSync(join(app, "node_modules", "paynorm", "LICENSE"), "utf8"), /^MIT License/);
    assert.equal(manifest.license, "MIT");
  });

  test("attw --pack: no type problems in any resolution mode", () => {
    const r = spawnSync(join(root, "node_modules", ".bin", "attw"), ["--pack", ".", "--format", "ascii"], { cwd: root, encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No problems found/);
    assert.equal(readFileSync(join(root, "package.json"), "utf8"), before, "attw's pack restored package.json too");
  });
});
