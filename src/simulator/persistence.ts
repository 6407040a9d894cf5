/**
 * The world on disk: one JSON document (pools with their tables, VDI contents), written
 * atomically (temporary file in the same folder, fsync, rename) with mode 0600. Sessions and
 * tasks in flight are not kept: a restarted simulator, like a restarted xapi, wants new logins.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Database, DatabaseJson } from './db/database';
import { VdiContent, World } from './world';

export const STATE_FORMAT = 'xcpform-simulator-state';
export const STATE_VERSION = 1;

interface StateJson {
  format: typeof STATE_FORMAT;
  version: number;
  pools: { name: string; db: DatabaseJson }[];
  contents: Record<string, VdiContent>;
}

/** A state file that cannot be used; the message says which file and why. */
export class SimulatorStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorStateError';
  }
}

export function worldToJson(world: World): StateJson {
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    pools: [...world.pools.values()].map((p) => ({ name: p.name, db: p.db.toJSON() })),
    contents: Object.fromEntries(world.contents),
  };
}

export async function saveWorld(world: World, file: string): Promise<void> {
  const text = JSON.stringify(worldToJson(world));
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Reads a state file; `undefined` when it does not exist. */
export async function readState(file: string): Promise<StateJson | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SimulatorStateError(`cannot read simulator state ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SimulatorStateError(`simulator state ${file} is not valid JSON (${(err as Error).message}); move it away to start a fresh world`);
  }
  const s = json as Partial<StateJson>;
  if (typeof s !== 'object' || s === null || s.format !== STATE_FORMAT) throw new SimulatorStateError(`${file} is not an xcpform simulator state file (missing "format": "${STATE_FORMAT}")`);
  if (s.version !== STATE_VERSION) throw new SimulatorStateError(`simulator state ${file} has version ${String(s.version)}; this xcpform reads version ${STATE_VERSION}`);
  if (!Array.isArray(s.pools) || s.pools.some((p) => typeof p?.name !== 'string' || typeof p.db !== 'object' || p.db === null || typeof p.db.tables !== 'object')) {
    throw new SimulatorStateError(`simulator state ${file} is damaged: "pools" must be a list of {name, db: {generation, tables}}`);
  }
  return { ...(s as StateJson), contents: typeof s.contents === 'object' && s.contents !== null ? s.contents : {} };
}

/** Fills a world from a state document. */
export function loadWorld(world: World, state: StateJson, file: string): void {
  for (const p of state.pools) {
    let db: Database;
    try {
      db = Database.fromJSON(p.db);
    } catch (err) {
      throw new SimulatorStateError(`simulator state ${file} is damaged in pool ${p.name}: ${(err as Error).message}`);
    }
    if (db.all('pool').length !== 1 || db.all('host').length === 0) throw new SimulatorStateError(`simulator state ${file}: pool ${p.name} needs exactly one pool object and at least one host`);
    world.addPool(p.name, db);
  }
  for (const [uuid, c] of Object.entries(state.contents)) {
    if (typeof c?.length === 'number' && typeof c.sha256 === 'string') world.contents.set(uuid, c);
  }
}
