// The API every entry exports (the functions' and result types come from wasm-bindgen's
// generated paynorm.d.ts).
export { normalize, normalizeJson, detect, coverage } from "./paynorm.js";
export type {
  Provider,
  Resource,
  ErrorCode,
  NormalizeOptions,
  Customer,
  CustomerRef,
  PaymentMethod,
  Payment,
  Order,
  Unified,
  UnifiedList,
  Detection,
  CoverageRow,
} from "./paynorm.js";
export { NormalizeError } from "./errors.js";
