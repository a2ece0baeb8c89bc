/** Vercel Edge / Next.js middleware entry: usable right after `import`, no await. */
export * from "./api.js";
export { default } from "./api.js";
