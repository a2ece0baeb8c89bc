// The one place that touches the wasm-bindgen glue (`./paynorm.js`, `--target web`). Every entry
// builds its API with `createApi(load)`; every exported call is a wrapper that
//   1. checks its arguments' JS types (a coded `invalid_input` naming the argument, before any
//      byte reaches the glue: a non-string provider would trap inside `passStringToWasm0`),
//   2. makes sure the instance exists: lazily and synchronously on the first call, from the
//      `WebAssembly.Module` or bytes the entry's `load()` supplies (no import-time side effect a
//      bundler could drop, e.g. under `"sideEffects": false`),
//   3. calls the glue,
//   4. on a `WebAssembly.RuntimeError` (a trap: a bug, never expected), or any other non-coded
//      exception escaping the glue, drops the instance, re-instantiates from the same compiled
//      module (fresh memory) and throws a coded `internal_error`, so the next call works.
// Re-instantiation uses wasm-bindgen's own `__wbg_reset_state` (the CLI's
// `--experimental-reset-state-function`, see scripts/build.mjs): it rebuilds the instance from the
// module the glue already holds and clears every cache the glue keeps of the old memory (memory
// views, the text decoder's count, the vector length), which a copy of the glue's internals here
// would have to track by hand on every wasm-bindgen upgrade.
//
// The wrapping is generic: every function the glue exports is wrapped (its argument roles come
// from ROLES when listed there), so a new `#[wasm_bindgen]` export only needs its name added to
// the entries' export lists (tests/node/loader.test.mjs fails until it is).
import * as glue from "./paynorm.js";
import { NormalizeError } from "./errors.js";

const toStringTag = (value) => Object.prototype.toString.call(value);
// The glue's exports as a plain object: optional ones (`limits`, added by a later binding) are
// looked up here without bundlers warning about a missing named export.
const calls = Object.fromEntries(Object.entries(glue));

/** A `WebAssembly.Module` from any realm (Next.js evaluates edge code in another realm, where
 * `instanceof WebAssembly.Module` is false). */
export const isWasmModule = (value) => toStringTag(value) === "[object WebAssembly.Module]";

/** What each argument of a known export is, by position. Unlisted exports get no type checks,
 * only the buffer coercion of `coerceBuffer` on every argument. */
const ROLES = {
  normalize: ["provider", "resource", "input", "options"],
  normalizeJson: ["provider", "resource", "input", "options"],
  normalizeJsonBytes: ["provider", "resource", "input", "options"],
  explain: ["provider", "resource", "input", "options"],
  detect: ["input"],
  coverage: [],
  limits: [],
  // Webhooks: headers and secrets take several shapes (Headers, object, string; string, bytes,
  // array, {username, password}) that the binding reads itself; null = buffer coercion only.
  verifyWebhook: ["provider", "input", null, null, "options"],
  constructEvent: ["provider", "input", null, null, "options"],
  parseWebhook: ["provider", "input", "options"],
  normalizeError: ["provider", "input", "options"],
  eventTypes: [],
  providers: [],
};

/** Glue exports that are not calls: loading and wasm-bindgen internals. */
const NOT_WRAPPED = new Set(["default", "initSync", "start", "__wbg_reset_state"]);

function describe(value) {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return `the number ${String(value)}`;
    case "bigint":
      return "a BigInt";
    case "boolean":
      return `the boolean ${value}`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default: {
      const tag = toStringTag(value).slice(8, -1);
      return tag === "Object" ? "an object" : `a ${tag}`;
    }
  }
}

const invalid = (message) => new NormalizeError("invalid_input", message);

/** ArrayBuffer / SharedArrayBuffer / Uint8Array from any realm -> a Uint8Array of this realm
 * over the same bytes (no copy). The binding recognizes only this realm's Uint8Array and
 * ArrayBuffer; anything else would go through `JSON.stringify` and be read as `{}`. */
