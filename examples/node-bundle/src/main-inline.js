// The alternative: the .wasm inlined into the bundle (esbuild --loader:.wasm=binary gives its
// bytes as a Uint8Array); init() with the bytes instantiates synchronously. Bigger bundle (base64),
// one file to ship.
import wasm from "paynorm/paynorm_bg.wasm";
import { init } from "paynorm";

init(wasm);
await import("./main.js");
