/**
 * The recording proxy's HTTP framing (bench/http-framing.ts): whatever way the bytes of a
 * keep-alive connection are cut into reads, it finds the same messages, heads and bodies as
 * were written (Content-Length, chunked, no body, a reply read until the connection ends).
 */
import fc from 'fast-check';
import { HttpFramer, type Head } from '../bench/http-framing';

type Message = { first: string; body: string; framing: 'length' | 'chunked' | 'none' | 'until-close'; chunks: number[] };

const message = (kind: 'request' | 'response'): fc.Arbitrary<Message> => fc.record({
  first: kind === 'request' ? fc.constantFrom('POST', 'PUT', 'GET') : fc.constantFrom('200', '500', '204'),
  body: fc.string({ maxLength: 300 }),
  framing: fc.constantFrom('length', 'chunked', 'none'),
  chunks: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }),
}).map((m) => (m.first === '204' || m.first === 'GET' || m.framing === 'none' ? { ...m, body: '', framing: kind === 'response' && m.first !== '204' ? 'length' as const : 'none' as const } : m));

function wire(kind: 'request' | 'response', m: Message): Buffer {
  const start = kind === 'request' ? `${m.first} /jsonrpc HTTP/1.1` : `HTTP/1.1 ${m.first} X`;
  const body = Buffer.from(m.body, 'utf8');
  if (m.framing === 'none' || m.framing === 'until-close') return Buffer.concat([Buffer.from(`${start}\r\nHost: x\r\n\r\n`), body]);
  if (m.framing === 'length') return Buffer.concat([Buffer.from(`${start}\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  const parts: Buffer[] = [Buffer.from(`${start}\r\nTransfer-Encoding: chunked\r\n\r\n`)];
  let at = 0;
  for (const n of [...m.chunks, body.length]) {
    const piece = body.subarray(at, at + n);
    if (!piece.length) break;
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
    at += piece.length;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function run(kind: 'request' | 'response', bytes: Buffer, cuts: number[], closes: boolean) {
  const seen: { first: string; body: string }[] = [];
  let body: Buffer[] = [];
  let head: Head | undefined;
  const framer = new HttpFramer(kind, {
    head: (h) => { head = h; body = []; return h.first !== '204'; },
    body: (b) => body.push(Buffer.from(b)),
    end: () => seen.push({ first: head!.first, body: Buffer.concat(body).toString('utf8') }),
  });
  let at = 0;
  for (const c of [...cuts.map((x) => x % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    if (c < at) continue;
    framer.push(bytes.subarray(at, c));
    at = c;
  }
  if (closes) framer.close();
  return seen;
}

describe('the recording proxy follows HTTP/1.1 framing', () => {
  test.each(['request', 'response'] as const)('every %s of a connection, however its bytes are cut (seeded)', (kind) => {
    fc.assert(fc.property(fc.array(message(kind), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(5000), { maxLength: 30 }), (messages, cuts) => {
      const bytes = Buffer.concat(messages.map((m) => wire(kind, m)));
      expect(run(kind, bytes, cuts, false)).toEqual(messages.map((m) => ({ first: m.first, body: m.body })));
    }), { seed: 17, numRuns: 300 });
  });

  test('a reply without length or chunks ends with the connection', () => {
    const bytes = Buffer.concat([wire('response', { first: '200', body: 'a', framing: 'length', chunks: [] }), wire('response', { first: '200', body: 'rest of it', framing: 'until-close', chunks: [] })]);
    expect(run('response', bytes, [7, 40], false)).toEqual([{ first: '200', body: 'a' }]);
    expect(run('response', bytes, [7, 40], true)).toEqual([{ first: '200', body: 'a' }, { first: '200', body: 'rest of it' }]);
  });
});
