/**
 * The two front doors on the same simulator: for a generated configuration, `xcpform plan -out`
 * + `xcpform show -json` and `terraform plan -out` + `terraform show -json` (real terraform
 * through dev_overrides) in one folder, so both see the same embedded world and state. Compared:
 * actions per address, known after-values, unknown paths. Then a state written by either tool
 * must plan empty in the other (create applied by xcpform, an edit applied by terraform).
 */
import { xcpform } from '../helpers/cli';
import { TerraformWorkspace } from '../helpers/tfplugin-terraform';
import { Rng } from './rng';
import { applyEdit, editTargets, generateCase, generateEdit } from './generate';
import { knownCause } from './known-failures';
import { type Case } from './model';
import { writeCase } from './render-hcl';

interface ShownChange { address: string; mode: string; change: { actions: string[]; after: unknown; after_unknown: unknown } }

export interface Disagreement {
  readonly seed: number;
  readonly step: string;
  /** Stable key: `actions xcp_vm`, `after xcp_vm.disk.vdi_uuid`, `unknown xcp_vm.pool`, `tool-error terraform plan`. */
  readonly signature: string;
  readonly detail: string;
}

export interface AgreementResult {
  readonly comparisons: number;
  readonly agreed: number;
  /** Comparisons whose every difference is listed as by design in known-failures.ts. */
  readonly agreedByDesign: number;
  readonly crossChecks: number;
  readonly crossAgreed: number;
  readonly disagreements: Disagreement[];
}

/** Flattens a value to `path → leaf`, with list indices and map keys as path steps. */
function flatten(v: unknown, prefix: string, out: Map<string, unknown>): void {
  if (Array.isArray(v)) { v.forEach((x, i) => flatten(x, `${prefix}[${i}]`, out)); if (!v.length) out.set(prefix, []); return; }
  if (v && typeof v === 'object') { const e = Object.entries(v); e.forEach(([k, x]) => flatten(x, prefix ? `${prefix}.${k}` : k, out)); if (!e.length) out.set(prefix, {}); return; }
  out.set(prefix, v);
}

