/**
 * XML-RPC as xapi speaks it (mirage/ocaml-rpc `xmlrpc.ml`; reference/xenapi.md 1.2).
 *
 * Output is compact (one line, no whitespace between elements: Xen Orchestra's parser breaks on
 * any), prefixed by `<?xml version="1.0"?>`, strings bare inside `<value>`, integers as bare
 * decimal text unless asked otherwise, `<boolean>1|0</boolean>`, `<double>`, and
 * `<dateTime.iso8601>YYYYMMDDTHH:MM:SSZ`. Input is parsed with saxes, tolerating the whitespace
 * Python's `xmlrpc.client` emits and every scalar tag xapi accepts; malformed or hostile input
 * (DOCTYPE, too deep, too long) is rejected with a {@link WireFormatError}.
 */
import { SaxesParser } from 'saxes';
import {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  DecodeLimits,
  WireFormatError,
  XapiEncodable,
  XapiOutcome,
  XapiStruct,
  XapiValue,
  XmlRpcScalar,
  formatDateTime,
  parseDateTime,
  setOwn,
  unwrapEnvelope,
} from './values';

export * from './values';

/** How plain integral numbers are written. xapi writes `int` as bare text (`'string'`). */
export type IntEncoding = 'string' | 'i4' | 'int' | 'i8';

export interface XmlRpcEncodeOptions {
  /** Encoding of integral JS numbers without an {@link XmlRpcScalar} hint. Default `'string'`. */
  ints?: IntEncoding;
}

const XML_PROLOG = '<?xml version="1.0"?>';
// Characters XML 1.0 cannot carry (control chars other than TAB/LF/CR, lone surrogates,
// U+FFFE/U+FFFF): xapi drops them, so do we.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NEEDS_ESCAPE = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Escapes text for element content: `& < > "` as xapi does, plus CR so parsers keep it. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new WireFormatError(`XML-RPC cannot encode the number ${n}`);
  return String(n);
}

// String concatenation (V8 ropes) is much faster than array joins for multi-megabyte replies.
function enc(v: XapiEncodable, ints: IntEncoding, depth: number): string {
  if (depth > DEFAULT_MAX_DEPTH) throw new WireFormatError('XML-RPC encode: value nested too deeply');
  if (v === undefined || v === null) {
    // xapi never sends nil for XenAPI values; `undefined` (void) is the empty string.
    return v === null ? '<value><nil/></value>' : '<value></value>';
  }
  switch (typeof v) {
    case 'string':
      return '<value>' + escapeXml(v) + '</value>';
    case 'number':
      if (Number.isInteger(v)) return ints === 'string' ? '<value>' + formatNumber(v) + '</value>' : `<value><${ints}>${formatNumber(v)}</${ints}></value>`;
      return '<value><double>' + formatNumber(v) + '</double></value>';
    case 'boolean':
      return v ? '<value><boolean>1</boolean></value>' : '<value><boolean>0</boolean></value>';
  }
  if (v instanceof Date) return '<value><dateTime.iso8601>' + formatDateTime(v) + '</dateTime.iso8601></value>';
  if (v instanceof XmlRpcScalar) {
    const text = v.tag === 'double' ? formatNumber(v.value) : formatNumber(Math.trunc(v.value));
    return `<value><${v.tag}>` + text + `</${v.tag}></value>`;
  }
  let out: string;
  if (Array.isArray(v)) {
    out = '<value><array><data>';
    for (const item of v as readonly XapiEncodable[]) out += enc(item, ints, depth + 1);
    return out + '</data></array></value>';
  }
  out = '<value><struct>';
  const obj = v as { readonly [key: string]: XapiEncodable };
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    const member = obj[key];
    if (member === undefined) continue;
    out += '<member><name>' + escapeXml(key) + '</name>' + enc(member, ints, depth + 1) + '</member>';
  }
  return out + '</struct></value>';
}

