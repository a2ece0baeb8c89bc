/** Browser entry: `await init()` once, then every call is synchronous. */
import type { InitInput } from "./paynorm.js";
export * from "./api.js";
/** Loads the wasm (by default `paynorm_bg.wasm` next to this module). Safe to call more than once. */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;
