/**
 * bcrypt ($2a$, as Go's x/crypto/bcrypt writes it) on Blowfish. Blowfish's initial tables are
 * the hexadecimal digits of π; they are computed once (Machin's formula on BigInts) rather
 * than listed.
 */
import { randomBytes } from 'node:crypto';

const WORDS = 18 + 4 * 256;
let initial: Uint32Array | undefined;

/** The first `WORDS` 32-bit words of the fractional hex digits of π. */
function piWords(): Uint32Array {
  if (initial) return initial;
  const bits = BigInt(WORDS * 32 + 64);
  const one = 1n << bits;
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
      sum += (sign * term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  const frac = (pi & (one - 1n)) >> 64n;
  const out = new Uint32Array(WORDS);
  for (let i = 0; i < WORDS; i++) out[i] = Number((frac >> BigInt((WORDS - 1 - i) * 32)) & 0xffffffffn);
  initial = out;
  return out;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;
  constructor() {
    const w = piWords();
    this.p = w.slice(0, 18);
    this.s = w.slice(18);
  }
  private f(x: number): number {
    const s = this.s;
    return ((((s[x >>> 24] + s[256 + ((x >>> 16) & 255)]) ^ s[512 + ((x >>> 8) & 255)]) + s[768 + (x & 255)]) >>> 0);
  }
  encrypt(lr: Uint32Array): void {
    let l = lr[0];
    let r = lr[1];
    for (let i = 0; i < 16; i += 2) {
      l = (l ^ this.p[i]) >>> 0;
      r = (r ^ this.f(l)) >>> 0;
      r = (r ^ this.p[i + 1]) >>> 0;
      l = (l ^ this.f(r)) >>> 0;
    }
    lr[0] = (r ^ this.p[17]) >>> 0;
    lr[1] = (l ^ this.p[16]) >>> 0;
  }
  /** Blowfish's key schedule, with bcrypt's salt variant (no salt: plain key expansion). */
  expand(key: Buffer, salt?: Buffer): void {
    let kp = 0;
    const word = (b: Buffer, at: { i: number }): number => {
      let w = 0;
      for (let k = 0; k < 4; k++) { w = ((w << 8) | b[at.i]) >>> 0; at.i = (at.i + 1) % b.length; }
      return w;
    };
    const kAt = { i: kp };
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i] ^ word(key, kAt)) >>> 0;
    kp = kAt.i;
    const sAt = { i: 0 };
    const lr = new Uint32Array(2);
    const fill = (arr: Uint32Array) => {
      for (let i = 0; i < arr.length; i += 2) {
        if (salt) { lr[0] ^= word(salt, sAt); lr[1] ^= word(salt, sAt); }
        this.encrypt(lr);
        arr[i] = lr[0];
        arr[i + 1] = lr[1];
      }
    };
    fill(this.p);
    fill(this.s);
  }
}

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function b64(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((s) => ALPHABET[(n >> s) & 63]);
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join('');
  }
  return out;
}

/** A bcrypt hash of `password` with a random salt and 2^cost rounds. */
export function bcryptHash(password: Buffer, cost: number, salt: Buffer = randomBytes(16)): string {
  const key = Buffer.concat([password.subarray(0, 72), Buffer.from([0])]).subarray(0, 72);
  const bf = new Blowfish();
  bf.expand(key, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    bf.expand(key);
    bf.expand(salt);
  }
  const text = Buffer.from('OrpheanBeholderScryDoubt', 'latin1');
  const words = new Uint32Array(6);
  for (let i = 0; i < 6; i++) words[i] = text.readUInt32BE(i * 4);
  const lr = new Uint32Array(2);
  for (let n = 0; n < 64; n++) {
    for (let i = 0; i < 6; i += 2) {
      lr[0] = words[i]; lr[1] = words[i + 1];
      bf.encrypt(lr);
      words[i] = lr[0]; words[i + 1] = lr[1];
    }
  }
  const out = Buffer.alloc(24);
  for (let i = 0; i < 6; i++) out.writeUInt32BE(words[i], i * 4);
  return `$2a$${String(cost).padStart(2, '0')}$${b64(salt)}${b64(out.subarray(0, 23))}`;
}
