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
  detect,
  coverage,
  explain,
  verifyWebhook,
  constructEvent,
  parseWebhook,
  normalizeError,
  eventTypes,
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
 * Throws a `NormalizeError`.
 */
export declare function normalize<R extends ResourceName | "auto">(
  provider: Provider | "auto",
  resource: R,
  input: Input,
  options?: NormalizeOptions | null,
): Normalized<R>;
/** Names known only at run time (e.g. from a query string); checked when called. */
export declare function normalize(
  provider: string,
  resource: string,
  input: Input,
  options?: NormalizeOptions | null,
): Unified | UnifiedList<Customer> | UnifiedList<Order> | UnifiedList<Payment>;
