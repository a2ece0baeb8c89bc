// The Worker under test. `__PAYNORM__` is replaced by the path of the package's "workerd" export
// (resolved from the installed package's exports map) when the test writes this file out.
import { normalize, normalizeJson, normalizeJsonBytes, detect, constructEvent, NormalizeError } from "__PAYNORM__";

function fail(e) {
  if (e instanceof NormalizeError && e instanceof Error) {
    return Response.json({ code: e.code, message: e.message, path: e.path ?? null }, { status: 400 });
  }
  return Response.json({ code: "internal", message: String(e && e.stack ? e.stack : e) }, { status: 500 });
}

// Requests this instance has served: the robustness test reads it to prove every call hit the
// same instance (same module scope, same wasm instance).
let served = 0;

export default {
  async fetch(request, env) {
    served++;
    const response = await handle(request, env);
    const headers = new Headers(response.headers);
    headers.set("x-served", String(served));
    return new Response(response.body, { status: response.status, headers });
  },
};

async function handle(request, env) {
  const url = new URL(request.url);
  const provider = url.searchParams.get("provider") ?? "auto";
  const resource = url.searchParams.get("resource") ?? "auto";
  try {
    if (request.method === "POST" && url.pathname === "/normalize") {
      // Raw bytes in, unified JSON text out.
      const body = new Uint8Array(await request.arrayBuffer());
      return new Response(normalizeJson(provider, resource, body), {
        headers: { "content-type": "application/json" },
      });
    }
    if (request.method === "POST" && url.pathname === "/normalize-bytes") {
      // Raw bytes in, the unified JSON's UTF-8 bytes out (no JS string either way).
      const body = new Uint8Array(await request.arrayBuffer());
      return new Response(normalizeJsonBytes(provider, resource, body), {
        headers: { "content-type": "application/json" },
      });
    }
    if (request.method === "POST" && url.pathname === "/normalize-object") {
      // Parsed value in, plain objects out.
      return Response.json(normalize(provider, resource, await request.json()));
    }
    if (request.method === "POST" && url.pathname.startsWith("/webhook/")) {
      // Verify the signature on the raw body (never request.json()), then the unified event.
      const name = url.pathname.slice("/webhook/".length);
      const secret = env[`${name.toUpperCase()}_WEBHOOK_SECRET`];
      return Response.json(constructEvent(name, await request.text(), request.headers, secret));
    }
    if (request.method === "POST" && url.pathname === "/detect") {
      return Response.json(detect(await request.text()));
    }
    return new Response("not found", { status: 404 });
  } catch (e) {
    return fail(e);
  }
}
