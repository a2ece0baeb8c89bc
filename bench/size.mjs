#!/usr/bin/env node
// What the .wasm is made of: each section's size (raw and gzip -9), then code bytes per
// function grouped by Rust path, largest first.
//   node bench/size.mjs [file.wasm] [depth] [rows]
// Default file: target/wasm32-unknown-unknown/release/paynorm.wasm (cargo's output before
// wasm-bindgen and wasm-opt, which still has its name section; `npm run build` makes it). The
// shipped pkg/paynorm_bg.wasm has no names: its sections are listed, its functions are not.
// depth: how many `::` segments of a function's path make its group (default 3).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [file = "target/wasm32-unknown-unknown/release/paynorm.wasm", depthArg = "3", rowsArg = "30"] = process.argv.slice(2);
const buf = readFileSync(file);
const depth = Number(depthArg);
let p = 8;
const leb = () => {
  let r = 0;
  let shift = 0;
  let b;
  do {
    b = buf[p++];
    r += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return r;
};
const SECTIONS = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"];
let importedFunctions = 0;
const bodies = [];
const names = new Map();
console.log(`${file}: ${buf.length.toLocaleString("en-US")} bytes, gzip -9 ${gzipSync(buf, { level: 9 }).length.toLocaleString("en-US")}`);
while (p < buf.length) {
  const id = buf[p++];
  const len = leb();
  const start = p;
  const end = p + len;
  let label = SECTIONS[id] ?? `section ${id}`;
  if (id === 0) {
    const n = leb();
    const name = buf.subarray(p, p + n).toString();
    p += n;
    label = `custom "${name}"`;
    if (name === "name") {
      while (p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const index = leb();
            const l = leb();
            names.set(index, buf.subarray(p, p + l).toString());
            p += l;
          }
        }
        p = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      p += leb(); // module
      p += leb(); // field
      const kind = buf[p++];
      if (kind === 0) {
        leb();
        importedFunctions++;
      } else if (kind === 1) {
        p++;
        if (leb() & 1) leb();
        leb();
      } else if (kind === 2) {
        if (leb() & 1) leb();
        leb();
      } else if (kind === 3) p += 2;
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const l = leb();
      bodies.push(l);
      p += l;
    }
  }
  console.log(`  ${label.padEnd(34)} ${len.toLocaleString("en-US").padStart(10)} B  gzip ${gzipSync(buf.subarray(start, end), { level: 9 }).length.toLocaleString("en-US").padStart(9)} B`);
  p = end;
}
if (names.size === 0) {
  console.log("(no name section: pass cargo's .wasm for the functions)");
  process.exit(0);
}

/** A legacy-mangled Rust symbol's path segments, without the hash; others as they are. */
function segments(symbol) {
  if (!symbol.startsWith("_ZN")) return [symbol];
  const out = [];
  let q = 3;
  while (q < symbol.length && symbol[q] !== "E") {
    let n = 0;
    while (symbol[q] >= "0" && symbol[q] <= "9") n = n * 10 + (symbol.charCodeAt(q++) - 48);
    if (n === 0) break;
    out.push(symbol.slice(q, q + n));
    q += n;
  }
  const unescape = (s) => s.replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&").replace(/\$C\$/g, ",").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}").replace(/\.\./g, "::");
  return out.filter((s) => !/^h[0-9a-f]{16}$/.test(s)).map(unescape);
}

const groups = new Map();
let total = 0;
bodies.forEach((size, i) => {
  const key = segments(names.get(i + importedFunctions) ?? `function ${i}`).slice(0, depth).join("::");
  groups.set(key, (groups.get(key) ?? 0) + size);
  total += size;
});
console.log(`code: ${bodies.length} functions, ${total.toLocaleString("en-US")} B; by group (first ${depth} path segments):`);
for (const [key, size] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, Number(rowsArg))) {
  console.log(`${size.toLocaleString("en-US").padStart(10)} B ${((100 * size) / total).toFixed(1).padStart(5)}%  ${key.slice(0, 120)}`);
}
