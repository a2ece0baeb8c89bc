// Shared by the Node.js route, the edge route and the middleware: the same import, the same call;
// the bundler picks paynorm's "node" or "edge-light" entry. No init(), no await, no wasm config.
import { normalize, normalizeJsonBytes, NormalizeError } from "paynorm";

export const SAMPLE = JSON.stringify({
  id: "pi_1", object: "payment_intent", amount: 5120, currency: "kwd", status: "succeeded", created: 1700000000,
});

export async function handle(request, runtime) {
  const url = new URL(request.url);
  const provider = url.searchParams.get("provider") ?? "auto";
  const resource = url.searchParams.get("resource") ?? "auto";
  if (request.method === "POST" && url.searchParams.has("bytes")) {
    // Bytes in, bytes out: the body is never a JS string (normalizeJsonBytes).
    try {
      const out = normalizeJsonBytes(provider, resource, new Uint8Array(await request.arrayBuffer()));
      return new Response(out, { headers: { "content-type": "application/json", "x-runtime": runtime } });
    } catch (e) {
      if (!(e instanceof NormalizeError)) throw e;
      return Response.json({ runtime, code: e.code, message: e.message }, { status: 400 });
    }
  }
  const body = request.method === "POST" ? await request.text() : SAMPLE;
  try {
    const out = normalize(provider, resource, body, {
      remote_data: false,
    });
    return Response.json({ runtime, out });
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    return Response.json({ runtime, code: e.code, message: e.message }, { status: 400 });
  }
}
