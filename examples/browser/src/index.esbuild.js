// esbuild does not rewrite `new URL(..., import.meta.url)`: import the .wasm's URL through the
// package's `paynorm/paynorm_bg.wasm` export with esbuild's documented file loader
// (`--loader:.wasm=file`) and hand it to init().
import wasmUrl from "paynorm/paynorm_bg.wasm";
import init from "paynorm";
import { run } from "./app.js";

init(wasmUrl).then(run);
