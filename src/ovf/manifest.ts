/**
 * OVF manifests (`.mf`): one `ALGO(name)= hex` line per file of the package (DSP0243 5.1;
 * XenCenter and ovftool write it without spaces, openssl-style `ALGO (name) = hex` is accepted
 * too). Checksums are computed over the stored bytes, streaming from the file or the OVA member.
 */
import { createHash } from 'node:crypto';
import { segmentStream } from './disk/source';
import type { OvfReport } from './report';

export type ManifestAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface ManifestEntry {
  readonly algorithm: ManifestAlgorithm;
  readonly name: string;
  readonly digest: string;
  readonly line: number;
}

/** A byte range of a file on disk: a plain file (offset 0) or a member of an OVA. */
export interface FileSegment {
  readonly path: string;
  readonly offset: number;
  readonly size: number;
  /** True when `path` is gzip-compressed (a gzip OVA) and `offset` counts decompressed bytes. */
  readonly inGzip?: boolean;
}

/** Parses a manifest; bad lines are reported and skipped. */
export function parseManifest(text: string, report: OvfReport): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)$/.exec(line);
    const hexLength = { SHA1: 40, SHA256: 64, SHA512: 128 };
    if (!m || m[3].length !== hexLength[m[1] as ManifestAlgorithm]) {
      report.error('manifest-malformed', `line ${i + 1}`, `not a manifest entry: "${line.slice(0, 80)}"`, 'Manifest lines look like "SHA256(disk1.vmdk)= <64 hex digits>". Re-create the manifest.', i + 1);
      return;
    }
    out.push({ algorithm: m[1] as ManifestAlgorithm, name: m[2], digest: m[3].toLowerCase(), line: i + 1 });
  });
  return out;
}

/** Hex digest of the concatenated segments. */
export async function digestOf(segments: readonly FileSegment[], algorithm: ManifestAlgorithm): Promise<string> {
  const hash = createHash(algorithm.replace('SHA', 'sha'));
  for await (const chunk of segmentStream(segments)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The manifest text for files already hashed (names in package order). */
export function formatManifest(entries: readonly { name: string; sha256: string }[]): string {
  return entries.map((e) => `SHA256(${e.name})= ${e.sha256}\n`).join('');
}
