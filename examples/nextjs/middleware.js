// Next.js middleware (edge runtime): answers /mw itself with the unified payment.
import { handle } from "./lib/handle.js";

export const config = { matcher: "/mw" };

export function middleware(request) {
  return handle(request, "middleware");
}