function encodeInto(out: string[], v: XapiEncodable, ints: IntEncoding, depth: number): void {
  out.push(enc(v, ints, depth));
}

/** Encodes one `<value>…</value>` fragment (what xapi stores in a task's `result`). */
export function encodeValue(v: XapiEncodable, opts: XmlRpcEncodeOptions = {}): string {
  const out: string[] = [];
  encodeInto(out, v, opts.ints ?? 'string', 0);
  return out.join('');
}

/** Encodes a `methodCall` document. */
export function encodeMethodCall(method: string, params: readonly XapiEncodable[], opts: XmlRpcEncodeOptions = {}): string {
  const out: string[] = [XML_PROLOG, '<methodCall><methodName>', escapeXml(method), '</methodName><params>'];
  const ints = opts.ints ?? 'string';
  for (const p of params) {
    out.push('<param>');
    encodeInto(out, p, ints, 0);
    out.push('</param>');
  }
  out.push('</params></methodCall>');
  return out.join('');
}

/** Encodes a successful `methodResponse` carrying `value` (wrap XenAPI results in an envelope first). */
export function encodeMethodResponse(value: XapiEncodable, opts: XmlRpcEncodeOptions = {}): string {
  const out: string[] = [XML_PROLOG, '<methodResponse><params><param>'];
  encodeInto(out, value, opts.ints ?? 'string', 0);
  out.push('</param></params></methodResponse>');
  return out.join('');
}

/** Encodes an XML-RPC `<fault>` (xapi never sends one; here for completeness and tests). */
export function encodeFault(code: number, message: string): string {
  const out: string[] = [XML_PROLOG, '<methodResponse><fault>'];
  encodeInto(out, { faultCode: new XmlRpcScalar('int', code), faultString: message }, 'int', 0);
  out.push('</fault></methodResponse>');
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** A decoded `methodCall`. */
export interface XmlRpcCall {
  method: string;
  params: XapiValue[];
}

/** A decoded `methodResponse`: a value, or an XML-RPC fault. */
export type XmlRpcResponse = { kind: 'value'; value: XapiValue } | { kind: 'fault'; code: number; message: string };

interface Frame {
  name: string;
  text: string;
  /** value frames: the typed child value, when there was a typed child. */
  value?: XapiValue;
  hasChild: boolean;
  items?: XapiValue[];
  struct?: XapiStruct;
  memberName?: string;
  memberValue?: XapiValue;
  params?: XapiValue[];
  methodName?: string;
  fault?: XapiValue;
}

const SCALARS = new Set(['i4', 'int', 'i8', 'double', 'boolean', 'string', 'dateTime.iso8601', 'base64', 'nil']);
/** Allowed children per element; `#text` means the element carries text. */
const CHILDREN_LISTS: Record<string, readonly string[]> = {
  '#root': ['methodCall', 'methodResponse', 'value'],
  methodCall: ['methodName', 'params'],
  methodResponse: ['params', 'fault'],
  methodName: ['#text'],
  params: ['param'],
  param: ['value'],
  fault: ['value'],
  value: ['#text', ...SCALARS, 'struct', 'array'],
  struct: ['member'],
  member: ['name', 'value'],
  name: ['#text'],
  array: ['data'],
  data: ['value'],
};
for (const s of SCALARS) CHILDREN_LISTS[s] = ['#text'];
const CHILDREN: Record<string, ReadonlySet<string>> = Object.fromEntries(Object.entries(CHILDREN_LISTS).map(([k, v]) => [k, new Set(v)]));

function scalarValue(tag: string, text: string): XapiValue {
  switch (tag) {
    case 'i4':
    case 'int':
    case 'i8': {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t)) throw new WireFormatError(`XML-RPC <${tag}> holds a non-integer: ${JSON.stringify(t.slice(0, 40))}`);
      return Number(t);
    }
    case 'double': {
      const t = text.trim();
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) {
        if (/^[+-]?(inf|infinity|nan)$/i.test(t)) return t.toLowerCase().includes('nan') ? NaN : t.startsWith('-') ? -Infinity : Infinity;
        throw new WireFormatError(`XML-RPC <double> holds a non-number: ${JSON.stringify(t.slice(0, 40))}`);
      }
      return n;
    }
    case 'boolean': {
      const t = text.trim();
      if (t === '1') return true;
      if (t === '0') return false;
      throw new WireFormatError(`XML-RPC <boolean> must be 1 or 0, got ${JSON.stringify(t.slice(0, 40))}`);
    }
    case 'dateTime.iso8601': {
      const d = parseDateTime(text);
      if (!d) throw new WireFormatError(`XML-RPC <dateTime.iso8601> is not a datetime: ${JSON.stringify(text.slice(0, 40))}`);
      return d;
    }
    case 'base64':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'nil':
      return null;
    default:
      return text;
  }
}

