/**
 * The per-launch certificate for go-plugin's AutoMTLS (reference tfplugin.md section 1.4).
 * Terraform trusts exactly the certificate printed in the handshake line, for the name
 * `localhost`, so the certificate must carry SAN DNS `localhost` (CN alone fails), must not
 * start in the future (back-dated 30 s), and is marked CA + keyCertSign like go-plugin's own.
 * ECDSA P-256 because it is quick to generate; Terraform accepts it.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface CertificatePair {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface CertificateOptions {
  readonly curve?: 'P-256' | 'P-384' | 'P-521';
  readonly commonName?: string;
}

/** A fresh self-signed certificate for `localhost`, usable for TLS servers and clients. */
export async function generateLocalhostCertificate(options: CertificateOptions = {}): Promise<CertificatePair> {
  const now = Date.now();
  const pems = await generate([
    { name: 'commonName', value: options.commonName ?? 'localhost' },
    { name: 'organizationName', value: 'xcpform' },
  ], {
    keyType: 'ec',
    curve: options.curve ?? 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 30_000),
    notAfterDate: new Date(now + 262_980 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyAgreement: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}

/** The handshake's certificate field: base64 (standard alphabet, no `=` padding) of the DER. */
export function handshakeCertField(certPem: string): string {
  return new X509Certificate(certPem).raw.toString('base64').replace(/=+$/, '');
}

/** The inverse of `handshakeCertField`, for clients: the PEM of a handshake certificate. */
export function certPemFromHandshake(field: string): string {
  const der = Buffer.from(field, 'base64');
  const b64 = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
