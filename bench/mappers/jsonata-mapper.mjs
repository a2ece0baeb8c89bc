// The JSONata contender: mappers/payments.jsonata compiled once with Truto's runtime
// (@truto/truto-jsonata: jsonata plus Truto's helper functions, which is how Truto evaluates its
// unified-API mappings), evaluated per call. JSONata's evaluate is asynchronous.

import { readFileSync } from 'node:fs';
import trutoJsonata from '@truto/truto-jsonata';

const source = readFileSync(new URL('./payments.jsonata', import.meta.url), 'utf8');
const tables = JSON.parse(readFileSync(new URL('./payments.bindings.json', import.meta.url), 'utf8'));
const expression = trutoJsonata(source);
const bindings = {
  stripe: { ...tables, provider: 'stripe' },
  razorpay: { ...tables, provider: 'razorpay' },
};

export { source };

/** Object in, object out (a Promise). */
export function mapObject(provider, value) {
  return expression.evaluate(value, bindings[provider]);
}

/** JSON text in, JSON text out (a Promise). */
export async function mapText(provider, text) {
  return JSON.stringify(await expression.evaluate(JSON.parse(text), bindings[provider]));
}