type Root = { kind: 'call'; call: XmlRpcCall } | { kind: 'response'; response: XmlRpcResponse } | { kind: 'value'; value: XapiValue };

/** Parses an XML-RPC document (methodCall, methodResponse or a bare `<value>` fragment). */
function parseDocument(xml: string, limits: DecodeLimits = {}): Root {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (typeof xml !== 'string') throw new WireFormatError('XML-RPC input is not text');
  if (xml.length > maxLength) throw new WireFormatError(`XML-RPC document too large (${xml.length} > ${maxLength} characters)`);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [{ name: '#root', text: '', hasChild: false }];
  let result: Root | undefined;
  let failure: WireFormatError | undefined;
  const fail = (msg: string): never => {
    throw new WireFormatError(`${msg} (line ${parser.line}, column ${parser.column})`);
  };

  parser.on('error', (err) => {
    failure ??= new WireFormatError(`malformed XML: ${err.message.replace(/^.*?:\d+:\d+: /, '')}`);
    throw failure;
  });
  parser.on('doctype', () => fail('XML-RPC document must not have a DOCTYPE'));
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    const allowed = CHILDREN[parent.name];
    if (!allowed || !allowed.has(tag.name)) fail(`unexpected <${tag.name}> inside <${parent.name === '#root' ? 'document' : parent.name}>`);
    if (parent.name === '#root' && parent.hasChild) fail('more than one root element');
    if (parent.name === 'value' && parent.hasChild) fail('<value> holds more than one element');
    if (parent.name === 'value' && parent.text.trim() !== '') fail('<value> mixes text and elements');
    parent.hasChild = true;
    if (stack.length > maxDepth) fail(`XML-RPC document nested deeper than ${maxDepth} levels`);
    const frame: Frame = { name: tag.name, text: '', hasChild: false };
    if (tag.name === 'struct') frame.struct = {};
    else if (tag.name === 'array' || tag.name === 'data') frame.items = [];
    else if (tag.name === 'params') frame.params = [];
    stack.push(frame);
  });
  const onText = (text: string): void => {
    const top = stack[stack.length - 1];
    const allowed = CHILDREN[top.name];
    if (allowed && allowed.has('#text')) {
      if (top.name === 'value' && top.hasChild) {
        if (text.trim() !== '') fail('<value> mixes text and elements');
        return;
      }
      top.text += text;
    } else if (text.trim() !== '') {
      fail(`unexpected text inside <${top.name === '#root' ? 'document' : top.name}>`);
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1];
    let value: XapiValue | undefined;
    switch (tag.name) {
      case 'value':
        value = frame.hasChild ? frame.value! : frame.text;
        if (parent.name === 'param') parent.value = value;
        else if (parent.name === 'data') parent.items!.push(value);
        else if (parent.name === 'member') {
          if (parent.memberValue !== undefined) fail('<member> has two values');
          parent.memberValue = value;
        } else if (parent.name === 'fault') parent.fault = value;
        else if (parent.name === '#root') result = { kind: 'value', value };
        break;
      case 'struct':
        parent.value = frame.struct!;
        break;
      case 'array':
        parent.value = frame.items ?? [];
        break;
      case 'data':
        parent.items = frame.items;
        break;
      case 'member':
        if (frame.memberName === undefined || frame.memberValue === undefined) fail('<member> needs a <name> and a <value>');
        setOwn(parent.struct as Record<string, unknown>, frame.memberName!, frame.memberValue);
        break;
      case 'name':
        if (parent.memberName !== undefined) fail('<member> has two names');
        parent.memberName = frame.text;
        break;
      case 'methodName':
        parent.methodName = frame.text.trim();
        break;
      case 'param':
        if (!frame.hasChild) fail('<param> needs a <value>');
        parent.params!.push(frame.value!);
        break;
      case 'params':
        parent.params = frame.params;
        break;
      case 'fault':
        if (frame.fault === undefined) fail('<fault> needs a <value>');
        parent.fault = frame.fault;
        break;
      case 'methodCall':
        if (!frame.methodName) fail('<methodCall> needs a non-empty <methodName>');
        result = { kind: 'call', call: { method: frame.methodName!, params: frame.params ?? [] } };
        break;
      case 'methodResponse':
        if (frame.fault !== undefined) {
          const f = frame.fault as XapiStruct;
          const code = typeof f === 'object' && f !== null ? Number(f.faultCode) : NaN;
          result = { kind: 'response', response: { kind: 'fault', code: Number.isFinite(code) ? code : 0, message: String((f as XapiStruct)?.faultString ?? '') } };
        } else {
          const ps = frame.params ?? [];
          if (ps.length !== 1) fail(`<methodResponse> must carry exactly one <param>, found ${ps.length}`);
          result = { kind: 'response', response: { kind: 'value', value: ps[0] } };
        }
        break;
      default:
        if (SCALARS.has(tag.name)) parent.value = scalarValue(tag.name, frame.text);
    }
  });

  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof WireFormatError) throw err;
    throw new WireFormatError(`malformed XML: ${(err as Error).message}`);
  }
  if (failure) throw failure;
  if (!result) throw new WireFormatError('XML-RPC document has no root element');
  return result;
}

