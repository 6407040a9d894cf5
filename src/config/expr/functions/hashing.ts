/** Hash and identifier functions: md5, sha1, sha256, sha512, base64sha*, uuid, uuidv5, bcrypt. */
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { strictUtf8 } from './encoding';
import { EvalError, toInt, toStr } from '../value-ops';
import { bcryptHash } from './bcrypt';
import { fn, FunctionTable } from './registry';

function hash(algo: string, enc: 'hex' | 'base64') {
  return fn(1, 1, ([s]) => createHash(algo).update(Buffer.from(toStr(s, 'str'), 'utf8')).digest(enc));
}

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** A name-based UUID (version 5, SHA-1) as RFC 4122 defines it. */
function uuidv5(namespace: string, name: string): string {
  const ns = NAMESPACES[namespace] ?? namespace;
  if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(ns)) {
    throw new EvalError('Error in function call', `Call to function "uuidv5" failed: uuidv5() doesn't support namespace ${namespace} (invalid UUID length: ${namespace.length}).`);
  }
  const bytes = createHash('sha1').update(Buffer.from(ns.replace(/-/g, ''), 'hex')).update(Buffer.from(name, 'utf8')).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Raw RSA with PKCS #1 v1.5 padding, as Go's rsa.DecryptPKCS1v15 (OpenSSL may refuse it). */
function rsaDecrypt(cipherB64: string, pem: string): string {
  const fail = (msg: string) => new EvalError('Error in function call', `Call to function "rsadecrypt" failed: ${msg}.`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cipherB64) || cipherB64.length % 4 !== 0) throw fail('failed to decode input "ciphertext": cipher text must be base64-encoded');
  let jwk: { n?: string; d?: string };
  try {
    jwk = createPrivateKey(pem).export({ format: 'jwk' }) as { n?: string; d?: string };
  } catch {
    throw fail('invalid private key: failed to parse key');
  }
  if (!jwk.n || !jwk.d) throw fail('invalid private key: not an RSA key');
  const big = (b64u: string) => BigInt(`0x${Buffer.from(b64u, 'base64url').toString('hex') || '0'}`);
  const n = big(jwk.n);
  const d = big(jwk.d);
  const size = Buffer.from(jwk.n, 'base64url').length;
  let c = BigInt(`0x${Buffer.from(cipherB64, 'base64').toString('hex') || '0'}`);
  let m = 1n;
  for (let e = d; e > 0n; e >>= 1n) { if (e & 1n) m = (m * c) % n; c = (c * c) % n; }
  const em = Buffer.from(m.toString(16).padStart(size * 2, '0'), 'hex');
  const sep = em.indexOf(0, 2);
  if (em[0] !== 0 || em[1] !== 2 || sep < 10) throw fail('crypto/rsa: decryption error');
  return strictUtf8(em.subarray(sep + 1), 'Call to function "rsadecrypt" failed: the decrypted text');
}

export const hashFunctions: FunctionTable = {
  rsadecrypt: fn(2, 2, ([c, k]) => rsaDecrypt(toStr(c, 'ciphertext'), toStr(k, 'privatekey'))),
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  base64sha512: hash('sha512', 'base64'),
  // hashicorp/go-uuid: 16 random bytes in UUID layout, without version or variant bits.
  uuid: fn(0, 0, () => { const h = randomBytes(16).toString('hex'); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`; }),
  uuidv5: fn(2, 2, ([ns, name]) => uuidv5(toStr(ns, 'namespace'), toStr(name, 'name'))),
  bcrypt: fn(1, 2, ([s, c]) => {
    const cost = c === undefined ? 10 : toInt(c, 'cost');
    if (cost < 4 || cost > 31) throw new EvalError('Error in function call', `Call to function "bcrypt" failed: crypto/bcrypt: cost ${cost} is outside allowed range (4,31).`);
    return bcryptHash(Buffer.from(toStr(s, 'str'), 'utf8'), cost);
  }),
};
