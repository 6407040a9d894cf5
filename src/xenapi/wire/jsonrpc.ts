/**
 * JSON-RPC as xapi's `/jsonrpc` endpoint speaks it (mirage/ocaml-rpc `jsonrpc.ml`,
 * xapi `api_server.ml`; reference/xenapi.md 1.3).
 *
 * - Version per request: no `jsonrpc` member = 1.0, `"2.0"` = 2.0, anything else is malformed.
 * - `params` is an array; `id` is present and non-null and echoed back.
 * - 1.0: `{"result": v, "error": null, "id": 7}` / `{"result": null, "error": [code, ...], "id": 7}`.
 * - 2.0: `{"jsonrpc": "2.0", "result": v, "id": 7}` /
 *   `{"jsonrpc": "2.0", "error": {"code": 1, "message": code, "data": [params]}, "id": 7}`.
 * Datetimes travel as xapi-format strings; {@link XmlRpcScalar} hints become plain numbers.
 */
import {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  DecodeLimits,
  WireFormatError,
  XapiEncodable,
  XapiOutcome,
  XapiValue,
  XmlRpcScalar,
  formatDateTime,
} from './values';

export * from './values';

export type JsonRpcVersion = '1.0' | '2.0';
export type JsonRpcId = string | number;

/** A decoded JSON-RPC request. */
export interface JsonRpcRequest {
  version: JsonRpcVersion;
  method: string;
  params: XapiValue[];
  id: JsonRpcId;
}

/** Thrown by {@link decodeJsonRpcRequest}; carries the `id` when it could be read, to echo it. */
export class JsonRpcRequestError extends WireFormatError {
  constructor(
    message: string,
    readonly id: JsonRpcId | null,
  ) {
    super(message);
    this.name = 'JsonRpcRequestError';
  }
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date) return formatDateTime(original);
  if (value instanceof XmlRpcScalar) return Number.isFinite(value.value) ? value.value : null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Nesting beyond which {@link isPlainJson} gives up (and the replacer is used) rather than recurse. */
const PLAIN_SCAN_MAX_DEPTH = 1000;

/**
 * True when `JSON.stringify(value)` gives the same text as `JSON.stringify(value, replacer)`:
 * only primitives, arrays and plain objects without `toJSON` (no `Date`, no {@link XmlRpcScalar}).
 * Non-finite numbers need no replacer (both forms write `null`). A replacer function costs a
 * call per key; a `get_all_records` reply of 10,000 VMs has millions of them, and the scan is
 * several times cheaper.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > PLAIN_SCAN_MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null && !isPlainJson(v, depth + 1)) return false;
    }
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const obj = value as Record<string, unknown>;
  if (typeof obj.toJSON === 'function') return false;
  for (const key in obj) {
    const v = obj[key];
    if (typeof v === 'object' && v !== null && !isPlainJson(v, depth + 1)) return false;
  }
  return true;
}

/** `JSON.stringify` with the wire replacer only when the value needs it (same text either way). */
function stringifyWire(value: unknown): string {
  return isPlainJson(value, 0) ? JSON.stringify(value) : JSON.stringify(value, replacer);
}

/** JSON text of a wire value: dates in xapi's format, hints dropped. */
export function encodeJson(value: XapiEncodable): string {
  return stringifyWire(value === undefined ? '' : value);
}

/** Encodes a request. Xen Orchestra always sends `id` 0 and version 2.0. */
export function encodeJsonRpcRequest(method: string, params: readonly XapiEncodable[], id: JsonRpcId = 0, version: JsonRpcVersion = '2.0'): string {
  const body = version === '2.0' ? { jsonrpc: '2.0', method, params, id } : { method, params, id };
  return stringifyWire(body);
}

/** Encodes a success response in the request's version; `undefined` (void) is sent as `""`. */
export function encodeJsonRpcSuccess(version: JsonRpcVersion, id: JsonRpcId | null, result: XapiEncodable): string {
  const r = result === undefined ? '' : result;
  return version === '2.0'
    ? stringifyWire({ jsonrpc: '2.0', result: r, id })
    : stringifyWire({ result: r, error: null, id });
}

/** Encodes a XenAPI failure `[code, ...params]`; 2.0 uses `code` 1 as xapi does. */
export function encodeJsonRpcFailure(version: JsonRpcVersion, id: JsonRpcId | null, errorDescription: readonly string[]): string {
  if (version === '2.0') {
    const [message = 'INTERNAL_ERROR', ...data] = errorDescription;
    return JSON.stringify({ jsonrpc: '2.0', error: { code: 1, message, data }, id });
  }
  return JSON.stringify({ result: null, error: errorDescription, id });
}