function unknownPaths(u: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (u === true) out.add(prefix);
  else if (Array.isArray(u)) u.forEach((x, i) => unknownPaths(x, `${prefix}[${i}]`, out));
  else if (u && typeof u === 'object') for (const [k, x] of Object.entries(u)) unknownPaths(x, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** `module.m0[1].data.xcp_vm.found` → `xcp_vm`. */
const typeOf = (address: string): string => address.replace(/^(module\.[\w-]+(\[[^\]]*\])?\.)+/, '').replace(/^data\./, '').split('.')[0];
const stripIndex = (p: string): string => p.replace(/\[\d+\]/g, '').replace(/\.[^.]*$/, (m) => m);

/** The differences between two `show -json` documents' managed resource changes. */
export function compareShown(a: { resource_changes?: ShownChange[] }, b: { resource_changes?: ShownChange[] }): { signature: string; detail: string }[] {
  const out: { signature: string; detail: string }[] = [];
  const bx = new Map((b.resource_changes ?? []).filter((c) => c.mode === 'managed').map((c) => [c.address, c]));
  const ax = new Map((a.resource_changes ?? []).filter((c) => c.mode === 'managed').map((c) => [c.address, c]));
  for (const addr of new Set([...ax.keys(), ...bx.keys()])) {
    const x = ax.get(addr); const y = bx.get(addr);
    const type = typeOf(addr);
    if (!x || !y) { out.push({ signature: `presence ${type}`, detail: `${addr}: ${x ? 'only xcpform' : 'only terraform'} plans it` }); continue; }
    const xa = x.change.actions.join(','); const ya = y.change.actions.join(',');
    if (xa !== ya) { out.push({ signature: `actions ${type} xcpform ${xa} terraform ${ya}`, detail: addr }); continue; }
    const xu = unknownPaths(x.change.after_unknown); const yu = unknownPaths(y.change.after_unknown);
    for (const p of new Set([...xu, ...yu])) {
      if (xu.has(p) !== yu.has(p)) out.push({ signature: `unknown ${type}.${stripIndex(p)} only ${xu.has(p) ? 'xcpform' : 'terraform'}`, detail: `${addr} ${p}` });
    }
    const xf = new Map<string, unknown>(); const yf = new Map<string, unknown>();
    flatten(x.change.after, '', xf); flatten(y.change.after, '', yf);
    const under = (p: string, u: Set<string>): boolean => [...u].some((q) => p === q || p.startsWith(`${q}.`) || p.startsWith(`${q}[`));
    const defaults: string[] = [];
    for (const p of new Set([...xf.keys(), ...yf.keys()])) {
      if (under(p, xu) || under(p, yu)) continue;
      const xv = JSON.stringify(xf.get(p) ?? null); const yv = JSON.stringify(yf.get(p) ?? null);
      if (xv === yv) continue;
      // One cause, many attributes: a schema default one tool plans and the other leaves null (issue 16 finding 7).
      if (yv === 'null' && xv !== 'null') { defaults.push(`${p} = ${xv.slice(0, 40)}`); continue; }
      out.push({ signature: `after ${type}.${stripIndex(p)}`, detail: `${addr} ${p}: xcpform ${xv.slice(0, 80)}, terraform ${yv.slice(0, 80)}` });
    }
    if (defaults.length) out.push({ signature: `after ${type}: xcpform plans values where terraform plans null`, detail: `${addr}: ${defaults.join(', ')}` });
  }
  // One line per cause and address type.
  const seen = new Set<string>();
  return out.filter((d) => (seen.has(d.signature) ? false : (seen.add(d.signature), true)));
}

/**
 * What a plan on the other tool's state changes: per resource type, attributes going to null
 * (`defaults to null`), coming from null (`null to values`), or others by name; outputs apart.
 */
function crossKinds(shown: { resource_changes?: (ShownChange & { change: { before: unknown } })[]; output_changes?: Record<string, { actions: string[] }> }): string[] {
  const kinds = new Set<string>();
  for (const c of shown.resource_changes ?? []) {
    if (c.mode !== 'managed' || c.change.actions.join(',') === 'no-op') continue;
    const type = typeOf(c.address);
    if (c.change.actions.join(',') !== 'update') { kinds.add(`${type} ${c.change.actions.join(',')}`); continue; }
    const before = new Map<string, unknown>(); const after = new Map<string, unknown>();
    flatten(c.change.before, '', before); flatten(c.change.after, '', after);
    const unknown = unknownPaths(c.change.after_unknown);
    const other = new Set<string>();
    // Read-only values an update makes unknown follow from the update; the changed values say why it happens.
    for (const k of new Set([...before.keys(), ...after.keys()])) {
      if ([...unknown].some((u) => k === u || k.startsWith(`${u}.`) || k.startsWith(`${u}[`))) continue;
      const b = JSON.stringify(before.get(k) ?? null); const a = JSON.stringify(after.get(k) ?? null);
      if (a === b) continue;
      if (a === 'null' || a === '[]' || a === '{}') kinds.add(`${type} update: defaults to null`);
      else if (b === 'null' || b === '[]' || b === '{}') kinds.add(`${type} update: null to values`);
      else other.add(k.replace(/\[\d+\]/g, ''));
    }
    if (other.size) kinds.add(`${type} update: ${[...other].sort().join(',')}`);
  }
  for (const [name, o] of Object.entries(shown.output_changes ?? {})) if (o.actions.join(',') !== 'no-op') kinds.add(`output ${o.actions.join(',')} (${name.replace(/^o\d+_/, '')})`);
  return [...kinds];
}

class TwoDoors {
  readonly tf = new TerraformWorkspace();

  private installed = false;

  /** Writes the case; a module is installed for terraform (`terraform get`) the first time one appears. */
  write(c: Case): Disagreement['signature'] | undefined {
    writeCase(this.tf.dir, c);
    if (!c.module || this.installed) return undefined;
    this.installed = true;
    return this.tf.run(['get', '-no-color']).code === 0 ? undefined : 'tool-error terraform get';
  }

  xcp(args: string[]): { code: number; stdout: string; stderr: string } {
    return xcpform(args, { cwd: this.tf.dir });
  }

  shownBoth(): { x?: unknown; t?: unknown; error?: Disagreement['signature']; detail?: string; bothRefused?: boolean } {
    const xp = this.xcp(['plan', '-out', 'x.plan']);
    if (xp.code !== 0) {
      // A configuration both tools refuse at plan time (an edit making it invalid) is agreement.
      if (this.tf.run(['plan', '-no-color']).code === 1) return { bothRefused: true };
      return { error: 'tool-error xcpform plan', detail: `${xp.stdout.slice(-600)}\n${xp.stderr.slice(0, 600)}` };
    }
    const xs = this.xcp(['show', '-json', 'x.plan']);
    const tp = this.tf.run(['plan', '-no-color', '-out', 't.plan']);
    if (tp.code !== 0) return { x: JSON.parse(xs.stdout), error: 'tool-error terraform plan', detail: tp.stderr.slice(0, 600) };
    const ts = this.tf.run(['show', '-json', 't.plan']);
    return { x: JSON.parse(xs.stdout), t: JSON.parse(ts.stdout) };
  }
}

export async function runAgreement(opts: { seed: number; count: number; dataRefs?: boolean; log?: (l: string) => void }): Promise<AgreementResult> {
  const r = { comparisons: 0, agreed: 0, agreedByDesign: 0, crossChecks: 0, crossAgreed: 0, disagreements: [] as Disagreement[] };
  for (let i = 0; i < opts.count; i++) {
    const seed = opts.seed + i;
    const doors = new TwoDoors();
    const compare = (step: string): boolean => {
      const s = doors.shownBoth();
      r.comparisons++;
      if (s.bothRefused) { r.agreed++; r.agreedByDesign++; return false; }
      if (s.error) { r.disagreements.push({ seed, step, signature: s.error, detail: s.detail ?? '' }); return false; }
      const diffs = compareShown(s.x as never, s.t as never);
      for (const d of diffs) r.disagreements.push({ seed, step, ...d });
      if (!diffs.length) r.agreed++;
      if (diffs.every((d) => knownCause(`front-doors ${d.signature}`)?.cause.startsWith('by design'))) r.agreedByDesign++;
      return true;
    };
    const cross = (step: string, tool: 'xcpform' | 'terraform'): void => {
      r.crossChecks++;
      const res = tool === 'xcpform' ? doors.xcp(['plan', '-detailed-exitcode', '-out', 'c.plan']) : doors.tf.run(['plan', '-no-color', '-detailed-exitcode', '-out', 'c.plan']);
      if (res.code === 0) { r.crossAgreed++; return; }
      if (res.code !== 2) { r.disagreements.push({ seed, step, signature: `cross-state ${step}: ${tool} plan failed`, detail: (res.stdout + res.stderr).slice(-1500) }); return; }
      const shown = JSON.parse((tool === 'xcpform' ? doors.xcp(['show', '-json', 'c.plan']) : doors.tf.run(['show', '-json', 'c.plan'])).stdout) as { resource_changes?: (ShownChange & { change: { before: unknown } })[]; output_changes?: Record<string, { actions: string[] }> };
      // One disagreement per resource type and kind of change, so that causes group.
      for (const kind of crossKinds(shown)) r.disagreements.push({ seed, step, signature: `cross-state ${step}: ${tool} plans ${kind}`, detail: (res.stdout + res.stderr).slice(-1500) });
    };
    try {
      const c = generateCase(seed, { dataRefs: opts.dataRefs });
      const got = doors.write(c);
      if (got) { r.disagreements.push({ seed, step: 'terraform get', signature: got, detail: '' }); continue; }
      if (!compare('create')) continue;
      const applied = doors.xcp(['apply', '-auto-approve']);
      if (applied.code !== 0) { r.disagreements.push({ seed, step: 'xcpform apply', signature: 'tool-error xcpform apply', detail: `${applied.stdout.slice(-600)}\n${applied.stderr.slice(0, 600)}` }); continue; }
      cross('state written by xcpform', 'terraform');
      cross('state written by xcpform', 'xcpform');
      const rng = new Rng(seed ^ 0xd00);
      let next: Case | undefined;
      for (const t of rng.shuffle(editTargets(c))) {
        const e = generateEdit(rng, c, t);
        if (e) { next = applyEdit(c, e); break; }
      }
      if (!next) continue;
      doors.write(next);
      if (!compare('edit')) continue;
      const tapply = doors.tf.run(['apply', '-auto-approve', '-no-color']);
      if (tapply.code !== 0) { r.disagreements.push({ seed, step: 'terraform apply (edit)', signature: 'tool-error terraform apply', detail: `${tapply.stdout.slice(-600)}\n${tapply.stderr.slice(0, 600)}` }); continue; }
      cross('state written by terraform', 'xcpform');
      cross('state written by terraform', 'terraform');
    } finally {
      opts.log?.(`front doors seed ${seed}: ${r.agreed}/${r.comparisons} plans agree, ${r.crossAgreed}/${r.crossChecks} cross-state plans empty`);
    }
  }
  return r;
}

export function renderAgreement(r: AgreementResult): string {
  const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
  const lines = [
    `front doors: ${r.agreed}/${r.comparisons} plan comparisons agree (${pct(r.agreed, r.comparisons)}), ${r.agreedByDesign}/${r.comparisons} apart from differences by design (${pct(r.agreedByDesign, r.comparisons)}); ${r.crossAgreed}/${r.crossChecks} cross-tool plans empty (${pct(r.crossAgreed, r.crossChecks)})`,
  ];
  const groups = new Map<string, Disagreement[]>();
  for (const d of r.disagreements) groups.set(d.signature, [...(groups.get(d.signature) ?? []), d]);
  for (const [sig, ds] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`  ${ds.length} × ${sig}  (seeds ${[...new Set(ds.map((d) => d.seed))].slice(0, 6).join(', ')}; ${ds[0].step}: ${ds[0].detail.split('\n')[0].slice(0, 160)})`);
  }
  return lines.join('\n');
}
