/**
 * Terraform's `h1:` package hash (Go modules' dirhash "Hash1"), which `terraform init` records in
 * `.terraform.lock.hcl` for a provider installed from a mirror: for every file of the unpacked
 * package, sorted by its `/`-separated name, the line `<sha256 hex>  <name>\n`; the SHA-256 of
 * those lines, base64. Only names and contents count (no modes, no times, no folders).
 */
import { createHash } from 'node:crypto';

/** `h1:` of the files `{name, data}` as they unpack. */
export function hash1(files: readonly { readonly name: string; readonly data: Buffer }[]): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const summary = createHash('sha256');
  for (const f of sorted) {
    if (f.name.includes('\n')) throw new Error(`file name with a newline cannot be hashed: ${JSON.stringify(f.name)}`);
    summary.update(`${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`);
  }
  return `h1:${summary.digest('base64')}`;
}

/** Lowercase hex SHA-256 of a file's bytes (the SHA256SUMS value, Terraform's `zh:` hash). */
export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
