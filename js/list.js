// `isList(result)`: whether a `normalize` result is a list (`{ result, next_cursor }`) rather than
// one customer / order / payment. Plain JS, no wasm: every entry re-exports it.
export function isList(value) {
  return value !== null && typeof value === "object" && Array.isArray(value.result) && "next_cursor" in value;
}
