/**
 * Terraform's machine-readable UI (`plan -json`, `apply -json`): one JSON object per line with
 * `@level`, `@message`, `@module` ("terraform.ui"), `@timestamp` and `type` (`version`,
 * `diagnostic`, `planned_change`, `change_summary`, `outputs`, `apply_start`,
 * `apply_complete`, `apply_errored`), in the shapes Terraform 1.11 writes (UI version 1.2).
 * Sensitive output values are never written.
 */
import type { Diagnostic } from '../diagnostics';
import type { ApplyEvent } from '../executor/ports';
import type { Plan, ResourceChange } from '../plan/model';
import { moduleOf } from '../render/json/resource-change';
import type { OutputState } from '../state';
import { VERSION } from '../version';

type Emit = (text: string) => void;

function message(level: string, text: string, type: string, extra: Record<string, unknown>): string {
  return `${JSON.stringify({ '@level': level, '@message': text, '@module': 'terraform.ui', '@timestamp': new Date().toISOString(), ...extra, type })}\n`;
}

/** The `resource` object of a change or hook. */
export function resourceJson(c: Pick<ResourceChange, 'address' | 'type' | 'name' | 'index'>): Record<string, unknown> {
  const module = moduleOf(c.address);
  return {
    addr: c.address,
    module,
    resource: module ? c.address.slice(module.length + 1) : c.address,
    implied_provider: c.type.split('_')[0],
    resource_type: c.type,
    resource_name: c.name,
    resource_key: c.index ?? null,
  };
}

const ACTION: Record<ResourceChange['action'], string> = {
  create: 'create', update: 'update', migrate: 'update', replace: 'replace', 'replace-cbd': 'replace', delete: 'delete', read: 'read', 'no-op': 'noop', forget: 'remove',
};

