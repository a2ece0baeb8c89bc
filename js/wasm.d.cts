/** `require("paynorm/paynorm_bg.wasm")` through a bundler: see wasm.d.ts. */
declare const wasm: string | WebAssembly.Module;
export = wasm;
