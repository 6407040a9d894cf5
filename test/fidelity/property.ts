/**
 * The property, step by step, on one working folder: apply a configuration; the next plan is
 * empty (outputs included, no drift reported); an edit of one attribute plans the attribute's
 * update class (or is refused at plan time), applies, lands in the state, and the next plan is
 * empty; a change made through XAPI behind xcpform's back shows as drift and its repair is planned.
 * Each check returns failures with a stable signature (no names, seeds or indices), so the same
 * cause groups across configurations and known-failures.ts can list it.
 */
import type { Plan, ResourceChange } from '../../src/plan/model';
import { REFERENCE_ATTRIBUTES, alsoAccepted } from './knowledge';
import { type Edit } from './generate';
import { attributeAt } from './schema-values';
import { type Case, type GenBlock, blockAddress, instanceAddresses as rootAddresses, instanceKeys } from './model';
import { moduleMembers, modulePrefixes, referencePrefix } from './module-layout';
import { type EngineFolder, type PlanResult, describeDiagnostic, errorsOf, instanceAttributes } from './engine';

export interface Failure {
  /** Stable cause key, e.g. `not-settled xcp_sr.default_for_pool`. */
  readonly signature: string;
  /** `apply`, `settle`, `edit xcp_vm.vm0 memory`, `drift xcp_vm.vm0 name_label`. */
  readonly step: string;
  readonly detail: string;
}

/** `data.xcp_vm.found` → `data.xcp_vm`; `module.m0[1].xcp_vm.web[0]` → `xcp_vm`. */
export function typeOfAddress(address: string): string {
  const m = /^(data\.)?(xcp_[a-z_]+)/.exec(address.replace(/^(module\.[\w-]+(\[[^\]]*\])?\.)+/, ''));
  return m ? `${m[1] ?? ''}${m[2]}` : address;
}

/** `/disk/0/size` → `disk.size`; `/other_config/owner` → `other_config`. */
export function normalizePath(pointer: string, type: string): string {
  const parts = pointer.split('/').slice(1).filter((p) => !/^\d+$/.test(p));
  const nested = ['disk', 'nic', 'cloud_init', 'wait_for_ip', 'placement', 'ip_config', 'gateway'];
  if (parts.length > 1 && nested.includes(parts[0]) && type !== 'data') return `${parts[0]}.${parts[1]}`;
  return parts[0] ?? '';
}

function changedPaths(c: ResourceChange): string[] {
  return [...new Set(c.patch.map((op) => normalizePath(op.path, c.type)))].sort();
}

function pending(plan: Plan): { changes: ResourceChange[]; outputs: Plan['outputs'] } {
  return { changes: plan.changes.filter((c) => c.action !== 'no-op' && c.action !== 'read'), outputs: plan.outputs.filter((o) => o.action !== 'no-op') };
}

function diagText(r: { diagnostics: readonly { severity: string; code: string; summary: string }[] } | undefined): string {
  return (r?.diagnostics ?? []).map((d) => describeDiagnostic(d as never)).join('\n');
}

/** Failures of a plan that should be empty: pending changes, output changes, reported drift, errors. */
export function checkEmptyPlan(r: PlanResult, c: Case, step: string, cause: string): Failure[] {
  const out: Failure[] = [];
  const errs = errorsOf(r.plan?.diagnostics ?? r.diagnostics);
  if (!r.plan || errs.length) {
    return [{ signature: `${cause}-plan-error ${errs[0]?.code ?? 'no-plan'}`, step, detail: [...r.diagnostics, ...(r.plan?.diagnostics ?? [])].map(describeDiagnostic).join('\n') }];
  }
  const p = pending(r.plan);
  for (const ch of p.changes) {
    const paths = ch.action === 'update' || ch.action === 'migrate' ? changedPaths(ch) : [];
    out.push({ signature: `${cause} ${ch.type} ${ch.action}${paths.length ? ` ${paths.join(',')}` : ''}`, step, detail: `${ch.address}: ${ch.action} ${JSON.stringify(ch.patch).slice(0, 600)}` });
  }
  for (const o of p.outputs) {
    // Outputs reading data sources share one cause whatever the attribute; resource attributes are told apart.
    const read = c.outputs.find((x) => x.name === o.name)?.reads ?? o.name;
    const reads = read.startsWith('data.') ? read.replace(/\.[^.]*$/, '.*') : read;
    out.push({ signature: `${cause} output ${o.action} reading ${reads}`, step, detail: `output ${o.name}: ${JSON.stringify(o.before)} -> ${JSON.stringify(o.after)}` });
  }
  for (const d of r.plan.drift) {
    out.push({ signature: `${cause} phantom-drift ${d.type} ${changedPaths(d).join(',') || d.action}`, step, detail: `${d.address} reported as changed outside xcpform: ${JSON.stringify(d.patch).slice(0, 600)}` });
  }
  return out;
}

