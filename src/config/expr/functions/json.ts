/**
 * JSON as cty reads and writes it: `jsonencode` sorts object keys, writes every digit of a
 * number and escapes like Go (`<`, `>`, `&`, U+2028, U+2029 as \u escapes); `jsondecode` keeps
 * numbers at full precision, NFC-normalises strings and lets a repeated key win.
 */
import { isInfinite } from '../../../values/bignum';
import { nfc } from '../../../values/strings';
import { isNumber, isObjectValue, ObjectValue, Value } from '../../../values/value';
import { EvalError, formatNumber, parseNumberText, sortedKeys } from '../value-ops';

const ESCAPE: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A JSON string literal with Go's encoding/json escaping. */
export function jsonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (c) => ESCAPE[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** JSON with object keys in lexical order, as Terraform's jsonencode writes it. */
export function jsonEncode(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(',')}]`;
  if (isNumber(v)) {
    if (isInfinite(v)) throw new EvalError('Error in function call', 'Call to function "jsonencode" failed: value: cannot serialize infinity as JSON.');
    return formatNumber(v);
  }
  if (isObjectValue(v)) return `{${sortedKeys(v).map((k) => `${jsonString(k)}:${jsonEncode(v[k])}`).join(',')}}`;
  if (typeof v === 'string') return jsonString(v);
  return JSON.stringify(v);
}

class JsonSyntax extends Error {}

// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Parses JSON text into a Value, numbers at full precision. */
export function jsonDecode(text: string): Value {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (msg?: string): never => { throw new JsonSyntax(msg ?? (i >= text.length ? 'unexpected end of JSON input' : `invalid character ${JSON.stringify(text[i])} looking for beginning of value`)); };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: ObjectValue = {};
      ws();
      if (text[i] === '}') { i++; return out; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const k = str();
        ws();
        if (text[i++] !== ':') fail();
        out[k] = value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return out; }
        fail();
      }
    }
    if (c === '[') {
      i++;
      const out: Value[] = [];
      ws();
      if (text[i] === ']') { i++; return out; }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return out; }
        fail();
      }
    }
    if (c === '"') return str();
    const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return fail();
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : parseNumberText(m[0]);
  };
  const str = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) return fail('invalid string literal');
    i += m[0].length;
    return nfc(JSON.parse(m[0]) as string);
  };
  const v = value();
  ws();
  if (i < text.length) throw new JsonSyntax(`extraneous data after JSON object`);
  return v;
}

export function jsondecodeFn(s: string): Value {
  if (s.trim() === '') throw new EvalError('Error in function call', 'Call to function "jsondecode" failed: EOF.');
  try {
    return jsonDecode(s);
  } catch (err) {
    if (err instanceof JsonSyntax) throw new EvalError('Error in function call', `Call to function "jsondecode" failed: ${err.message}.`);
    throw err;
  }
}