const parts = (address: string): { type: string; name: string; index?: number | string } => {
  const m = /(?:^|\.)((?:data\.)?)([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?$/.exec(address);
  if (!m) return { type: '', name: '' };
  const key = m[4] === undefined ? undefined : m[4].startsWith('"') ? (JSON.parse(m[4]) as string) : Number(m[4]);
  return { type: m[2], name: m[3], ...(key === undefined ? {} : { index: key }) };
};

export class UiJson {
  constructor(private readonly emit: Emit) {}

  version(): void {
    this.emit(message('info', `xcpform ${VERSION}`, 'version', { terraform: VERSION, ui: '1.2' }));
  }

  diagnostics(diags: readonly Diagnostic[]): void {
    for (const d of diags) {
      const level = d.severity === 'error' ? 'error' : 'warn';
      const range = d.source?.filename ? { range: { filename: d.source.filename, start: { line: d.source.line ?? 1, column: 1, byte: 0 }, end: { line: d.source.line ?? 1, column: 1, byte: 0 } } } : {};
      this.emit(message(level, `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`, 'diagnostic', {
        diagnostic: { severity: d.severity === 'error' ? 'error' : 'warning', summary: d.summary, detail: d.detail ?? '', ...(d.address ? { address: d.address } : {}), ...range },
      }));
    }
  }

  /** The planned changes, the summary and the output changes of a plan. */
  plan(plan: Plan): void {
    const changes = [...plan.changes].filter((c) => c.action !== 'no-op' || c.previousAddress || c.importing).sort((a, b) => (a.address < b.address ? -1 : 1));
    let add = 0, change = 0, remove = 0, imported = 0;
    for (const c of changes) {
      const action = c.action === 'no-op' ? (c.importing ? 'import' : 'move') : ACTION[c.action];
      if (c.importing) imported++;
      if (c.mode === 'managed') {
        if (c.action === 'create') add++;
        else if (c.action === 'update' || c.action === 'migrate') change++;
        else if (c.action === 'delete') remove++;
        else if (c.action === 'replace' || c.action === 'replace-cbd') { add++; remove++; }
      }
      this.emit(message('info', `${c.address}: Plan to ${action}`, 'planned_change', {
        change: {
          resource: resourceJson(c),
          ...(c.previousAddress ? { previous_resource: resourceJson({ address: c.previousAddress, ...parts(c.previousAddress) }) } : {}),
          action,
          ...(c.actionReason ? { reason: c.actionReason } : {}),
          ...(c.importing ? { importing: { id: c.importing.id } } : {}),
        },
      }));
    }
    const text = `Plan: ${imported ? `${imported} to import, ` : ''}${add} to add, ${change} to change, ${remove} to destroy.`;
    this.emit(message('info', text, 'change_summary', { changes: { add, change, import: imported, remove, operation: plan.mode === 'destroy' ? 'destroy' : 'plan' } }));
    if (plan.outputs.length) {
      const outputs: Record<string, unknown> = {};
      for (const o of [...plan.outputs].sort((a, b) => (a.name < b.name ? -1 : 1))) outputs[o.name] = { sensitive: o.sensitive, action: o.action === 'no-op' ? 'noop' : o.action };
      this.emit(message('info', `Outputs: ${plan.outputs.length}`, 'outputs', { outputs }));
    }
  }

  /** One executor event as a hook message. */
  applyEvent(e: ApplyEvent, changes: ReadonlyMap<string, ResourceChange>): void {
    const c = changes.get(e.address);
    const resource = resourceJson(c ?? { address: e.address, ...parts(e.address) });
    const action = e.verb === 'destroy' ? 'delete' : e.verb === 'migrate' ? 'update' : e.verb;
    const words = { create: ['Creating...', 'Creation complete', 'Creation errored'], update: ['Modifying...', 'Modifications complete', 'Modifications errored'], delete: ['Destroying...', 'Destruction complete', 'Destruction errored'], read: ['Reading...', 'Read complete', 'Read errored'] }[action]!;
    if (e.type === 'start') this.emit(message('info', `${e.address}: ${words[0]}`, 'apply_start', { hook: { resource, action, ...(e.id ? { id_key: 'id', id_value: e.id } : {}) } }));
    else if (e.type === 'complete') {
      const s = Math.floor(e.elapsedMs / 1000);
      this.emit(message('info', `${e.address}: ${words[1]} after ${s}s${e.id ? ` [id=${e.id}]` : ''}`, 'apply_complete', { hook: { resource, action, ...(e.id ? { id_key: 'id', id_value: e.id } : {}), elapsed_seconds: s } }));
    } else if (e.type === 'failed') this.emit(message('error', `${e.address}: ${words[2]}`, 'apply_errored', { hook: { resource, action } }));
  }

  /** The apply's summary and the outputs it recorded. */
  applied(counts: { added: number; changed: number; migrated: number; destroyed: number }, imported: number, ok: boolean, destroy: boolean, outputs: Readonly<Record<string, OutputState>>): void {
    const text = destroy
      ? `Destroy ${ok ? 'complete' : 'incomplete'}! Resources: ${counts.destroyed} destroyed.`
      : `Apply ${ok ? 'complete' : 'incomplete'}! Resources: ${imported ? `${imported} imported, ` : ''}${counts.added} added, ${counts.changed + counts.migrated} changed, ${counts.destroyed} destroyed.`;
    this.emit(message('info', text, 'change_summary', { changes: { add: counts.added, change: counts.changed + counts.migrated, import: imported, remove: counts.destroyed, operation: destroy ? 'destroy' : 'apply' } }));
    const names = Object.keys(outputs).sort();
    if (!destroy && names.length) {
      const out: Record<string, unknown> = {};
      for (const n of names) out[n] = { sensitive: outputs[n].sensitive ?? false, type: outputs[n].type, ...(outputs[n].sensitive ? {} : { value: outputs[n].value }) };
      this.emit(message('info', `Outputs: ${names.length}`, 'outputs', { outputs: out }));
    }
  }
}
