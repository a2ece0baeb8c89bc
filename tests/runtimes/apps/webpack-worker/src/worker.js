import init, { normalize, NormalizeError } from "paynorm";

const ready = init();
self.onmessage = async ({ data }) => {
  await ready;
  try {
    self.postMessage({ ok: normalize("auto", "auto", data, { remote_data: false }) });
  } catch (e) {
    self.postMessage({ code: e instanceof NormalizeError ? e.code : `not a NormalizeError: ${e}` });
  }
};