/** Above this limit {@link checkJsonDepth} walks with an explicit stack instead of recursing. */
const RECURSIVE_DEPTH_CHECK_LIMIT = 1000;

/**
 * Rejects structures nested deeper than `maxDepth`. Recursion is bounded by `maxDepth` (it
 * throws before going deeper), so for ordinary limits it recurses without allocating; for
 * limits above {@link RECURSIVE_DEPTH_CHECK_LIMIT} it walks with an explicit stack.
 */
export function checkJsonDepth(value: unknown, maxDepth: number = DEFAULT_MAX_DEPTH): void {
  if (typeof value !== 'object' || value === null) return;
  if (maxDepth <= RECURSIVE_DEPTH_CHECK_LIMIT) return depthRecursive(value, 0, maxDepth);
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d >= maxDepth) throw new WireFormatError(`JSON nested deeper than ${maxDepth} levels`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
    }
  }
}

function depthRecursive(v: object, d: number, maxDepth: number): void {
  if (d >= maxDepth) throw new WireFormatError(`JSON nested deeper than ${maxDepth} levels`);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const child: unknown = v[i];
      if (typeof child === 'object' && child !== null) depthRecursive(child, d + 1, maxDepth);
    }
    return;
  }
  const obj = v as Record<string, unknown>;
  for (const key in obj) {
    const child = obj[key];
    if (typeof child === 'object' && child !== null) depthRecursive(child, d + 1, maxDepth);
  }
}

function parseJson(text: string, limits: DecodeLimits): unknown {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  if (typeof text !== 'string') throw new WireFormatError('JSON-RPC input is not text');
  if (text.length > maxLength) throw new WireFormatError(`JSON document too large (${text.length} > ${maxLength} characters)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new WireFormatError(`malformed JSON: ${(err as Error).message}`);
  }
  checkJsonDepth(parsed, limits.maxDepth ?? DEFAULT_MAX_DEPTH);
  return parsed;
}

/** Decodes and validates a request body as xapi does. */
export function decodeJsonRpcRequest(text: string, limits: DecodeLimits = {}): JsonRpcRequest {
  let parsed: unknown;
  try {
    parsed = parseJson(text, limits);
  } catch (err) {
    throw new JsonRpcRequestError((err as Error).message, null);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new JsonRpcRequestError('JSON-RPC request must be an object', null);
  }
  const req = parsed as Record<string, unknown>;
  const rawId = req.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
  let version: JsonRpcVersion;
  if (!('jsonrpc' in req)) version = '1.0';
  else if (req.jsonrpc === '2.0') version = '2.0';
  else throw new JsonRpcRequestError('JSON-RPC "jsonrpc" member must be "2.0" or absent', id);
  if (id === null) throw new JsonRpcRequestError('JSON-RPC request needs a non-null "id" (string or number)', null);
  if (typeof req.method !== 'string' || req.method === '') throw new JsonRpcRequestError('JSON-RPC "method" must be a non-empty string', id);
  const params = req.params === undefined ? [] : req.params;
  if (!Array.isArray(params)) throw new JsonRpcRequestError('JSON-RPC "params" must be an array', id);
  return { version, method: req.method, params: params as XapiValue[], id };
}

/**
 * Decodes a response in either version to the XenAPI outcome. A 2.0 error becomes
 * `[message, ...data]`; a 1.0 error array is taken as is.
 */
export function decodeJsonRpcResponse(text: string, limits: DecodeLimits = {}): XapiOutcome & { id: JsonRpcId | null } {
  const parsed = parseJson(text, limits);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new WireFormatError('JSON-RPC response must be an object');
  const res = parsed as Record<string, unknown>;
  const id = typeof res.id === 'string' || typeof res.id === 'number' ? res.id : null;
  const error = res.error;
  if (error !== undefined && error !== null) {
    if (Array.isArray(error)) return { ok: false, error: error.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))), id };
    if (typeof error === 'object') {
      const e = error as Record<string, unknown>;
      if (typeof e.message !== 'string') throw new WireFormatError('JSON-RPC error object needs a string "message"');
      const data = Array.isArray(e.data) ? e.data : e.data === undefined ? [] : [e.data];
      return { ok: false, error: [e.message, ...data.map((d) => (typeof d === 'string' ? d : JSON.stringify(d)))], id };
    }
    throw new WireFormatError('JSON-RPC "error" must be an array or an object');
  }
  if (!('result' in res)) throw new WireFormatError('JSON-RPC response has neither "result" nor "error"');
  return { ok: true, value: res.result as XapiValue, id };
}
