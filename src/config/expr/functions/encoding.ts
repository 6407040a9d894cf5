/** Encoding and file functions: jsonencode, jsondecode, base64encode, base64decode, file. */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isObjectValue, Value } from '../../../values/value';
import { EvalError, sortedKeys, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

/** JSON with object keys in lexical order, as Terraform's jsonencode writes it. */
export function jsonEncode(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(',')}]`;
  if (isObjectValue(v)) return `{${sortedKeys(v).map((k) => `${JSON.stringify(k)}:${jsonEncode(v[k])}`).join(',')}}`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EvalError('Error in function call', 'Call to function "jsonencode" failed: the number is not finite.');
    return JSON.stringify(v);
  }
  return JSON.stringify(v);
}

function strictUtf8(bytes: Buffer, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new EvalError('Error in function call', `${what} is not valid UTF-8.`);
  }
}

export const encodingFunctions: FunctionTable = {
  jsonencode: fn(1, 1, ([v]) => jsonEncode(v)),
  jsondecode: fn(1, 1, ([s]) => {
    try {
      return JSON.parse(toStr(s, 'str')) as Value;
    } catch (err) {
      throw new EvalError('Error in function call', `Call to function "jsondecode" failed: ${(err as Error).message}.`);
    }
  }),
  base64encode: fn(1, 1, ([s]) => Buffer.from(toStr(s, 'str'), 'utf8').toString('base64')),
  base64decode: fn(1, 1, ([s]) => {
    const str = toStr(s, 'str');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(str) || str.length % 4 !== 0) {
      throw new EvalError('Error in function call', 'Call to function "base64decode" failed: the string is not valid base64.');
    }
    return strictUtf8(Buffer.from(str, 'base64'), 'Call to function "base64decode" failed: the decoded result');
  }),
  urlencode: fn(1, 1, ([s]) => encodeURIComponent(toStr(s, 'str')).replace(/%20/g, '+')),
  file: fn(1, 1, ([p], ctx) => {
    const path = toStr(p, 'path');
    const full = isAbsolute(path) ? path : join(ctx.baseDir, path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new EvalError('Invalid function argument', code === 'ENOENT' ? `Invalid value for "path" parameter: no file exists at ${JSON.stringify(path)}.` : `Invalid value for "path" parameter: cannot read ${JSON.stringify(path)}: ${(err as Error).message}.`);
    }
    return strictUtf8(bytes, `The contents of ${path}`);
  }),
};
