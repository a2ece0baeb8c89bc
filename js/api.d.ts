// The API every entry exports. The unified shapes, options, names and error codes are generated
// from the Rust types (types.d.ts, by ts-rs during the build); `normalize`'s return type follows
// its `resource` argument when that is a literal.
import type {
  Customer,
  List,
  NormalizeOptions,
  Order,
  Payment,
  Provider,
  ResourceName,
  Unified,
  UnifiedList,
} from "./paynorm.js";

export {
  normalizeJson,
  normalizeJsonBytes,
  detect,
  coverage,
  explain,
  verifyWebhook,
  constructEvent,
  parseWebhook,
  normalizeError,
  eventTypes,
  providers,
  limits,
} from "./paynorm.js";
export type {
  Provider,
  Resource,
  ResourceName,
  ErrorCode,
  NormalizeOptions,
  Paging,
  Status,
  JsonValue,
  Customer,
  CustomerRef,
  PaymentMethod,
  Payment,
  Order,
  List,
  Unified,
  UnifiedList,
  Detection,
  CoverageRow,
  ProviderInfo,
  Limits,
  Explanation,
  FieldExplanation,
  Event,
  EventType,
  EventData,
  EventTypeRow,
  ProviderError,
  ErrorType,
  WebhookHeaders,
  WebhookSecret,
  VerifyOptions,
  ParseWebhookOptions,
  NormalizeErrorOptions,
} from "./paynorm.js";
export { NormalizeError } from "./errors.js";

/** What a call accepts as the payload: JSON text, its UTF-8 bytes, or the parsed value. */
export type Input = string | Uint8Array | ArrayBuffer | object;

/** The result of `normalize` for a `resource` argument: one object or a list of them. */
export type Normalized<R extends string = string> = R extends "customers" | "customer"
  ? Customer | List<Customer>
  : R extends "orders" | "order"
    ? Order | List<Order>
    : R extends "payments" | "payment"
      ? Payment | List<Payment>
      : Unified | List<Customer> | List<Order> | List<Payment>;

/**
 * Normalizes one raw payload into plain JS objects (`{ result, next_cursor }` for a list).
 * `provider` and `resource` are literals: an unknown name is a type error. A name known only at
 * run time (a query string) is checked when called: cast it (`name as Provider`) and catch the
 * `NormalizeError` (`unsupported_provider`). Throws a `NormalizeError`.
 */
export declare function normalize<R extends ResourceName | "auto">(
  provider: Provider | "auto",
  resource: R,
  input: Input,
  options?: NormalizeOptions | null,
): Normalized<R>;

/**
 * Whether a `normalize` result is a list (`{ result, next_cursor }`) rather than one object;
 * narrows the type either way:
 * `const out = normalize("stripe", "payments", body); if (!isList(out)) out.amount;`
 */
export declare function isList<T>(value: T): value is Extract<T, List<any>>;

/**
 * Loads the wasm; every entry exports it (also as the default export) so code shared between
 * runtimes can `await init()` everywhere. Browser / Web Worker entry: required once before the
 * first call; fetches `paynorm_bg.wasm` beside the module, or takes a URL, `Response`, the bytes or
 * a `WebAssembly.Module` (of any realm). Node, workerd, edge-light and Deno entries: optional (the
 * first call instantiates synchronously); resolves at once. Safe to call more than once.
 */
export declare function init(
  input?: import("./paynorm.js").InitInput | Promise<import("./paynorm.js").InitInput>,
): Promise<void>;
export default init;
