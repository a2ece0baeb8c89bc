// Server code built by `vite build --ssr` and run with `node dist-ssr/server.js`.
import init, { normalize, NormalizeError } from "paynorm";

await init(); // resolves at once in Node; here because the same code runs in the browser build
const body = process.argv[2] ?? '{"id":"pay_1","entity":"payment","amount":50000,"currency":"INR","status":"captured","method":"upi","created_at":1700000000}';
try {
  console.log(JSON.stringify(normalize("auto", "auto", body, { remote_data: false })));
} catch (e) {
  if (!(e instanceof NormalizeError)) throw e;
  console.log(JSON.stringify({ code: e.code }));
}
