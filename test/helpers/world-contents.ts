/**
 * What the embedded simulator of a CLI working folder keeps of a VDI's contents (its world file
 * `.xcpform/simulator.json`): the length and SHA-256 of the bytes uploaded into it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface WorldJson {
  pools: { db: { tables: { VDI: Record<string, { uuid: string; name_label: string; virtual_size: number; read_only: boolean }> } } }[];
  contents: Record<string, { length: number; sha256: string }>;
}

export interface VdiContents {
  readonly uuid: string;
  readonly length: number;
  readonly sha256: string;
  readonly virtualSize: number;
  readonly readOnly: boolean;
}

/** The one VDI whose name_label matches, with its kept contents (length 0 when never written). */
export function vdiContents(dir: string, label: string | RegExp): VdiContents {
  const world = JSON.parse(readFileSync(join(dir, '.xcpform', 'simulator.json'), 'utf8')) as WorldJson;
  const vdis = Object.values(world.pools[0].db.tables.VDI).filter((v) => (typeof label === 'string' ? v.name_label === label : label.test(v.name_label)));
  if (vdis.length !== 1) throw new Error(`expected one VDI named ${label}, found ${vdis.length}`);
  const c = world.contents[vdis[0].uuid] ?? { length: 0, sha256: '' };
  return { uuid: vdis[0].uuid, length: c.length, sha256: c.sha256, virtualSize: vdis[0].virtual_size, readOnly: vdis[0].read_only };
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
