// Cloudflare Worker: provider payload in, unified JSON out.
//   POST /normalize?provider=stripe&resource=payments      body = the raw payload or webhook event
//   GET  /normalize?provider=auto&resource=auto&url=<url>  fetches the payload first (add your
//                                                          provider's Authorization header)
// paynorm's "workerd" entry instantiates the wasm once at module scope: every call is synchronous,
// and a bad payload is a NormalizeError that leaves the instance usable.
import { normalizeJson, NormalizeError } from "paynorm";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
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
