/**
 * One direction of an HTTP/1.1 connection split into messages as its bytes pass, without
 * buffering what it forwards: the recording proxy of the bench sees where each request and
 * reply begins and ends, and the body bytes, while the bytes themselves go through untouched.
 * Bodies are framed by Content-Length, chunked transfer coding, or (replies) the end of the
 * connection; a reply to HEAD and 1xx, 204 and 304 replies have none.
 */

/** The start line and headers of one message. */
export interface Head {
  /** Request method (`POST`), or the reply's status as text (`200`). */
  readonly first: string;
  /** Header values by lowercase name (the last one when repeated). */
  readonly headers: ReadonlyMap<string, string>;
}

export interface FramingEvents {
  /** A message's head; returns whether a body follows it (a reply to HEAD has none). */
  head(head: Head): boolean;
  /** Body bytes as they come (chunked bodies without their framing). */
  body(bytes: Buffer): void;
  /** The message ended. */
  end(): void;
}

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'until-close';

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

export class HttpFramer {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = 'head';
  private remaining = 0;

  constructor(private readonly kind: 'request' | 'response', private readonly on: FramingEvents) {}

  /** Bytes that passed; throws on framing it cannot follow (the proxy then closes the connection). */
  push(data: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    for (;;) {
      if (this.state === 'head') {
        const at = this.pending.indexOf(HEAD_END);
        if (at < 0) return;
        const head = parseHead(this.pending.subarray(0, at).toString('latin1'), this.kind);
        this.pending = this.pending.subarray(at + 4);
        this.begin(head);
      } else if (this.state === 'length') {
        if (!this.takeBody()) return;
        if (this.remaining === 0) this.finish();
      } else if (this.state === 'chunk-size') {
        const at = this.pending.indexOf(CRLF);
        if (at < 0) return;
        const size = parseInt(this.pending.subarray(0, at).toString('latin1').split(';')[0].trim(), 16);
        if (!Number.isFinite(size) || size < 0) throw new Error('bad chunk size');
        this.pending = this.pending.subarray(at + 2);
        if (size === 0) this.state = 'trailer';
        else { this.remaining = size; this.state = 'chunk-data'; }
      } else if (this.state === 'chunk-data') {
        if (!this.takeBody()) return;
        if (this.remaining === 0) this.state = 'chunk-end';
      } else if (this.state === 'chunk-end') {
        if (this.pending.length < 2) return;
        this.pending = this.pending.subarray(2);
        this.state = 'chunk-size';
      } else if (this.state === 'trailer') {
        const at = this.pending.indexOf(CRLF);
        if (at < 0) return;
        this.pending = this.pending.subarray(at + 2);
        if (at === 0) this.finish();
      } else {
        if (this.pending.length) this.on.body(this.pending);
        this.pending = Buffer.alloc(0);
        return;
      }
    }
  }

  /** Hands on up to `remaining` body bytes of what is pending; false when nothing is. */
  private takeBody(): boolean {
    if (!this.pending.length) return false;
    const take = Math.min(this.remaining, this.pending.length);
    this.on.body(this.pending.subarray(0, take));
    this.pending = this.pending.subarray(take);
    this.remaining -= take;
    return true;
  }

  /** The connection ended: a reply read until the end is complete. */
  close(): void {
    if (this.state === 'until-close') this.finish();
  }

  private begin(head: Head): void {
    const hasBody = this.on.head(head);
    const chunked = /\bchunked\b/i.test(head.headers.get('transfer-encoding') ?? '');
    const length = head.headers.get('content-length');
    if (!hasBody) this.finish();
    else if (chunked) this.state = 'chunk-size';
    else if (length !== undefined) {
      this.remaining = Number(length);
      if (!Number.isInteger(this.remaining) || this.remaining < 0) throw new Error('bad content-length');
      if (this.remaining === 0) this.finish(); else this.state = 'length';
    } else if (this.kind === 'request') this.finish();
    else this.state = 'until-close';
  }

  private finish(): void {
    this.state = 'head';
    this.on.end();
  }
}

function parseHead(text: string, kind: 'request' | 'response'): Head {
  const [start, ...lines] = text.split('\r\n');
  const parts = start.split(' ');
  const first = kind === 'request' ? parts[0] : parts[1] ?? '';
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { first, headers };
}
