import { handle } from "../../../lib/handle.js";

export const runtime = "edge";
export const dynamic = "force-dynamic";
export const GET = (request) => handle(request, "edge");
export const POST = (request) => handle(request, "edge");
