/** Deno entry: usable right after `import`, no await, no permissions. */
export * from "./api.js";
export { default } from "./api.js";
