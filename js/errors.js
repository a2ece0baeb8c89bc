/**
 * The error every paynorm call throws. `code` is stable (see the README's error table),
 * `message` says what to fix, `path` is a JSON path into the input (`$.data[3].amount`) or
 * `undefined` when no single place is to blame.
 *
 * The wasm binding constructs this very class (wasm-bindgen imports this file), and every entry
 * point re-exports it, so `err instanceof NormalizeError` holds for what the calls throw.
 */
export class NormalizeError extends Error {
  constructor(code, message, path) {
    super(message);
    this.name = "NormalizeError";
    this.code = code;
    this.path = path ?? undefined;
  }
}