/** Apply a fresh configuration, then the next plan must be empty. */
export async function checkCreate(folder: EngineFolder, c: Case): Promise<Failure[]> {
  folder.write(c);
  const a = await folder.apply();
  if (!a.plan || a.plan.errored) {
    const e = errorsOf([...a.diagnostics, ...(a.plan?.diagnostics ?? [])])[0];
    return [{ signature: `create-refused ${e?.code ?? 'no-plan'}${e?.address ? ` ${typeOfAddress(e.address)}` : ''}`, step: 'plan (create)', detail: diagText(a.plan ?? a) }];
  }
  if (!a.ok) {
    // One failure per distinct cause: an apply stops several independent resources at once.
    const bySig = new Map<string, Failure>();
    // "upstream failed" only repeats another resource's failure.
    const errs = errorsOf(a.applyDiagnostics);
    const causes = errs.filter((e) => e.code !== 'apply.upstream-failed');
    for (const e of causes.length ? causes : errs) {
      const gap = /MESSAGE_METHOD_UNKNOWN \["([^"]+)"\]/.exec(`${e.summary} ${e.detail ?? ''}`);
      const xapi = /\b([A-Z][A-Z_]{4,})\b \[/.exec(`${e.summary} ${e.detail ?? ''}`);
      const signature = gap ? `simulator-gap ${gap[1]}` : `create-apply-error ${e.address ? typeOfAddress(e.address) : ''} ${e.code}${xapi ? ` ${xapi[1]}` : ''}`.replace(/\s+/g, ' ');
      if (!bySig.has(signature)) bySig.set(signature, { signature, step: 'apply (create)', detail: describeDiagnostic(e) });
    }
    if (!bySig.size) bySig.set('create-apply-error unknown', { signature: 'create-apply-error unknown', step: 'apply (create)', detail: 'apply failed without an error diagnostic' });
    return [...bySig.values()];
  }
  return checkEmptyPlan(await folder.plan(), c, 'plan after create', 'not-settled');
}

export function classOfChange(ch: ResourceChange | undefined): string {
  if (!ch) return 'absent';
  if (ch.action === 'update') return ch.haltPaths.length ? 'halt' : 'in-place';
  if (ch.action === 'replace' || ch.action === 'replace-cbd') return 'replace';
  if (ch.action === 'migrate') return 'migrate';
  return ch.action;
}

/** One instance of a block: its full address, its own key, and the module instance holding it. */
interface Instance { readonly address: string; readonly key: number | string | undefined; readonly prefix: string; readonly moduleKey: number | string | undefined }

/** Every instance of a block, module instances included (`module.m0["x"].xcp_vm.vm0[1]`). */
export function instancesOf(c: Case, b: GenBlock): Instance[] {
  const own = rootAddresses(b).map((address, i) => ({ address, key: instanceKeys(b)[i] }));
  return modulePrefixes(c, b).flatMap(({ prefix, key: moduleKey }) => own.map((x) => ({ address: `${prefix}${x.address}`, key: x.key, prefix, moduleKey })));
}

export function instanceAddresses(c: Case, b: GenBlock): string[] {
  return instancesOf(c, b).map((i) => i.address);
}

/**
 * A configured value as the module lays it out for one instance: a counted module's instances
 * add their key to name_label (module-layout.ts).
 */
function laidOut(c: Case, b: GenBlock, e: Edit, value: unknown, inst: Instance): unknown {
  const multiplied = c.module && (c.module.count !== undefined || c.module.forEach) && moduleMembers(c).has(blockAddress(b));
  return multiplied && e.path === 'name_label' && typeof value === 'string' ? `${value}-${String(inst.moduleKey)}` : value;
}

