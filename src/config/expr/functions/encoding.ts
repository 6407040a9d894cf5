/**
 * Encoding functions: jsonencode/jsondecode (json.ts), base64, base64gzip, text encodings,
 * urlencode (Go's url.QueryEscape) and csvdecode (Go's encoding/csv).
 */
import { crc32, deflateRawSync, constants } from 'node:zlib';
import { ObjectValue, Value } from '../../../values/value';
import { nfc } from '../../../values/strings';
import { EvalError, toStr } from '../value-ops';
import { jsondecodeFn, jsonEncode } from './json';
import { fn, FunctionTable } from './registry';

export { jsonEncode, jsonString } from './json';

function failed(name: string, msg: string): EvalError {
  return new EvalError('Error in function call', `Call to function "${name}" failed: ${msg}.`);
}

export function strictUtf8(bytes: Buffer, what: string): string {
  try {
    return nfc(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new EvalError('Error in function call', `${what} is not valid UTF-8.`);
  }
}

/** gzip as Go's compress/gzip writes it: no name or time, OS "unknown", a sync-flushed stream. */
function goGzip(data: Buffer): Buffer {
  const body = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(crc32(data) >>> 0, 0);
  tail.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]), body, Buffer.from([1, 0, 0, 0xff, 0xff]), tail]);
}

const ENCODINGS: Record<string, BufferEncoding | 'utf-16be'> = {
  'UTF-8': 'utf8', UTF8: 'utf8', 'UTF-16LE': 'utf16le', 'UTF-16BE': 'utf-16be', 'ISO-8859-1': 'latin1', LATIN1: 'latin1', 'US-ASCII': 'ascii', ASCII: 'ascii',
};

function encoding(name: string, fnName: string): BufferEncoding | 'utf-16be' {
  const e = ENCODINGS[name.toUpperCase()];
  if (!e) throw new EvalError('Invalid function argument', `Invalid value for "encoding" parameter: "${name}" is not a supported IANA encoding name or alias in this Terraform version (in ${fnName}).`);
  return e;
}

/** Go's url.QueryEscape: letters, digits and -_.~ kept, space as +, everything else %XX. */
function queryEscape(s: string): string {
  return Array.from(Buffer.from(s, 'utf8'), (b) => {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
    if (c === ' ') return '+';
    return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** Records of Go's encoding/csv reader (RFC 4180 quoting, every record the header's width). */
function csvRecords(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw failed('csvdecode', `parse error on line ${rows.length + 1}, column ${i + 1}: extraneous or missing " in quoted-field`);
          if (text[i] === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            break;
          }
          field += text[i++];
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) field += text[i++];
      }
      row.push(field);
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      break;
    }
    rows.push(row);
  }
  return rows;
}

export const encodingFunctions: FunctionTable = {
  jsonencode: fn(1, 1, ([v]) => jsonEncode(v)),
  jsondecode: fn(1, 1, ([s]) => jsondecodeFn(toStr(s, 'str'))),
  base64encode: fn(1, 1, ([s]) => Buffer.from(toStr(s, 'str'), 'utf8').toString('base64')),
  base64decode: fn(1, 1, ([s]) => {
    const str = toStr(s, 'str');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(str) || str.length % 4 !== 0) throw failed('base64decode', 'failed to decode base64 data');
    return strictUtf8(Buffer.from(str, 'base64'), 'Call to function "base64decode" failed: the result of decoding the provided string');
  }),
  base64gzip: fn(1, 1, ([s]) => goGzip(Buffer.from(toStr(s, 'str'), 'utf8')).toString('base64')),
  textencodebase64: fn(2, 2, ([s, e]) => {
    const enc = encoding(toStr(e, 'encoding'), 'textencodebase64');
    const str = toStr(s, 'string');
    const bytes = enc === 'utf-16be' ? Buffer.from(str, 'utf16le').swap16() : Buffer.from(str, enc);
    return bytes.toString('base64');
  }),
  textdecodebase64: fn(2, 2, ([s, e]) => {
    const enc = encoding(toStr(e, 'encoding'), 'textdecodebase64');
    const bytes = Buffer.from(toStr(s, 'source'), 'base64');
    return nfc(enc === 'utf-16be' ? Buffer.from(bytes).swap16().toString('utf16le') : bytes.toString(enc));
  }),
  urlencode: fn(1, 1, ([s]) => queryEscape(toStr(s, 'str'))),
  csvdecode: fn(1, 1, ([s]) => {
    const rows = csvRecords(toStr(s, 'str'));
    if (rows.length === 0) throw failed('csvdecode', 'missing header line');
    const [header, ...data] = rows;
    return data.map((row, r) => {
      if (row.length !== header.length) throw failed('csvdecode', `record on line ${r + 2}: wrong number of fields`);
      const out: ObjectValue = {};
      header.forEach((h, i) => { out[h] = row[i]; });
      return out as Value;
    });
  }),
};
