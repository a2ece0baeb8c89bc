/**
 * `paynorm/paynorm_bg.wasm`: the package's compiled WebAssembly, for setups that load it
 * themselves. What the import gives depends on the bundler: a URL string with esbuild's
 * `--loader:.wasm=file` (then `await init(url)` from the browser entry), a compiled
 * `WebAssembly.Module` where wasm modules are imported as such (workerd, `?module` on Vercel Edge).
 * Either one is a valid argument of the browser entry's `init()`.
 */
declare const wasm: string | WebAssembly.Module;
export default wasm;
