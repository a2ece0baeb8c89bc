/** CommonJS entry (`require("paynorm")`, Node >= 20.19 / 22.12 through require(esm)): usable right after `require`. */
export * from "./api.js";