function coerceBuffer(value) {
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value;
  const tag = toStringTag(value);
  if (tag === "[object SharedArrayBuffer]" || tag === "[object ArrayBuffer]") return new Uint8Array(value);
  if (tag === "[object Uint8Array]" && ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return value;
}

let maxInputBytes; // from the binding's limits() when it has one; undefined: no pre-check

/** The input limit of a call: `options.max_input_bytes` when given, else the default from
 * `limits()` (undefined before it is known); null when the option is given but is not a valid
 * count, which only the binding's own options reader reports. */
function limitOf(options) {
  let given;
  try {
    given = options != null && typeof options === "object" ? options.max_input_bytes : undefined;
  } catch {
    return null;
  }
  if (given === undefined) return maxInputBytes;
  return Number.isSafeInteger(given) && given >= 0 ? given : null;
}

function checkInput(value, options) {
  const input = coerceBuffer(value);
  const limit = limitOf(options);
  if (limit != null) {
    // A string's UTF-8 length is at least its UTF-16 `.length`, so this refuses only inputs that
    // are certainly too large, before copying them into wasm memory.
    const size = typeof input === "string" ? input.length : input instanceof Uint8Array ? input.byteLength : 0;
    if (size > limit) {
      throw new NormalizeError(
        "input_too_large",
        `input is larger than the limit of ${limit} bytes (${typeof input === "string" ? "at least " : ""}${size} bytes)`,
      );
    }
  }
  return input;
}

const CHECKS = {
  provider(value) {
    if (typeof value !== "string") {
      throw invalid(`provider must be a string such as "stripe" or "auto", found ${describe(value)}`);
    }
    return value;
  },
  resource(value) {
    if (typeof value !== "string") {
      throw invalid(`resource must be a string such as "payments" or "auto", found ${describe(value)}`);
    }
    return value;
  },
  input: checkInput,
  options(value) {
    if (value === undefined || value === null) return value;
    if (typeof value !== "object" || toStringTag(value) !== "[object Object]") {
      throw invalid(`options must be a plain object such as { remote_data: false }, found ${describe(value)}`);
    }
    return value;
  },
};

// ---------------------------------------------------------------------------------------------
// The fast path of normalize / normalizeJson / normalizeJsonBytes. A call into wasm is numbers in
// and a status out (`__paynorm_run`): the input's UTF-8 is written straight into a wasm buffer
// that lives across calls (`TextEncoder.encodeInto`, no JS-side walk of the string), the provider
// and resource go by a code learned once per distinct name, and the result is read where the
// binding left it in wasm memory, through views kept here (the IO words say where). The binding
// returns the unified JSON with `null` for each `remote_data` plus where each raw object sits in
// the input. The caller already holds the input, so `remote_data` never crosses the boundary:
// normalizeJson splices the input's own text in (the same bytes as before), normalize(text)
// parses each raw object from the input's slice, and normalize(object) attaches the caller's own
// objects; normalizeJsonBytes gets the whole UTF-8, spliced by the binding.
// ---------------------------------------------------------------------------------------------

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const LAYOUT_SINGLE = 0;
const LAYOUT_ARRAY = 1;
const hasFastPath = ["__paynorm_run", "__paynorm_io", "__paynorm_memory", "__paynorm_code", "__paynorm_input_grow", "__paynorm_error"].every((name) => typeof calls[name] === "function");
// The IO words (src/wasm.rs `IO_*`).
const IO_WORDS = 9;
const IO_INPUT_PTR = 0;
const IO_INPUT_CAP = 1;
const IO_OUT_PTR = 2;
const IO_OUT_LEN = 3;
const IO_HOLES_PTR = 4;
const IO_HOLES_LEN = 5;
const IO_LAYOUT = 6;
const IO_KEY_PTR = 7;
const IO_KEY_LEN = 8;
// `__paynorm_run` flags.
const RUN_UTF16 = 1;
const RUN_BYTES = 2;

// Views of the instance's memory: made again when memory grows (which detaches them: length 0)
// and forgotten whenever the instance is replaced (`forgetViews`).
let memory8;
let memory32;
let io;
let inputView; // the input buffer, while IO says it is where this view is

function views() {
  if (io === undefined || io.length === 0) {
    const { buffer } = glue.__paynorm_memory();
    memory8 = new Uint8Array(buffer);
    memory32 = new Uint32Array(buffer);
    io = new Uint32Array(buffer, glue.__paynorm_io(), IO_WORDS);
    inputView = undefined;
  }
}

function forgetViews() {
  memory8 = memory32 = io = inputView = undefined;
}

/** Throws the error the binding kept for a call that returned 1. */
function fail() {
  throw glue.__paynorm_error();
}

/** The input buffer as a view of at least `capacity` bytes, its first `keep` bytes kept. */
function inputBuffer(capacity, keep) {
  views();
  if (io[IO_INPUT_CAP] < capacity) {
    if (glue.__paynorm_input_grow(capacity, keep) !== 0) fail();
    views();
  }
  const ptr = io[IO_INPUT_PTR];
  const cap = io[IO_INPUT_CAP];
  if (inputView === undefined || inputView.byteOffset !== ptr || inputView.length !== cap) {
    inputView = memory8.subarray(ptr, ptr + cap);
  }
  return inputView;
}

// Provider -> resource -> code. Only names the binding accepted are kept, at most CODES_KEPT of
// each, so arbitrary caller strings cannot grow it.
const codes = new Map();
const CODES_KEPT = 64;

/** The binding's code for the names, or -1 when either is not a name it accepts. */
function codeOf(provider, resource) {
  let byResource = codes.get(provider);
  let code = byResource?.get(resource);
  if (code !== undefined) return code;
  code = glue.__paynorm_code(provider, resource);
  if (code < 0) return code;
  if (byResource === undefined && codes.size < CODES_KEPT) codes.set(provider, (byResource = new Map()));
  if (byResource !== undefined && byResource.size < CODES_KEPT) byResource.set(resource, code);
  return code;
}

const tooLarge = (size, max) =>
  new NormalizeError(
    "input_too_large",
    `input is at least ${size} bytes, over the limit of ${max} bytes; pass a smaller page or raise options.max_input_bytes (default ${maxInputBytes})`,
  );

/** Writes `text` as UTF-8 into the input buffer; returns its length in bytes. */
function writeString(text, max) {
  // Exact for ASCII; grown (keeping what is written) when a character needs more bytes.
  let view = inputBuffer(text.length, 0);
  let { read, written } = encoder.encodeInto(text, view);
  while (read < text.length) {
    const want = written + (text.length - read) * 3;
    const cap = Math.min(want, max + 4);
    if (cap <= written + 3) throw tooLarge(written + (text.length - read), max);
    view = inputBuffer(cap, written);
    const more = encoder.encodeInto(text.slice(read), view.subarray(written, cap));
    if (more.read === 0) throw tooLarge(written + (text.length - read), max);
    read += more.read;
    written += more.written;
  }
  return written;
}

/** `JSON.stringify` of an object input, or undefined where only the binding's slow path can say
 * what is wrong with it (cycles, BigInt, no JSON form). */
function stringifyInput(value) {
  try {
    const text = JSON.stringify(value);
    return typeof text === "string" ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The raw item objects of an object input, when its shape is the one the binding read. */
function rawObjects(input, layout, key, count) {
  const items = layout === LAYOUT_SINGLE ? [input] : layout === LAYOUT_ARRAY ? input : input?.[key];
  return Array.isArray(items) && items.length === count ? items : undefined;
}

/**
 * normalize (`form` "object"), normalizeJson ("text") or normalizeJsonBytes ("bytes") through
 * the input buffer; `slow` is the binding's own export with the same arguments, used for inputs
 * and names only it can describe.
 */
function fastNormalize(form, slow, provider, resource, input, options) {
  let text;
  let bytes;
  let object;
  if (typeof input === "string") text = input;
  else if (input instanceof Uint8Array) bytes = input;
  else if (input !== null && typeof input === "object" && !ArrayBuffer.isView(input)) {
    text = stringifyInput(input);
    object = input;
  }
  const max = limitOf(options);
  const code = (text === undefined && bytes === undefined) || max == null ? -1 : codeOf(provider, resource);
  // The options' JSON text, made before the input is written: a getter that calls paynorm
  // again then runs before this call's input is in the buffer (which it would overwrite).
  const optionsJson = options === undefined || options === null ? undefined : stringifyInput(options);
  if (code < 0 || (optionsJson === undefined && options !== undefined && options !== null)) {
    return slow(provider, resource, input, options);
  }
  let length;
  if (bytes !== undefined) {
    if (bytes.byteLength > max) throw tooLarge(bytes.byteLength, max);
    inputBuffer(bytes.byteLength, 0).set(bytes);
    length = bytes.byteLength;
  } else {
    if (text.length > max) throw tooLarge(text.length, max);
    length = writeString(text, max);
  }
  const bytesOut = form === "bytes";
  // Offsets into a text input come back in UTF-16 units; an all-ASCII text (as many bytes as
  // UTF-16 units) has them equal to byte offsets, which spares the binding a scan of the input.
  // (An object input's raw items are the caller's own objects, unless reading them finds
  // another shape than its JSON text had: then they are parsed from that text.)
  const utf16 = text !== undefined && length !== text.length;
  if (glue.__paynorm_run(code, length, (utf16 ? RUN_UTF16 : 0) | (bytesOut ? RUN_BYTES : 0), optionsJson) !== 0) fail();
  views();
  const outAt = io[IO_OUT_PTR];
  const outEnd = outAt + io[IO_OUT_LEN];
  // Bytes out: one copy out of wasm memory.
  if (bytesOut) return memory8.slice(outAt, outEnd);
  const out = decoder.decode(memory8.subarray(outAt, outEnd));
  const count = io[IO_HOLES_LEN];
  const json = form === "text";
  if (count === 0) return json ? out : JSON.parse(out);
  const holes = io[IO_HOLES_PTR] >>> 2;
  const layout = io[IO_LAYOUT];
  const raw = (spans, i) => {
    const start = spans[i + 1];
    const end = spans[i + 2];
    return bytes === undefined ? text.slice(start, end) : decoder.decode(bytes.subarray(start, end));
  };
  if (json) {
    // Text out. The holes are read in place: nothing here calls into wasm or into the caller's
    // code before they are used.
    const pieces = [];
    let from = 0;
    for (let i = holes; i < holes + count; i += 3) {
      pieces.push(out.slice(from, memory32[i]), raw(memory32, i));
      from = memory32[i] + 4; // past the `null` standing for remote_data
    }
    pieces.push(out.slice(from));
    return pieces.join("");
  }
  // Objects out. Reading an object input's items may run the caller's getters, which may call
  // paynorm again: the holes are copied out first.
  const spans = memory32.slice(holes, holes + count);
  const result = JSON.parse(out);
  const items = layout === LAYOUT_SINGLE ? [result] : result.result;
  const key = layout === LAYOUT_SINGLE || layout === LAYOUT_ARRAY ? undefined : decoder.decode(memory8.subarray(io[IO_KEY_PTR], io[IO_KEY_PTR] + io[IO_KEY_LEN]));
  const given = object === undefined ? undefined : rawObjects(object, layout, key, items.length);
  for (let n = 0; n < items.length; n++) {
    items[n].remote_data = given !== undefined ? given[n] : JSON.parse(raw(spans, n * 3));
  }
  return result;
}

let ready = false;
let broken = false; // a reset after a trap failed: retried on the next call
let loading; // the browser entry's pending async init

function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError || (error != null && error.name === "RuntimeError" && typeof error.message === "string");
}

function afterInstantiate() {
  ready = true;
  forgetViews();
  loading = undefined;
  if (typeof calls.limits === "function" && maxInputBytes === undefined) {
    try {
      const max = calls.limits()?.max_input_bytes;
      if (Number.isSafeInteger(max) && max > 0) maxInputBytes = max;
    } catch {
      // limits() is only a pre-check; the binding enforces its own limit anyway.
    }
  }
}

/** Instantiates synchronously from a WebAssembly.Module (any realm) or the .wasm bytes. */
function instantiateSync(source) {
  if (ready) return;
  if (source === undefined || source === null) {
    throw new NormalizeError(
      "internal_error",
      "paynorm is not initialized: call `await init()` once before the first call (browser / worker entry)",
    );
  }
  // The glue's initSync is patched by scripts/build.mjs to accept a module of another realm.
  glue.initSync({ module: isWasmModule(source) ? source : coerceBuffer(source) });
  afterInstantiate();
}

/**
 * The API of one entry. `load()` returns the compiled `WebAssembly.Module` or the `.wasm` bytes
 * synchronously (called once, on the first call that needs the instance), or is undefined where
 * only the asynchronous `init()` can load it (browser, worker).
 */
export function createApi(load) {
  const ensure = () => {
    if (!ready) instantiateSync(load?.());
    if (broken) {
      forgetViews();
      glue.__wbg_reset_state();
      broken = false;
    }
  };

  const wrap = (name, fn) => {
    const roles = ROLES[name];
    const call = function (...args) {
      for (let i = 0; i < args.length; i++) {
        const role = roles?.[i];
        try {
          args[i] = role ? CHECKS[role](args[i], role === "input" ? args[roles.indexOf("options")] : undefined) : coerceBuffer(args[i]);
        } catch (error) {
          if (error instanceof NormalizeError) throw error;
          // A revoked Proxy, a throwing getPrototypeOf trap...: refused here, before the glue.
          throw invalid(`${role ?? `argument ${i + 1}`} cannot be read (${error?.name ?? "exception"}: ${String(error?.message ?? error).split("\n")[0]})`);
        }
      }
      // A missing provider / resource is as wrong as a wrong one.
      for (let i = args.length; i < (roles?.length ?? 0); i++) {
        if (roles[i] === "provider" || roles[i] === "resource") CHECKS[roles[i]](undefined);
      }
      ensure();
      try {
        return fn(...args);
      } catch (error) {
        if (error instanceof NormalizeError) throw error;
        // Anything else that escapes the glue is a bug, and may have left the instance broken: a
        // trap, or a JS exception (e.g. "Maximum call stack size exceeded") that unwound through
        // wasm frames without restoring the wasm stack pointer. Rebuild the instance either way.
        let recovered = "the instance was re-instantiated; later calls work";
        try {
          forgetViews();
          glue.__wbg_reset_state();
        } catch (resetError) {
          broken = true; // the next call retries before touching the instance
          recovered = `re-instantiation failed (${resetError?.message}); the next call retries it`;
        }
        const what = isTrap(error) ? `WebAssembly trap: ${error.message}` : `${error?.name ?? "exception"}: ${error?.message ?? error}`;
        const err = new NormalizeError(
          "internal_error",
          `paynorm hit an internal error (${String(what).split("\n")[0]}); ${recovered}. Please report the input.`,
        );
        err.cause = error;
        throw err;
      }
    };
    Object.defineProperty(call, "name", { value: name });
    return call;
  };

  const api = {};
  for (const [name, fn] of Object.entries(calls)) {
    if (typeof fn !== "function" || NOT_WRAPPED.has(name) || name.startsWith("__")) continue;
    api[name] = wrap(name, fn);
  }
  if (hasFastPath) {
    api.normalize = wrap("normalize", (...args) => fastNormalize("object", calls.normalize, ...args));
    api.normalizeJson = wrap("normalizeJson", (...args) => fastNormalize("text", calls.normalizeJson, ...args));
  }
  if (hasFastPath) {
    api.normalizeJsonBytes = wrap("normalizeJsonBytes", (...args) => fastNormalize("bytes", calls.normalizeJsonBytes, ...args));
  }
  api.__paynorm_internal = {
    trap: wrap("__paynorm_trap", glue.__paynorm_trap),
    memoryPages: wrap("__paynorm_memory_pages", glue.__paynorm_memory_pages),
  };

  /**
   * Loads the wasm. Resolves at once where the instance is or can be made synchronously (node,
   * workerd, edge-light, deno entries). `input` (optional): a `WebAssembly.Module` (any realm),
   * the `.wasm` bytes, or (browser / worker) a URL, `Response` or a promise of one; by default the
   * entry's own way (`paynorm_bg.wasm` beside the module). Safe to call more than once.
   */
  api.init = function init(input) {
    if (ready) return Promise.resolve();
    try {
      if (input === undefined && load) {
        ensure();
        return Promise.resolve();
      }
      if (isWasmModule(input) || input instanceof ArrayBuffer || ArrayBuffer.isView(input) || toStringTag(input) === "[object ArrayBuffer]") {
        instantiateSync(input);
        return Promise.resolve();
      }
    } catch (error) {
      return Promise.reject(error);
    }
    loading ??= glue
      .default(input === undefined ? undefined : { module_or_path: input })
      .then(() => afterInstantiate())
      .catch((error) => {
        loading = undefined;
        throw error;
      });
    return loading;
  };
  return api;
}
