// The page: paste a payload, get the unified JSON. Runs once paynorm's wasm is loaded; every
// call after that is synchronous.
import { normalize, NormalizeError } from "paynorm";

const SAMPLE = {
  id: "pi_1", object: "payment_intent", amount: 5000, currency: "usd",
  status: "succeeded", created: 1700000000,
};

export function run() {
  const raw = document.getElementById("raw");
  const out = document.getElementById("out");
  const show = () => {
    try {
      out.textContent = JSON.stringify(normalize("auto", "auto", raw.value, { remote_data: false }), null, 2);
    } catch (e) {
      if (!(e instanceof NormalizeError)) throw e;
      out.textContent = `${e.code}: ${e.message}`;
    }
  };
  raw.value = JSON.stringify(SAMPLE, null, 2);
  document.getElementById("go").addEventListener("click", show);
  show();
}
