import type { ErrorCode } from "./paynorm.js";

/** What every paynorm call throws. */
export declare class NormalizeError extends Error {
  constructor(code: ErrorCode, message: string, path?: string);
  readonly name: "NormalizeError";
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** JSON path into the input (`$.data[3].amount`), or undefined when no single place is to blame. */
  readonly path: string | undefined;
}
