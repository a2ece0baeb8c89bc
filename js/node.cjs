// CommonJS entry (`require("paynorm")`): Node loads the ESM entry synchronously through
// require(esm) (Node >= 20.19 / 22.12), so CommonJS and ESM callers share one wasm instance and
// one NormalizeError class.
"use strict";
module.exports = require("./node.js");
