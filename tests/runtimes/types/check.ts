// Compile-time checks of paynorm's types (tsc --noEmit, once per export condition). Each line
// marked with a ts-expect-error directive must fail to type-check: wrong shapes and names are caught.
import {
  normalize,
  normalizeJson,
  detect,
  coverage,
  NormalizeError,
  constructEvent,
  verifyWebhook,
  parseWebhook,
  normalizeError,
  eventTypes,
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

// Names known only at run time still type-check, with the general result.
declare const fromQuery: string;
const q = normalize(fromQuery, fromQuery, new Uint8Array());
assertType<Equal<typeof q, Customer | Order | Payment | List<Customer> | List<Order> | List<Payment>>>(true);

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
// @ts-expect-error a provider outside the union only gets the general result
const bad: Payment | List<Payment> = normalize("paypal", "payments", raw);
void bad;

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
void [eventType, eventId, badType, replay, retry, table];
