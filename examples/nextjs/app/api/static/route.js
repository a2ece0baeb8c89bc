// Prerendered by `next build` (force-static): paynorm runs at build time too.
import { normalize } from "paynorm";
import { SAMPLE } from "../../../lib/handle.js";

export const dynamic = "force-static";
export const GET = () => Response.json({ runtime: "static", out: normalize("stripe", "payments", SAMPLE, { remote_data: false }) });
