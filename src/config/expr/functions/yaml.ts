/**
 * `yamlencode` (yaml-encode.ts) and `yamldecode`, which reads YAML the way go-cty-yaml does:
 * YAML 1.1 scalars (`yes`/`on` are true, `0x10` is 16, timestamps become RFC 3339 strings) but
 * leading-zero integers are decimal, numbers keep every digit, and one document only.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { ObjectValue, Value } from '../../../values/value';
import { EvalError, parseNumberText, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';
import { yamlEncode } from './yaml-encode';

function failed(msg: string): EvalError {
  return new EvalError('Error in function call', `Call to function "yamldecode" failed: ${msg}.`);
}

/** A plain scalar that YAML 1.1 reads as a number, from its source text. */
function number(source: string, parsed: number | bigint): Value {
  const t = source.replace(/_/g, '');
  const sign = t.startsWith('-') ? -1n : 1n;
  const body = t.replace(/^[+-]/, '');
  if (/^0x[0-9a-f]+$/i.test(body)) return parseNumberText(String(sign * BigInt(body)));
  if (/^0b[01]+$/i.test(body)) return parseNumberText(String(sign * BigInt(body)));
  if (/^\d+$/.test(body)) return parseNumberText(String(sign * BigInt(body)));
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return parseNumberText(t.replace(/^\+/, ''));
  return typeof parsed === 'bigint' ? parseNumberText(String(parsed)) : parsed;
}

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

function toValue(node: Node | null | undefined): Value {
  if (!node) return null;
  if (isMap(node)) {
    const out: ObjectValue = {};
    for (const pair of node.items) {
      const k = toValue(pair.key as Node);
      out[k === null ? 'null' : toStr(k)] = toValue(pair.value as Node);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((x) => toValue(x as Node));
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return rfc3339(v);
    if (typeof v === 'number' || typeof v === 'bigint') {
      if (typeof v === 'number' && !Number.isFinite(v)) return v;
      return node.type === 'PLAIN' && typeof node.source === 'string' ? number(node.source, v) : typeof v === 'bigint' ? parseNumberText(String(v)) : v;
    }
    if (typeof v === 'boolean' || typeof v === 'string') return v;
    return String(v);
  }
  throw failed('unsupported YAML node');
}

export function yamlDecode(src: string): Value {
  let docs;
  try {
    docs = parseAllDocuments(src, { version: '1.1', intAsBigInt: true, keepSourceTokens: false });
  } catch (err) {
    throw failed((err as Error).message);
  }
  if (!Array.isArray(docs) || docs.length === 0) throw failed('the source holds no YAML document');
  if (docs.length > 1) throw failed('on line 1, column 1: unexpected extra content after value');
  const doc = docs[0];
  if (!doc) return null;
  if (doc.errors.length > 0) throw failed(doc.errors[0].message.split('\n')[0]);
  return toValue(doc.contents as Node);
}

export const yamlFunctions: FunctionTable = {
  yamlencode: fn(1, 1, ([v]) => yamlEncode(v)),
  yamldecode: fn(1, 1, ([s]) => yamlDecode(toStr(s, 'src'))),
};
