// Shared by the Node.js route, the edge route and the middleware: the same import, the same call;
// the bundler picks paynorm's "node" or "edge-light" entry. No init(), no await, no wasm config.
import { normalize, NormalizeError } from "paynorm";

export const SAMPLE = JSON.stringify({
  id: "pi_1", object: "payment_intent", amount: 5120, currency: "kwd", status: "succeeded", created: 1700000000,
});

export async function handle(request, runtime) {
  const url = new URL(request.url);
  const body = request.method === "POST" ? await request.text() : SAMPLE;
  try {
    const out = normalize(url.searchParams.get("provider") ?? "auto", url.searchParams.get("resource") ?? "auto", body, {
      remote_data: false,
    });
    return Response.json({ runtime, out });
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    return Response.json({ runtime, code: e.code, message: e.message }, { status: 400 });
  }
}
