import { handle } from "../../../lib/handle.js";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = (request) => handle(request, "nodejs");
export const POST = (request) => handle(request, "nodejs");
