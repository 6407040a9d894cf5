/**
 * The configuration a VPN gateway boots with, split into what may be recorded in XAPI (plain
 * parameters, readable by any pool user, used for drift detection) and what may not (keys,
 * delivered on the gateway's config drive only). Both sides must agree: the link is `up` only
 * when both gateways run with the same fingerprint.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { isObjectValue, ObjectValue, Value } from '../../values/value';

/** Attributes that end up in the gateways' plain configuration (all in-place updatable). */
export const PLAIN_PARAMS = ['protocol', 'local_cidrs', 'remote_cidrs', 'listen_port', 'ike_version', 'ike_policy', 'esp_policy', 'ike_lifetime', 'esp_lifetime', 'dpd', 'force_encap', 'passive', 'mtu'] as const;

export function plainParams(v: ObjectValue): ObjectValue {
  return Object.fromEntries(PLAIN_PARAMS.map((k) => [k, v[k] ?? null]));
}

/** Plain parameters as one gateway sees them: its own CIDRs are "local". */
export function sideParams(v: ObjectValue, role: 'local' | 'remote'): ObjectValue {
  const p = plainParams(v);
  return role === 'local' ? p : { ...p, local_cidrs: p.remote_cidrs, remote_cidrs: p.local_cidrs, passive: false };
}

/** A salted fingerprint of the secrets, so key drift is visible without recording the keys. */
export function secretFingerprint(v: ObjectValue, salt: string): string {
  const secrets = JSON.stringify([v.psk ?? null, v.private_key ?? null, v.remote_private_key ?? null]);
  return createHash('sha256').update(salt).update('\0').update(secrets).digest('hex').slice(0, 32);
}

export function newSalt(): string {
  return randomBytes(8).toString('hex');
}

/** Fingerprint of the plain parameters (both gateways of an `up` link carry the same one). */
export function paramsFingerprint(v: ObjectValue): string {
  return createHash('sha256').update(JSON.stringify(plainParams(v))).digest('hex').slice(0, 16);
}

/** A WireGuard key pair: base64 raw 32-byte keys. */
export interface WireGuardKeys {
  readonly privateKey: string;
  readonly publicKey: string;
}

export function generateWireGuardKeys(): WireGuardKeys {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const d = privateKey.export({ format: 'jwk' }).d!;
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { privateKey: Buffer.from(d, 'base64url').toString('base64'), publicKey: Buffer.from(x, 'base64url').toString('base64') };
}

/** The public key of a base64 X25519 private key, or undefined when it is not one. */
export function wireGuardPublicKey(privateKeyB64: string): string | undefined {
  const raw = Buffer.from(privateKeyB64, 'base64');
  if (raw.length !== 32) return undefined;
  try {
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: raw.toString('base64url'), x: '' }, format: 'jwk' });
    const x = createPublicKey(key).export({ format: 'jwk' }).x!;
    return Buffer.from(x, 'base64url').toString('base64');
  } catch {
    return undefined;
  }
}

/** The config drive contents (cloud-init user data) of one gateway. Holds secrets: never log it. */
export function gatewayUserData(v: ObjectValue, role: 'local' | 'remote', keys: { own?: string; peerPublic?: string }, peerEndpoint: string | undefined): string {
  const p = sideParams(v, role);
  const lines = ['#cloud-config', 'write_files:', '  - path: /etc/xcpform/vpn.json', '    permissions: "0600"', `    content: ${JSON.stringify(JSON.stringify({
    ...p,
    peer_endpoint: peerEndpoint ?? null,
    psk: v.protocol === 'ipsec' ? v.psk ?? null : null,
    private_key: v.protocol === 'wireguard' ? keys.own ?? null : null,
    peer_public_key: keys.peerPublic ?? null,
  }))}`, 'runcmd:', '  - [systemctl, restart, xcpform-vpn]'];
  return `${lines.join('\n')}\n`;
}

export function asStringList(v: Value | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function gatewayBlock(v: ObjectValue): ObjectValue {
  const g = Array.isArray(v.gateway) ? v.gateway[0] : v.gateway;
  return isObjectValue(g) ? g : {};
}
