/**
 * The xcpform front door, in process: a working folder with `main.tf.json`, planned and applied
 * through the same engine calls as `xcpform plan` / `xcpform apply -auto-approve`, against the
 * embedded simulator persisted in the folder (so a raw XAPI client can change the world between
 * runs, behind xcpform's back).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyWorkspacePlan } from '../../src/engine/apply';
import { planWorkspace } from '../../src/engine/plan';
import { Workspace } from '../../src/engine/workspace';
import type { Diagnostic } from '../../src/diagnostics';
import type { Plan } from '../../src/plan/model';
import { RawClient } from '../../src/simulator/testing/raw-client';
import { type Case } from './model';
import { writeCase } from './render-hcl';

export interface PlanResult {
  readonly plan?: Plan;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ApplyResult extends PlanResult {
  readonly applied: boolean;
  readonly ok: boolean;
  readonly applyDiagnostics: readonly Diagnostic[];
}

export function errorsOf(diags: readonly Diagnostic[] | undefined): Diagnostic[] {
  return (diags ?? []).filter((d) => d.severity === 'error');
}

export function describeDiagnostic(d: Diagnostic): string {
  return `${d.severity} [${d.code}] ${d.summary}${d.detail ? `: ${d.detail}` : ''}${d.address ? ` (${d.address})` : ''}`;
}

export class EngineFolder {
  readonly dir = mkdtempSync(join(tmpdir(), 'xcpform-fidelity-'));

  write(c: Case): void {
    writeCase(this.dir, c);
  }

  private async open(): Promise<{ ws?: Workspace; diagnostics: Diagnostic[] }> {
    const { workspace, diagnostics } = await Workspace.open({ dir: this.dir, cwd: this.dir, env: { XCPFORM_REFRESH_CACHE: process.env.XCPFORM_REFRESH_CACHE }, operation: 'OperationTypeApply' });
    return { ws: workspace, diagnostics };
  }

  /** `xcpform plan`; `during` runs with the simulator up before planning (drift made behind xcpform's back). */
  async plan(during?: (client: (pool: string) => Promise<RawClient>) => Promise<void>): Promise<PlanResult> {
    const { ws, diagnostics } = await this.open();
    if (!ws) return { diagnostics };
    try {
      if (during) {
        const runtime = await ws.runtime();
        await during(async (pool) => {
          const raw = new RawClient(runtime.url(pool)!);
          await raw.login();
          return raw;
        });
      }
      const r = await planWorkspace(ws, { mode: 'normal' });
      return { plan: r.plan, diagnostics: [...diagnostics, ...r.diagnostics] };
    } finally {
      await ws.close();
    }
  }

  /** `xcpform apply -auto-approve`: plan, and apply when the plan has changes and no errors. */
  async apply(): Promise<ApplyResult> {
    const { ws, diagnostics } = await this.open();
    if (!ws) return { diagnostics, applied: false, ok: false, applyDiagnostics: [] };
    try {
      const r = await planWorkspace(ws, { mode: 'normal' });
      const all = [...diagnostics, ...r.diagnostics];
      if (!r.plan || r.plan.errored) return { plan: r.plan, diagnostics: all, applied: false, ok: false, applyDiagnostics: [] };
      const res = await applyWorkspacePlan(ws, r.plan, {});
      return { plan: r.plan, diagnostics: all, applied: true, ok: res.ok && errorsOf(res.diagnostics).length === 0, applyDiagnostics: res.diagnostics };
    } finally {
      await ws.close();
    }
  }

  /** The state file, parsed (empty before the first apply). */
  state(): { resources: { module?: string; mode: string; type: string; name: string; instances: { index_key?: string | number; attributes: Record<string, unknown> }[] }[]; outputs: Record<string, { value: unknown }> } {
    try {
      return JSON.parse(readFileSync(join(this.dir, 'terraform.tfstate'), 'utf8'));
    } catch {
      return { resources: [], outputs: {} };
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The attributes of one instance in a parsed state; the address may start with module steps (`module.m0["x"].xcp_vm.vm0[1]`). */
export function instanceAttributes(state: ReturnType<EngineFolder['state']>, address: string): Record<string, unknown> | undefined {
  const m = /^((?:module\.[\w-]+(?:\[(?:\d+|"[^"]*")\])?\.)*)(data\.)?(xcp_[a-z_]+)\.([\w-]+)(?:\[(?:(\d+)|"([^"]*)")\])?$/.exec(address);
  if (!m) return undefined;
  const module = m[1] ? m[1].slice(0, -1) : undefined;
  const mode = m[2] ? 'data' : 'managed';
  const r = state.resources.find((x) => x.module === module && x.mode === mode && x.type === m[3] && x.name === m[4]);
  const key = m[5] !== undefined ? Number(m[5]) : m[6];
  return r?.instances.find((i) => i.index_key === key)?.attributes;
}
