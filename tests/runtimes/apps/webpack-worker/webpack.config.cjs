// A Web Worker bundle: webpack 5 `target: "webworker"` resolves paynorm's "worker" condition; the
// .wasm is emitted as an asset (new URL(…, import.meta.url)) and fetched by `init()`.
module.exports = {
  mode: "production",
  target: "webworker",
  entry: "./src/worker.js",
  output: { filename: "worker.js", path: require("node:path").join(__dirname, "dist") },
};