/** Evaluates what a configured value becomes in the state of one instance: `${count.index}`, `${each.key}`, and simple references. */
function expectedValue(value: unknown, key: number | string | undefined, state: ReturnType<EngineFolder['state']>, where: { c: Case; block: GenBlock; prefix: string }): { known: boolean; value: unknown } {
  if (Array.isArray(value)) {
    // A list of references (`hosts = [data.xcp_host.first.name_label]`): each element resolved.
    const items = value.map((v) => expectedValue(v, key, state, where));
    return items.every((i) => i.known) ? { known: true, value: items.map((i) => i.value) } : { known: false, value: undefined };
  }
  if (typeof value !== 'string' || !value.includes('${')) return { known: true, value };
  let s = value.replace(/\$\{count\.index\}/g, String(key)).replace(/\$\{each\.key\}/g, String(key));
  const whole = /^\$\{((?:data\.)?xcp_[a-z_]+\.[\w-]+(?:\[(?:\d+|"[^"]*")\])?)\.(\w+)\}$/.exec(s);
  if (whole) {
    const target = whole[1].replace(/\[.*$/, '');
    const attrs = instanceAttributes(state, `${referencePrefix(where.c, where.block, where.prefix, target)}${whole[1]}`);
    return attrs && whole[2] in attrs ? { known: true, value: attrs[whole[2]] } : { known: false, value: undefined };
  }
  if (s.includes('${')) return { known: false, value: undefined };
  return { known: true, value: s };
}

/** JSON with object keys sorted and list order ignored (sets; lists of the generator are never order-sensitive). */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).sort().join(',')}]`;
  if (x && typeof x === 'object') return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(x ?? null);
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function stateValueAt(attrs: Record<string, unknown> | undefined, e: Edit): unknown {
  if (!attrs) return undefined;
  const [head, tail] = e.path.split('.');
  if (tail === undefined) return attrs[head];
  const items = attrs[head];
  const list = Array.isArray(items) ? items : items && typeof items === 'object' ? [items] : [];
  return (list[e.item ?? 0] as Record<string, unknown> | undefined)?.[tail];
}

/**
 * An attribute removed from the configuration: an optional attribute with a default goes back to
 * it (planned with the attribute's class, or no change when it had that value); an
 * optional+computed one may keep what XAPI has (no change) or change with its class. Either way
 * apply succeeds and the next plan is empty.
 */
async function checkUnset(folder: EngineFolder, next: Case, e: Edit, step: string, key: string): Promise<EditOutcome> {
  const block = next.blocks[e.blockIndex];
  const attr = attributeAt(e.type, e.path);
  folder.write(next);
  const a = await folder.apply();
  if (!a.plan || a.plan.errored) {
    const errs = errorsOf([...a.diagnostics, ...(a.plan?.diagnostics ?? [])]);
    return errs.length ? { outcome: 'refused', failures: [], refusal: `${key}: ${errs[0].code}` } : { outcome: 'failed', failures: [{ signature: `edit-no-plan ${key}`, step, detail: diagText(a) }] };
  }
  const failures: Failure[] = [];
  for (const addr of instanceAddresses(next, block)) {
    const got = classOfChange(a.plan.changes.find((c) => c.address === addr));
    if (got !== 'no-op' && got !== e.updateClass && !(got === 'in-place' && e.updateClass === 'halt')) {
      failures.push({ signature: `edit-class ${key} expected ${e.updateClass}|no-op got ${got}`, step, detail: addr });
    }
  }
  if (!a.ok) {
    const err = errorsOf(a.applyDiagnostics)[0];
    failures.push({ signature: `edit-apply-error ${key} ${err?.code ?? 'unknown'}`, step, detail: a.applyDiagnostics.map(describeDiagnostic).join('\n') });
    return { outcome: 'failed', failures };
  }
  if (attr && !attr.computed && attr.default !== undefined) {
    const after = folder.state();
    for (const addr of instanceAddresses(next, block)) {
      const got = stateValueAt(instanceAttributes(after, addr), e);
      if (!sameValue(got, attr.default)) failures.push({ signature: `edit-state ${key} not back to its default`, step, detail: `${addr}: state has ${JSON.stringify(got)}, default ${JSON.stringify(attr.default)}` });
    }
  }
  failures.push(...checkEmptyPlan(await folder.plan(), next, `plan after ${step}`, `edit-not-settled ${key} ->`));
  return { outcome: failures.length ? 'failed' : 'passed', failures };
}

function isReference(path: string): boolean {
  return REFERENCE_ATTRIBUTES.has(path.split('.').pop()!);
}

export interface EditOutcome {
  readonly outcome: 'passed' | 'refused' | 'unchanged' | 'failed';
  readonly failures: Failure[];
  readonly refusal?: string;
}

/**
 * One edit on an applied, settled folder: write `next`, plan (action per the update class or a
 * plan-time refusal), apply, value in state, next plan empty.
 */
export async function checkEdit(folder: EngineFolder, next: Case, e: Edit): Promise<EditOutcome> {
  const block = next.blocks[e.blockIndex];
  const step = `edit ${e.address} ${e.path}${e.item !== undefined ? `[${e.item}]` : ''} ${e.unset ? 'removed' : `= ${JSON.stringify(e.value)}`}`;
  const key = `${e.type}.${e.path}${e.unset ? ' (removed)' : ''}`;
  if (e.unset) return checkUnset(folder, next, e, step, key);
  const before = folder.state();
  // Unset optional-computed values: the new value may equal what XAPI already reports.
  const instances = instancesOf(next, block);
  const priorValues = instances.map((x) => stateValueAt(instanceAttributes(before, x.address), e));
  if (typeof e.value !== 'string' || !e.value.includes('${')) {
    if (priorValues.every((v, i) => sameValue(v, laidOut(next, block, e, e.value, instances[i])))) return { outcome: 'unchanged', failures: [] };
  }
  folder.write(next);
  const a = await folder.apply();
  if (!a.plan || a.plan.errored) {
    const errs = errorsOf([...a.diagnostics, ...(a.plan?.diagnostics ?? [])]);
    if (errs.length) return { outcome: 'refused', failures: [], refusal: `${key}: ${errs[0].code}` };
    return { outcome: 'failed', failures: [{ signature: `edit-no-plan ${key}`, step, detail: diagText(a) }] };
  }
  const failures: Failure[] = [];
  const accepted = new Set([e.updateClass]);
  const changes = instances.map((x) => a.plan!.changes.find((c) => c.address === x.address));
  changes.forEach((ch, i) => {
    const prior = instanceAttributes(before, instances[i].address) ?? {};
    for (const extra of alsoAccepted(e.type, e.path, prior, e.value)) accepted.add(extra);
    const got = classOfChange(ch);
    // An unset reference (XAPI chose it; the state holds its UUID) given a name: it may name the object already used.
    const mayAlias = isReference(e.path) && e.previous === undefined;
    // Naming it is then a state rewrite (an in-place update without XAPI calls), as Terraform plans it.
    const rewrite = mayAlias && got === 'in-place' && (ch?.notes ?? []).some((n) => /names the same objects in another form/.test(n));
    if (!accepted.has(got) && !rewrite && !(got === 'no-op' && (sameValue(priorValues[i], laidOut(next, block, e, e.value, instances[i])) || mayAlias))) {
      failures.push({ signature: `edit-class ${key} expected ${[...accepted].join('|')} got ${got}`, step, detail: `${ch?.address ?? instances[i].address}: ${ch ? JSON.stringify(ch.patch).slice(0, 600) : 'no change planned'}` });
    }
  });
  if (!a.ok) {
    const err = errorsOf(a.applyDiagnostics)[0];
    const gap = /MESSAGE_METHOD_UNKNOWN \["([^"]+)"\]/.exec(`${err?.summary} ${err?.detail ?? ''}`);
    const xapi = /\b([A-Z][A-Z_]{4,})\b \[/.exec(`${err?.summary} ${err?.detail ?? ''}`);
    failures.push({ signature: gap ? `simulator-gap ${gap[1]}` : `edit-apply-error ${key} ${err?.code ?? 'unknown'}${xapi ? ` ${xapi[1]}` : ''}`, step, detail: a.applyDiagnostics.map(describeDiagnostic).join('\n') });
    return { outcome: 'failed', failures };
  }
  const after = folder.state();
  instances.forEach((inst) => {
    const addr = inst.address;
    const expected = expectedValue(laidOut(next, block, e, e.value, inst), inst.key, after, { c: next, block, prefix: inst.prefix });
    if (!expected.known) return;
    const got = stateValueAt(instanceAttributes(after, addr), e);
    // A reference may be kept as the UUID of the object the configuration names; the empty next plan checks it is the same one.
    const uuidForm = isReference(e.path) && typeof got === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(got);
    if (!sameValue(got, expected.value) && !uuidForm) failures.push({ signature: `edit-state ${key} not in state`, step, detail: `${addr}: state has ${JSON.stringify(got)}, configuration says ${JSON.stringify(expected.value)}` });
  });
  failures.push(...checkEmptyPlan(await folder.plan(), next, `plan after ${step}`, `edit-not-settled ${key} ->`));
  return { outcome: failures.length ? 'failed' : 'passed', failures };
}

/** A change behind xcpform's back, made with a raw XAPI client. */
export interface DriftKind {
  readonly name: string;
  readonly types: readonly string[];
  /** Makes the change on the object of `attrs`; false when the instance offers nothing to change. */
  readonly make: (raw: import('../../src/simulator/testing/raw-client').RawClient, attrs: Record<string, unknown>) => Promise<boolean>;
}

const XAPI_CLASS: Record<string, string> = {
  xcp_vm: 'VM', xcp_network: 'network', xcp_sr: 'SR', xcp_vdi: 'VDI', xcp_appliance: 'VM_appliance', xcp_private_network: 'network', xcp_vm_snapshot: 'VM',
};

export const DRIFT_KINDS: readonly DriftKind[] = [
  {
    name: 'name_label renamed',
    types: Object.keys(XAPI_CLASS),
    make: async (raw, attrs) => {
      const cls = XAPI_CLASS[String(attrs.__type)];
      const ref = await raw.call<string>(`${cls}.get_by_uuid`, String(attrs.uuid));
      await raw.call(`${cls}.set_name_label`, ref, `${String(attrs.name_label)}-renamed-outside`);
      return true;
    },
  },
  {
    name: 'disk unplugged',
    types: ['xcp_vm'],
    make: async (raw, attrs) => {
      const disks = Array.isArray(attrs.disk) ? (attrs.disk as Record<string, unknown>[]) : [];
      // A disk configured with attached = false is unplugged already (XAPI: DEVICE_ALREADY_DETACHED).
      const vbd = disks.find((d) => typeof d.vbd_uuid === 'string' && d.attached !== false)?.vbd_uuid;
      if (!vbd || attrs.power_state !== 'running') return false;
      const ref = await raw.call<string>('VBD.get_by_uuid', String(vbd));
      await raw.call('VBD.unplug', ref);
      return true;
    },
  },
];

/** One drift on one instance: the plan reports it (drift) and plans the repair; apply; the next plan is empty. */
export async function checkDrift(folder: EngineFolder, c: Case, block: GenBlock, kind: DriftKind): Promise<{ ran: boolean; failures: Failure[] }> {
  const addr = instanceAddresses(c, block)[0];
  const attrs = instanceAttributes(folder.state(), addr);
  if (!attrs || typeof attrs.uuid !== 'string') return { ran: false, failures: [] };
  const step = `drift ${addr}: ${kind.name}`;
  const sig = `${block.type} ${kind.name}`;
  let ran = false;
  const r = await folder.plan(async (client) => {
    ran = await kind.make(await client(String(attrs.pool ?? 'dc1')), { ...attrs, __type: block.type });
  });
  if (!ran) return { ran, failures: [] };
  if (!r.plan || r.plan.errored) return { ran, failures: [{ signature: `drift-plan-error ${sig}`, step, detail: diagText(r.plan ?? r) }] };
  const failures: Failure[] = [];
  const change = r.plan.changes.find((x) => x.address === addr);
  if (!r.plan.drift.some((d) => d.address === addr)) failures.push({ signature: `drift-not-reported ${sig}`, step, detail: `plan.drift has ${r.plan.drift.map((d) => d.address).join(', ') || 'nothing'}` });
  if (!change || change.action === 'no-op') failures.push({ signature: `drift-not-repaired ${sig}`, step, detail: `${addr}: ${change?.action ?? 'absent'}` });
  if (failures.length) return { ran, failures };
  const a = await folder.apply();
  if (!a.ok) return { ran, failures: [{ signature: `drift-repair-apply-error ${sig} ${errorsOf(a.applyDiagnostics)[0]?.code ?? errorsOf(a.plan?.diagnostics)[0]?.code ?? ''}`.trim(), step, detail: [...a.applyDiagnostics, ...(a.plan?.diagnostics ?? [])].map(describeDiagnostic).join('\n') }] };
  return { ran, failures: checkEmptyPlan(await folder.plan(), c, `plan after repair of ${step}`, `drift-not-settled ${sig} ->`) };
}

export { blockAddress };
