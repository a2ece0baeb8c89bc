// Vite and webpack 5: both see `new URL("paynorm_bg.wasm", import.meta.url)` inside paynorm and
// emit the .wasm as an asset, so `init()` needs no argument and no bundler configuration.
import init from "paynorm";
import { run } from "./app.js";

init().then(run);
