// Compile-time checks of paynorm's types (tsc --noEmit, once per export condition). Each line
// marked with a ts-expect-error directive must fail to type-check: wrong shapes and names are caught.
import {
  normalize,
  normalizeJson,
  normalizeJsonBytes,
  isList,
  detect,
  coverage,
  NormalizeError,
  constructEvent,
  verifyWebhook,
  parseWebhook,
  normalizeError,
  eventTypes,
  providers,
  type ProviderInfo,
  type Event,
  type EventType,
  type ProviderError,
  type Customer,
  type Order,
  type Payment,
  type List,
  type Status,
  type ErrorCode,
  type NormalizeOptions,
  type Provider,
  type Detection,
} from "paynorm";
import wasm from "paynorm/paynorm_bg.wasm";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};

const raw = "{}";

// The return type follows a literal resource, plural or singular.
const p = normalize("stripe", "payments", raw);
assertType<Equal<typeof p, Payment | List<Payment>>>(true);
const c = normalize("razorpay", "customer", raw);
assertType<Equal<typeof c, Customer | List<Customer>>>(true);
const o = normalize("juspay", "orders", raw, { remote_data: false });
assertType<Equal<typeof o, Order | List<Order>>>(true);
const a = normalize("auto", "auto", raw);
assertType<Equal<typeof a, Customer | Order | Payment | List<Customer> | List<Order> | List<Payment>>>(true);

// Names known only at run time: a plain string is a type error; cast it (checked when called).
declare const fromQuery: string;
// @ts-expect-error a string is not a provider name
normalize(fromQuery, "payments", raw);
const q = normalize(fromQuery as Provider, fromQuery as "auto", new Uint8Array());
assertType<Equal<typeof q, Customer | Order | Payment | List<Customer> | List<Order> | List<Payment>>>(true);

// isList narrows either way.
if (isList(p)) {
  assertType<Equal<typeof p, List<Payment>>>(true);
} else {
  assertType<Equal<typeof p, Payment>>(true);
  const amount: string | null = p.amount;
  void amount;
}
if (isList(a)) {
  assertType<Equal<typeof a, List<Customer> | List<Order> | List<Payment>>>(true);
}

// Narrowing a single payment from a list.
if (!("result" in p)) {
  const amount: string | null = p.amount;
  const status: Status = p.status;
  const known: "paid" | "refunded" | (string & {}) = status;
  const cust: string | null | undefined = p.customer?.email;
  const meta = p.metadata?.["order_id"];
  void [amount, known, cust, meta];
  // @ts-expect-error amount is a decimal string, not a number
  const n: number = p.amount;
  void n;
} else {
  const cursor: string | null = p.next_cursor;
  const first: Payment | undefined = p.result[0];
  void [cursor, first];
}
if (!("result" in o)) {
  const amount: number | null = o.amount; // orders carry a JSON number
  const payment: Payment | null = o.payment;
  void [amount, payment];
}

// Options are checked.
const opts: NormalizeOptions = { remote_data: false, exclude_fields: ["customer.phone"], paging: { skip: 0, count: 10 } };
normalize("razorpay", "payments", raw, opts);
// @ts-expect-error unknown option key
normalize("stripe", "payments", raw, { remote_dta: false });
// @ts-expect-error paging needs count
normalize("stripe", "payments", raw, { paging: { skip: 1 } });
// @ts-expect-error an unknown provider is a type error
normalize("paypal", "payments", raw);
// @ts-expect-error an unknown resource is a type error
normalize("stripe", "refunds", raw);
// @ts-expect-error the same for normalizeJson
normalizeJson("paypal", "payments", raw);
// normalizeJsonBytes returns bytes, not a string.
const body: Uint8Array = normalizeJsonBytes("stripe", "payments", raw);
// @ts-expect-error not a string
const bodyText: string = normalizeJsonBytes("stripe", "payments", raw);
void [body, bodyText];

// Errors: the code is a union of literals.
try {
  normalizeJson("stripe", "payments", raw);
} catch (e) {
  if (e instanceof NormalizeError) {
    const code: ErrorCode = e.code;
    const path: string | undefined = e.path;
    // @ts-expect-error not an error code
    const wrong: typeof code = "oops";
    void [code, path, wrong];
  }
}
const codes: ErrorCode[] = ["invalid_json", "invalid_input", "unsupported_provider", "unsupported_resource", "invalid_payload", "mismatched_payload", "undetectable", "signature_missing", "signature_malformed", "signature_mismatch", "timestamp_outside_tolerance", "unsupported_signature_scheme"];
void codes;

const d: Detection | null = detect(raw);
const rows = coverage();
const provider: Provider | undefined = rows[0]?.provider;
void [d, provider];

// The .wasm subpath is typed: a URL string or a compiled module, depending on the bundler.
const wasmInput: string | WebAssembly.Module = wasm;
void wasmInput;

// init(): every entry has it, named and as the default export, returning a Promise<void>; it takes
// a WebAssembly.Module or the bytes. (No negative case: lib.dom's WebAssembly.Module is an empty
// interface, so any object, even a number, is assignable to it.)
import initDefault, { init as initNamed } from "paynorm";
const initialized: Promise<void> = initDefault();
void initialized;
void initNamed(new Uint8Array(0));
declare const compiled: WebAssembly.Module;
void initNamed(compiled);
// @ts-expect-error init resolves to nothing
const notAList: Promise<string> = initNamed();
void notAList;

// Webhooks: the event and error shapes are generated too.
const event: Event = constructEvent("stripe", raw, new Headers(), ["whsec_a", "whsec_b"], { tolerance: 300, now: 1 });
const eventType: EventType = event.type;
const eventId: string | null = event.id;
// @ts-expect-error not an event type
const badType: EventType = "payment.done";
verifyWebhook("juspay", raw, { authorization: "Basic eDp5" }, { username: "x", password: "y" });
// @ts-expect-error "auto" cannot verify a signature
verifyWebhook("auto", raw, "sig", "secret");
const replay: Event = parseWebhook("auto", raw, { headers: { "x-razorpay-event-id": "E1" } });
const providerError: ProviderError = normalizeError("auto", raw, { status: 402 });
const retry: boolean = providerError.retryable;
const table = eventTypes();
const registry: ProviderInfo[] = providers();
const firstName: Provider = registry[0].name;
const header: string = registry[0].signature_header;
void [eventType, eventId, badType, replay, retry, table, firstName, header];
