/**
 * Reads one HTTP/1.1 reply from the bytes of a connection as they arrive: the status line and
 * headers, then a body framed by Content-Length, by chunked transfer coding, or by the end of
 * the connection. Replies to a POST only (a 1xx interim reply is skipped; 204 and 304 have no
 * body). Throws `ReplyFormatError` on bytes that are not HTTP.
 */

export class ReplyFormatError extends Error {}

/** A whole reply. */
export interface ParsedReply {
  readonly status: number;
  /** The Content-Type header as sent ('' when absent). */
  readonly contentType: string;
  readonly body: Buffer;
  /** The server keeps the connection open for the next request. */
  readonly keepAlive: boolean;
}

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'until-close' | 'done';

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** Longest status line plus headers accepted (xapi sends a few hundred bytes). */
const MAX_HEAD = 64 * 1024;

export class ReplyParser {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = 'head';
  private remaining = 0;
  private status = 0;
  private contentType = '';
  private keepAlive = true;
  private readonly parts: Buffer[] = [];
  private size = 0;

  /** @param maxBody largest body accepted; {@link push} throws `BodyTooLarge` past it */
  constructor(private readonly maxBody: number) {}

  /** Bytes of the body so far. */
  get bodyBytes(): number {
    return this.size;
  }

  /** Whether the reply ends with the connection (no length, not chunked). */
  get endsWithConnection(): boolean {
    return this.state === 'until-close';
  }

  /** Takes bytes; returns the reply once it is complete (bytes after it are a protocol error). */
  push(data: Buffer): ParsedReply | undefined {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    for (;;) {
      switch (this.state) {
        case 'head': {
          const at = this.pending.indexOf(HEAD_END);
          if (at < 0) {
            if (this.pending.length > MAX_HEAD) throw new ReplyFormatError('reply headers too long');
            return undefined;
          }
          const head = this.pending.subarray(0, at).toString('latin1');
          this.pending = this.pending.subarray(at + 4);
          if (this.begin(head)) break;
          return this.finish();
        }
        case 'length':
          if (!this.take()) return undefined;
          if (this.remaining === 0) return this.finish();
          break;
        case 'chunk-size': {
          const at = this.pending.indexOf(CRLF);
          if (at < 0) return undefined;
          const text = this.pending.subarray(0, at).toString('latin1').split(';')[0].trim();
          const size = /^[0-9a-fA-F]{1,12}$/.test(text) ? parseInt(text, 16) : NaN;
          if (!Number.isFinite(size)) throw new ReplyFormatError(`bad chunk size "${text.slice(0, 20)}"`);
          this.pending = this.pending.subarray(at + 2);
          if (size === 0) this.state = 'trailer';
          else { this.remaining = size; this.state = 'chunk-data'; }
          break;
        }
        case 'chunk-data':
          if (!this.take()) return undefined;
          if (this.remaining === 0) this.state = 'chunk-end';
          break;
        case 'chunk-end':
          if (this.pending.length < 2) return undefined;
          if (this.pending[0] !== 13 || this.pending[1] !== 10) throw new ReplyFormatError('chunk not followed by CRLF');
          this.pending = this.pending.subarray(2);
          this.state = 'chunk-size';
          break;
        case 'trailer': {
          // Trailer fields, if any, end with an empty line.
          const at = this.pending.indexOf(CRLF);
          if (at < 0) return undefined;
          this.pending = this.pending.subarray(at + 2);
          if (at === 0) return this.finish();
          break;
        }
        case 'until-close':
          this.add(this.pending);
          this.pending = Buffer.alloc(0);
          return undefined;
        case 'done':
          if (this.pending.length) throw new ReplyFormatError('bytes after the reply');
          return undefined;
      }
    }
  }

  /** The connection ended: the reply, if its body was framed by that end. */
  end(): ParsedReply | undefined {
    return this.state === 'until-close' ? this.finish() : undefined;
  }

  /** Parses the head; false when no body follows. */
  private begin(head: string): boolean {
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]);
    if (!m) throw new ReplyFormatError(`not an HTTP reply: "${lines[0].slice(0, 40)}"`);
    const status = Number(m[2]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new ReplyFormatError(`bad header line "${line.slice(0, 40)}"`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    if (status >= 100 && status < 200) {
      // An interim reply (100 Continue): the real one follows.
      return true;
    }
    this.status = status;
    this.contentType = headers.get('content-type') ?? '';
    const connection = (headers.get('connection') ?? '').toLowerCase();
    this.keepAlive = m[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    if (status === 204 || status === 304) return false;
    if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) {
      this.state = 'chunk-size';
      return true;
    }
    const length = headers.get('content-length');
    if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length)) throw new ReplyFormatError(`bad Content-Length "${length.slice(0, 20)}"`);
      this.remaining = Number(length);
      if (this.remaining > this.maxBody) throw new BodyTooLarge(this.maxBody);
      this.state = 'length';
      return this.remaining > 0;
    }
    this.state = 'until-close';
    this.keepAlive = false;
    return true;
  }

  /** Moves body bytes out of `pending`, up to `remaining`; false when none were there. */
  private take(): boolean {
    if (!this.pending.length) return false;
    const n = Math.min(this.remaining, this.pending.length);
    this.add(this.pending.subarray(0, n));
    this.pending = this.pending.subarray(n);
    this.remaining -= n;
    return true;
  }

  private add(bytes: Buffer): void {
    if (!bytes.length) return;
    this.size += bytes.length;
    if (this.size > this.maxBody) throw new BodyTooLarge(this.maxBody);
    this.parts.push(bytes);
  }

  private finish(): ParsedReply {
    this.state = 'done';
    const body = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    if (this.pending.length) throw new ReplyFormatError('bytes after the reply');
    return { status: this.status, contentType: this.contentType, body, keepAlive: this.keepAlive };
  }
}

/** The body passed the size limit. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`reply body exceeds ${limit} bytes`);
  }
}