/** Decodes a `methodCall`. Throws {@link WireFormatError} on anything else. */
export function decodeMethodCall(xml: string, limits?: DecodeLimits): XmlRpcCall {
  const doc = parseDocument(xml, limits);
  if (doc.kind !== 'call') throw new WireFormatError('expected an XML-RPC <methodCall>');
  return doc.call;
}

/** Decodes a `methodResponse` (value or fault). */
export function decodeMethodResponse(xml: string, limits?: DecodeLimits): XmlRpcResponse {
  const doc = parseDocument(xml, limits);
  if (doc.kind !== 'response') throw new WireFormatError('expected an XML-RPC <methodResponse>');
  return doc.response;
}

/** Decodes a `<value>…</value>` fragment, e.g. a task `result`. The empty string decodes to `""`. */
export function decodeValue(xml: string, limits?: DecodeLimits): XapiValue {
  if (xml.trim() === '') return '';
  const doc = parseDocument(xml, limits);
  if (doc.kind !== 'value') throw new WireFormatError('expected an XML-RPC <value> fragment');
  return doc.value;
}

/**
 * Decodes an XenAPI XML-RPC response all the way to the outcome: success value or
 * `[code, ...params]`. An XML-RPC `<fault>` becomes `["XMLRPC_FAULT", code, message]`.
 */
export function decodeXapiResponse(xml: string, limits?: DecodeLimits): XapiOutcome {
  const r = decodeMethodResponse(xml, limits);
  if (r.kind === 'fault') return { ok: false, error: ['XMLRPC_FAULT', String(r.code), r.message] };
  return unwrapEnvelope(r.value);
}
