// Cloudflare Worker: provider payload in, unified JSON out.
//   POST /normalize?provider=stripe&resource=payments      body = the raw payload or webhook event
//   POST /webhooks/stripe (or razorpay, checkout)          a provider's webhook: the signature is
//                                                          verified on the raw body with the secret
//                                                          in env.<PROVIDER>_WEBHOOK_SECRET
//                                                          (`wrangler secret put STRIPE_WEBHOOK_SECRET`),
//                                                          then the unified event comes back
//   GET  /normalize?provider=auto&resource=auto&url=<url>  fetches the payload first (add your
//                                                          provider's Authorization header)
// paynorm's "workerd" entry instantiates the wasm once at module scope: every call is synchronous,
// and a bad payload is a NormalizeError that leaves the instance usable.
import { constructEvent, normalizeJson, NormalizeError } from "paynorm";

// The webhook route: read the raw body with request.text() (request.json() would re-serialize it,
// and re-serialized JSON never verifies), verify synchronously inside the wasm, act on the event.
async function webhook(provider, request, env) {
  const secret = env?.[`${provider.toUpperCase()}_WEBHOOK_SECRET`];
  if (!secret) return Response.json({ code: "not_configured", provider }, { status: 404 });
  try {
    const event = constructEvent(provider, await request.text(), request.headers, secret);
    // event.type: "payment.succeeded", "refund.created", ...; event.data: the unified payment.
    return Response.json({ received: true, id: event.id, type: event.type, data: event.data });
  } catch (e) {
    if (!(e instanceof NormalizeError)) throw e;
    return Response.json({ code: e.code, message: e.message }, { status: 400 });
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const hook = url.pathname.match(/^\/webhooks\/(stripe|razorpay|checkout)$/);
    if (hook && request.method === "POST") return webhook(hook[1], request, env);
    if (url.pathname !== "/normalize") return new Response("not found", { status: 404 });
    const provider = url.searchParams.get("provider") ?? "auto";
    const resource = url.searchParams.get("resource") ?? "auto";

    let body;
    if (request.method === "POST") {
      body = new Uint8Array(await request.arrayBuffer());
    } else if (url.searchParams.has("url")) {
      const upstream = await fetch(url.searchParams.get("url"), {
        headers: env?.PROVIDER_AUTH ? { authorization: env.PROVIDER_AUTH } : {},
      });
      if (!upstream.ok) return Response.json({ code: "upstream", status: upstream.status }, { status: 502 });
      body = new Uint8Array(await upstream.arrayBuffer());
    } else {
      return Response.json({ code: "usage", message: "POST a payload, or GET with ?url=" }, { status: 400 });
    }

    try {
      const options = url.searchParams.get("remote_data") === "false" ? { remote_data: false } : undefined;
      return new Response(normalizeJson(provider, resource, body, options), {
        headers: { "content-type": "application/json" },
      });
    } catch (e) {
      if (!(e instanceof NormalizeError)) throw e;
      return Response.json({ code: e.code, message: e.message, path: e.path ?? null }, { status: 400 });
    }
  },
};
