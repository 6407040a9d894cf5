/**
 * `yamlencode` as go-cty-yaml writes YAML: block style, keys sorted, strings double-quoted
 * (multi-line ones as literal blocks `|`, `|-`, `|+`), sequences inside mappings not indented,
 * and a `...` document end after a lone plain scalar.
 */
import { isInfinite } from '../../../values/bignum';
import { isNumber, isObjectValue, Value } from '../../../values/value';
import { EvalError, formatNumber, sortedKeys } from '../value-ops';

const ESC: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };

function quoted(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/[\u0000-\u001f"\\\u007f\u0085\u00a0\u2028\u2029\ufeff]/g, (c) => ESC[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))}"`;
}

/** A literal block is possible for text with line breaks and nothing that needs escaping. */
function literalBlock(s: string, indent: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (!s.includes('\n') || /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s) || /^[ \n]/.test(s) || / \n|\n /.test(s.replace(/\n+$/, '')) && / $/m.test(s)) return undefined;
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = s.replace(/\n+$/, '');
  const lines = body.split('\n').map((l) => (l === '' ? '' : indent + l));
  return `|${chomp}\n${lines.join('\n')}${'\n'.repeat(Math.max(1, trailing))}`;
}

function scalar(v: Value, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isNumber(v)) {
    if (isInfinite(v)) return (v as number) > 0 ? '+.Inf' : '-.Inf';
    return formatNumber(v);
  }
  const s = v as string;
  return literalBlock(s, indent) ?? quoted(s);
}

function isEmptyOrScalar(v: Value): boolean {
  return !(Array.isArray(v) && v.length > 0) && !(isObjectValue(v) && Object.keys(v).length > 0);
}

function inline(v: Value, indent: string): string {
  if (Array.isArray(v)) return '[]';
  if (isObjectValue(v)) return '{}';
  return scalar(v, indent);
}

/** Lines of a block node at `indent`; the first line has no indent (the caller placed it). */
function block(v: Value, indent: string): string {
  if (Array.isArray(v)) {
    return v.map((x, i) => {
      const lead = i === 0 ? '' : indent;
      if (isEmptyOrScalar(x)) return `${lead}- ${lineEnd(inline(x, indent + '  '))}`;
      return `${lead}- ${block(x, indent + '  ')}`;
    }).join('');
  }
  const obj = v as Record<string, Value>;
  return sortedKeys(obj).map((k, i) => {
    const lead = i === 0 ? '' : indent;
    const x = obj[k];
    const key = quoted(k);
    if (isEmptyOrScalar(x)) return `${lead}${key}: ${lineEnd(inline(x, indent + '  '))}`;
    if (Array.isArray(x)) return `${lead}${key}:\n${indent}${block(x, indent)}`;
    return `${lead}${key}:\n${indent}  ${block(x, indent + '  ')}`;
  }).join('');
}

function lineEnd(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

export function yamlEncode(v: Value): string {
  if (isEmptyOrScalar(v)) {
    const s = lineEnd(inline(v, '  '));
    const plain = v === null || typeof v === 'boolean' || isNumber(v);
    if (isNumber(v) && isInfinite(v)) throw new EvalError('Error in function call', 'Call to function "yamlencode" failed: cannot serialize infinity.');
    return plain ? `${s}...\n` : s;
  }
  return block(v, '');
}
