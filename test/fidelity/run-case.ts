/**
 * One generated configuration through the whole property: create, settle, a sample of attribute
 * edits applied one after another, then a drift. The first failing step ends the case (the world
 * may be half-changed after it); the failure keeps the case and the step so shrink.ts can
 * replay it on smaller configurations.
 */
import { Rng } from './rng';
import { type Edit, applyEdit, editTargets, generateCase, generateEdit } from './generate';
import { type Case } from './model';
import { moduleMembers } from './module-layout';
import { EngineFolder } from './engine';
import { DRIFT_KINDS, type Failure, checkCreate, checkDrift, checkEdit } from './property';

export interface CaseFailure extends Failure {
  readonly seed: number;
  /** The configuration the failing step started from, and the edit it made (none for create). */
  readonly base: Case;
  readonly edit?: Edit;
  readonly drift?: { readonly blockIndex: number; readonly kind: string };
}

export interface CaseResult {
  readonly seed: number;
  readonly blocks: number;
  readonly edits: number;
  readonly editsPassed: number;
  readonly refusals: string[];
  readonly drifts: number;
  /** `single`, `count` or `for_each` when part of the case is in a module. */
  readonly module?: string;
  /** Edits passed on blocks inside the module. */
  readonly moduleEditsPassed: number;
  readonly failures: CaseFailure[];
}

export interface CaseOptions {
  /** Edits tried per configuration. */
  readonly edits: number;
  readonly drift?: boolean;
  /** false: generated resources never read data sources (see Case.dataRefs). */
  readonly dataRefs?: boolean;
}

export async function runCase(seed: number, opts: CaseOptions): Promise<CaseResult> {
  const rng = new Rng(seed ^ 0x5eed);
  let current = generateCase(seed, { dataRefs: opts.dataRefs });
  const folder = new EngineFolder();
  const m = current.module;
  const result = {
    seed, blocks: current.blocks.length, edits: 0, editsPassed: 0, refusals: [] as string[], drifts: 0, moduleEditsPassed: 0, failures: [] as CaseFailure[],
    ...(m ? { module: m.count !== undefined ? 'count' : m.forEach ? 'for_each' : 'single' } : {}),
  };
  const fail = (f: Failure[], base: Case, extra: Partial<CaseFailure> = {}): CaseResult => {
    result.failures.push(...f.map((x) => ({ ...x, seed, base, ...extra })));
    return result;
  };
  try {
    const created = await guarded(() => checkCreate(folder, current), 'create');
    if (created.length) return fail(created, current);
    const targets = rng.shuffle(editTargets(current));
    for (const t of targets) {
      if (result.edits >= opts.edits) break;
      const e = generateEdit(rng, current, t);
      if (!e) continue;
      const next = applyEdit(current, e);
      const o = await guardedEdit(() => checkEdit(folder, next, e));
      if (o.outcome === 'unchanged') { folder.write(current); continue; }
      result.edits++;
      // A refused edit leaves the configuration as it was (the folder holds the refused one).
      if (o.outcome === 'refused') { result.refusals.push(o.refusal!); folder.write(current); continue; }
      if (o.outcome === 'failed') return fail(o.failures, current, { edit: e });
      result.editsPassed++;
      if (moduleMembers(current).has(e.address)) result.moduleEditsPassed++;
      current = next;
    }
    if (opts.drift !== false) {
      const candidates = rng.shuffle(current.blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.mode === 'managed'));
      for (const kind of rng.shuffle(DRIFT_KINDS)) {
        const pick = candidates.find(({ b }) => kind.types.includes(b.type) && (kind.name !== 'name_label renamed' || typeof b.attrs.name_label === 'string'));
        if (!pick) continue;
        const d = await guarded(async () => {
          const r = await checkDrift(folder, current, pick.b, kind);
          if (r.ran) result.drifts++;
          return r.failures;
        }, `drift ${kind.name}`);
        if (d.length) return fail(d, current, { drift: { blockIndex: pick.i, kind: kind.name } });
        break;
      }
    }
    return result;
  } finally {
    folder.remove();
  }
}

/** An exception out of the engine is a failure too (a stack trace where a diagnostic belongs). */
async function guarded(fn: () => Promise<Failure[]>, step: string): Promise<Failure[]> {
  try {
    return await fn();
  } catch (err) {
    return [{ signature: `exception in ${step}: ${String((err as Error).message).split('\n')[0].replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '<uuid>').slice(0, 120)}`, step, detail: String((err as Error).stack) }];
  }
}

async function guardedEdit(fn: () => ReturnType<typeof checkEdit>): ReturnType<typeof checkEdit> {
  try {
    return await fn();
  } catch (err) {
    return { outcome: 'failed', failures: [{ signature: `exception in edit: ${String((err as Error).message).split('\n')[0].slice(0, 120)}`, step: 'edit', detail: String((err as Error).stack) }] };
  }
}

/** Replays one failing step on a configuration: does it still fail with `signature`? */
export async function reproduces(f: { base: Case; edit?: Edit; drift?: CaseFailure['drift']; signature: string }): Promise<boolean> {
  const folder = new EngineFolder();
  try {
    const created = await guarded(() => checkCreate(folder, f.base), 'create');
    if (!f.edit && !f.drift) return created.some((x) => x.signature === f.signature);
    if (created.length) return false;
    if (f.edit) {
      const o = await guardedEdit(() => checkEdit(folder, applyEdit(f.base, f.edit!), f.edit!));
      return o.failures.some((x) => x.signature === f.signature);
    }
    const kind = DRIFT_KINDS.find((k) => k.name === f.drift!.kind)!;
    const block = f.base.blocks[f.drift!.blockIndex];
    if (!block) return false;
    const d = await guarded(async () => (await checkDrift(folder, f.base, block, kind)).failures, 'drift');
    return d.some((x) => x.signature === f.signature);
  } finally {
    folder.remove();
  }
}
