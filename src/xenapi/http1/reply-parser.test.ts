/**
 * The reply parser against replies written out by hand, whatever way their bytes are cut into
 * reads: Content-Length, chunked (with extensions and trailers), to the end of the connection,
 * interim 100 replies, bodiless statuses; and what it must refuse.
 */
import { seededRandom } from '../../simulator/faults';
import { BodyTooLarge, ReplyFormatError, ReplyParser, type ParsedReply } from './reply-parser';

type Framing = 'length' | 'chunked' | 'close';

/** A reply's bytes: status, body and framing as given. */
function reply(body: Buffer, framing: Framing, opts: { status?: number; connection?: string; interim?: boolean; version?: string; chunkSizes?: number[] } = {}): Buffer {
  const headers = [`HTTP/${opts.version ?? '1.1'} ${opts.status ?? 200} OK`, 'Content-Type: application/json; charset=utf-8'];
  if (opts.connection) headers.push(`Connection: ${opts.connection}`);
  if (framing === 'length') headers.push(`Content-Length: ${body.length}`);
  if (framing === 'chunked') headers.push('Transfer-Encoding: chunked');
  const parts: Buffer[] = [];
  if (opts.interim) parts.push(Buffer.from('HTTP/1.1 100 Continue\r\n\r\n'));
  parts.push(Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'));
  if (framing === 'chunked') {
    let at = 0;
    for (const size of [...(opts.chunkSizes ?? []), body.length]) {
      const piece = body.subarray(at, at + size);
      if (!piece.length) continue;
      parts.push(Buffer.from(`${piece.length.toString(16)};ext=1\r\n`), piece, Buffer.from('\r\n'));
      at += piece.length;
    }
    parts.push(Buffer.from('0\r\nX-Trailer: t\r\n\r\n'));
  } else parts.push(body);
  return Buffer.concat(parts);
}

/** Feeds `bytes` cut at random points; the reply once complete (or at the end of the connection). */
function feed(parser: ReplyParser, bytes: Buffer, random: () => number, endsWithConnection = false): ParsedReply | undefined {
  let got: ParsedReply | undefined;
  let at = 0;
  while (at < bytes.length) {
    const n = 1 + Math.floor(random() * Math.min(64, bytes.length - at));
    const r = parser.push(bytes.subarray(at, at + n));
    at += n;
    if (r) {
      expect(got).toBeUndefined();
      got = r;
    }
  }
  return got ?? (endsWithConnection ? parser.end() : undefined);
}

describe('reply parser', () => {
  test('every framing, cut into reads any way, gives the body sent and whether the connection stays open (seeded)', () => {
    const random = seededRandom(17);
    for (let run = 0; run < 500; run++) {
      const framing = (['length', 'chunked', 'close'] as const)[Math.floor(random() * 3)];
      const body = Buffer.from(Array.from({ length: Math.floor(random() * 400) }, () => String.fromCharCode(32 + Math.floor(random() * 0x2400))).join(''), 'utf8');
      const connection = random() < 0.3 ? 'close' : random() < 0.5 ? 'keep-alive' : undefined;
      const version = random() < 0.2 ? '1.0' : '1.1';
      const chunkSizes = Array.from({ length: 5 }, () => 1 + Math.floor(random() * 100));
      const bytes = reply(body, framing, { connection, version, interim: random() < 0.2, chunkSizes });
      const parser = new ReplyParser(1 << 20);
      const got = feed(parser, bytes, random, framing === 'close');
      const keepAlive = framing !== 'close' && (version === '1.1' ? connection !== 'close' : connection === 'keep-alive');
      expect({ run, status: got?.status, body: got?.body.toString('utf8'), keepAlive: got?.keepAlive, type: got?.contentType })
        .toEqual({ run, status: 200, body: body.toString('utf8'), keepAlive, type: 'application/json; charset=utf-8' });
    }
  });

  test('a reply framed by the end of the connection is not complete before it', () => {
    const parser = new ReplyParser(1000);
    expect(parser.push(reply(Buffer.from('{"a":1}'), 'close'))).toBeUndefined();
    expect(parser.endsWithConnection).toBe(true);
    expect(parser.end()?.body.toString()).toBe('{"a":1}');
  });

  test('204 and 304 have no body; an empty Content-Length body is complete at once', () => {
    expect(new ReplyParser(10).push(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'))?.body.length).toBe(0);
    expect(new ReplyParser(10).push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'))?.status).toBe(200);
  });

  test('a body past the limit is refused, announced or not', () => {
    expect(() => new ReplyParser(10).push(reply(Buffer.alloc(11, 97), 'length'))).toThrow(BodyTooLarge);
    expect(() => new ReplyParser(10).push(reply(Buffer.alloc(11, 97), 'chunked', { chunkSizes: [5, 6] }))).toThrow(BodyTooLarge);
    expect(() => new ReplyParser(10).push(reply(Buffer.alloc(11, 97), 'close'))).toThrow(BodyTooLarge);
  });

  test.each([
    ['not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nbroken\r\n\r\n'],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['a chunk without its CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY'],
    ['bytes after the reply', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabEXTRA'],
  ])('refuses %s', (_name, text) => {
    expect(() => new ReplyParser(100).push(Buffer.from(text, 'latin1'))).toThrow(ReplyFormatError);
  });
});
