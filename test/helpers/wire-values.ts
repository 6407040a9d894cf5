/** Helpers of the tests that compare in-process copies with what the JSON-RPC wire gives. */
import { encodeJson } from '../../src/xenapi/wire/jsonrpc';
import type { XapiEncodable } from '../../src/xenapi/wire/values';

/** `v` after a trip through JSON-RPC text. */
export const viaText = (v: XapiEncodable): unknown => JSON.parse(encodeJson(v));

/** Every object reachable from `v`. */
export function objects(v: unknown, out = new Set<object>()): Set<object> {
  if (typeof v === 'object' && v !== null && !out.has(v)) {
    out.add(v);
    for (const x of Object.values(v)) objects(x, out);
  }
  return out;
}
