/**
 * Shrinking a failure to a minimal configuration: drop blocks (with what refers to them),
 * outputs, nested block items, count/for_each and optional attributes, one at a time, keeping
 * each reduction while the same failure (same signature, same step) still happens. Greedy and
 * bounded by a number of replays, so a run always ends.
 */
import { cloneCase, type Case, blockAddress, dependenciesOf } from './model';
import { type CaseFailure, reproduces } from './run-case';
import { attributeAt } from './schema-values';

type Candidate = { case: Case; edit?: CaseFailure['edit']; drift?: CaseFailure['drift']; key?: string };

/** Removes block `i` and every block and output that refers to it, directly or not; keeps the edit/drift block indices right. */
function withoutBlock(f: Candidate, i: number): Candidate | undefined {
  const c = cloneCase(f.case);
  const keep = f.edit?.blockIndex ?? f.drift?.blockIndex;
  const gone = new Set([blockAddress(c.blocks[i])]);
  for (let changed = true; changed;) {
    changed = false;
    for (const b of c.blocks) {
      if (!gone.has(blockAddress(b)) && dependenciesOf(b).some((d) => gone.has(d))) { gone.add(blockAddress(b)); changed = true; }
    }
  }
  // The edit's new value may refer to a block too.
  if (f.edit && JSON.stringify(f.edit.value).match(/\$\{[^}]*\}/) && [...gone].some((g) => JSON.stringify(f.edit!.value).includes(`${g}.`))) return undefined;
  const indices = c.blocks.map((b, k) => (gone.has(blockAddress(b)) ? k : -1)).filter((k) => k >= 0);
  if (keep !== undefined && indices.includes(keep)) return undefined;
  c.blocks = c.blocks.filter((b) => !gone.has(blockAddress(b)));
  c.outputs = c.outputs.filter((o) => ![...gone].some((g) => o.expr.includes(g)));
  const shift = (k: number): number => k - indices.filter((x) => x < k).length;
  return {
    case: c,
    ...(f.edit ? { edit: { ...f.edit, blockIndex: shift(f.edit.blockIndex) } } : {}),
    ...(f.drift ? { drift: { ...f.drift, blockIndex: shift(f.drift.blockIndex) } } : {}),
  };
}

function* reductions(f: Candidate): Generator<Candidate> {
  const m = f.case.module;
  if (m) {
    // Is the module part of the cause? Without it, with one instance, with fewer blocks in it.
    const c = cloneCase(f.case);
    delete c.module;
    yield { ...f, case: c, key: 'no module' };
    if (m.count !== undefined || m.forEach) {
      const one = cloneCase(f.case);
      delete one.module!.count;
      delete one.module!.forEach;
      yield { ...f, case: one, key: 'module called once' };
    }
    for (const member of m.members) {
      const fewer = cloneCase(f.case);
      fewer.module!.members = m.members.filter((x) => x !== member);
      yield { ...f, case: fewer, key: `${member} out of the module` };
    }
  }
  for (let i = f.case.blocks.length - 1; i >= 0; i--) {
    const r = withoutBlock(f, i);
    if (r) yield { ...r, key: `block ${blockAddress(f.case.blocks[i])}` };
  }
  for (let o = 0; o < f.case.outputs.length; o++) {
    const c = cloneCase(f.case);
    c.outputs.splice(o, 1);
    yield { ...f, case: c, key: `output ${f.case.outputs[o].name}` };
  }
  for (let i = 0; i < f.case.blocks.length; i++) {
    const b = f.case.blocks[i];
    if (b.count !== undefined || b.forEach) {
      const c = cloneCase(f.case);
      delete c.blocks[i].count;
      delete c.blocks[i].forEach;
      c.blocks[i].attrs.name_label = String(c.blocks[i].attrs.name_label ?? '').replace(/-\$\{(count\.index|each\.key)\}/, '') || undefined;
      if (c.blocks[i].attrs.name_label === undefined) delete c.blocks[i].attrs.name_label;
      const text = JSON.stringify(c).replace(new RegExp(`(${blockAddress(b).replace(/\./g, '\\.')})(\\[(\\d+|\\\\"[^\\\\]*\\\\")\\]|\\[\\*\\])`, 'g'), '$1');
      yield { ...f, case: JSON.parse(text) as Case, key: `single ${blockAddress(b)}` };
    }
    for (const [bt, items] of Object.entries(b.blocks)) {
      for (let k = 0; k < items.length; k++) {
        if (f.edit && f.edit.blockIndex === i && f.edit.path.startsWith(`${bt}.`) && (f.edit.item ?? 0) >= k) continue;
        const c = cloneCase(f.case);
        c.blocks[i].blocks[bt].splice(k, 1);
        yield { ...f, case: c, key: `item ${blockAddress(b)} ${bt} ${JSON.stringify(items[k])}` };
      }
    }
    const optional = Object.keys(b.attrs).filter((name) => b.mode !== 'data' && !attributeAt(b.type, name)?.required && !(f.edit && f.edit.blockIndex === i && f.edit.path === name));
    // All optional attributes of the block at once first: most are bystanders.
    if (optional.length > 1) {
      const c = cloneCase(f.case);
      for (const name of optional) delete c.blocks[i].attrs[name];
      yield { ...f, case: c, key: `attrs ${blockAddress(b)} ${optional.join(',')}` };
    }
    for (const name of optional) {
      const c = cloneCase(f.case);
      delete c.blocks[i].attrs[name];
      yield { ...f, case: c, key: `attr ${blockAddress(b)} ${name}` };
    }
  }
}

export interface ShrinkResult {
  readonly case: Case;
  readonly edit?: CaseFailure['edit'];
  readonly drift?: CaseFailure['drift'];
  readonly replays: number;
}

/** The smallest configuration (found within `maxReplays`) on which the failure still happens. */
export async function shrink(f: CaseFailure, maxReplays = 60): Promise<ShrinkResult> {
  let best: Candidate = { case: f.base, edit: f.edit, drift: f.drift };
  let replays = 0;
  // A reduction that did not reproduce is not tried again (it rarely does later, and replays are slow).
  const failed = new Set<string>();
  for (let improved = true; improved && replays < maxReplays;) {
    improved = false;
    for (const r of reductions(best)) {
      if (replays >= maxReplays) break;
      if (failed.has(r.key!)) continue;
      replays++;
      if (await reproduces({ base: r.case, edit: r.edit, drift: r.drift, signature: f.signature })) {
        best = r;
        improved = true;
        break;
      }
      failed.add(r.key!);
    }
  }
  return { ...best, replays };
}
