/** Browser / Web Worker entry: `await init()` once, then every call is synchronous. */
export * from "./api.js";
export { default } from "./api.js";
