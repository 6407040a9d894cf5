/**
 * `moved`, `import` and `removed` statements at plan time. Before any block is planned, the
 * prior state is rewritten as Terraform does: moved objects take their new address, imported
 * objects (read through the resource's pure `import` over the refreshed world) join it, so
 * the ordinary planning of each instance diffs them against their configuration instead of
 * creating duplicates or destroying and recreating. The changes are then marked
 * (`previousAddress`, `importing`), and deletions of objects a `removed { lifecycle { destroy =
 * false } }` covers become `forget`.
 */
import { Diagnostic, error, warning } from '../diagnostics';
import { resourceType } from '../resources/registry';
import type { WorldSnapshot } from '../resources/snapshot';
import type { ObjectValue } from '../values/value';
import type { ResourceChange } from './model';
import { applyMoves, ExpansionOf } from './moves';
import type { BlockInfo, ConfigPort, PriorResource } from './ports';

export interface StatementsInput {
  readonly config: ConfigPort;
  readonly prior: readonly PriorResource[];
  readonly refreshed?: ReadonlyMap<string, ObjectValue | null>;
  readonly world: WorldSnapshot;
  readonly defaultPool: string;
  /** Destroy and refresh-only plans move objects but import nothing. */
  readonly importing: boolean;
}

export interface ResolvedStatements {
  readonly prior: PriorResource[];
  readonly refreshed?: Map<string, ObjectValue | null>;
  /** New address → address in the prior state. */
  readonly previous: ReadonlyMap<string, string>;
  /** New address → the moved block that moved it. */
  readonly moveSources: ReadonlyMap<string, { readonly filename: string; readonly line?: number }>;
  /** Address → import id. */
  readonly imports: ReadonlyMap<string, string>;
  /** Address → the import block that imports it. */
  readonly importSources?: ReadonlyMap<string, { readonly filename: string; readonly line?: number }>;
  readonly diagnostics: Diagnostic[];
}

/** No statements: the input as it is, without copies. */
function unchanged(input: StatementsInput): ResolvedStatements {
  return { prior: input.prior as PriorResource[], refreshed: input.refreshed as Map<string, ObjectValue | null> | undefined, previous: new Map(), moveSources: new Map(), imports: new Map(), diagnostics: [] };
}

export function resolveStatements(input: StatementsInput): ResolvedStatements {
  const st = input.config.statements;
  if (!st) return unchanged(input);
  const expansion = expansionFromPort(input.config);
  const moved = applyMoves(input.prior, st.moved, expansion);
  const diagnostics = [...moved.diagnostics];
  const prior = moved.prior;
  const targets = input.importing ? st.evaluateImports(() => undefined) : { imports: [], diagnostics: [] };
  diagnostics.push(...targets.diagnostics);
  // The refreshed map is copied only when something changes it (a plan of 100k instances without statements copies nothing).
  const refreshed = input.refreshed && (moved.previous.size || targets.imports.length) ? new Map(input.refreshed) : input.refreshed as Map<string, ObjectValue | null> | undefined;
  if (refreshed && moved.previous.size) {
    for (const [to, from] of moved.previous) if (input.refreshed!.has(from)) { refreshed.set(to, input.refreshed!.get(from)!); if (!moved.previous.has(from)) refreshed.delete(from); }
  }
  const imports = new Map<string, string>();
  const importSources = new Map<string, { readonly filename: string; readonly line?: number }>();
  const taken = new Set(targets.imports.length ? prior.map((p) => p.address) : []);
  for (const t of targets.imports) {
    if (taken.has(t.to)) continue; // already managed: Terraform does nothing
    const block = input.config.blocks.find((b) => b.address === t.to.replace(/\[[^\]]*\]$/, ''));
    if (!block) continue; // reported by the loader
    const obj = importObject(block, t, input, prior, diagnostics);
    if (!obj) continue;
    const m = /\[(\d+|"(?:[^"\\]|\\.)*")\]$/.exec(t.to);
    const index = m ? (m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : Number(m[1])) : undefined;
    prior.push({ address: t.to, mode: 'managed', type: block.type, name: block.name, ...(index === undefined ? {} : { index }), providerConfig: block.providerConfig, attributes: obj, dependencies: [] });
    refreshed?.set(t.to, obj);
    taken.add(t.to);
    imports.set(t.to, t.id);
    importSources.set(t.to, t.source);
  }
  return { prior, refreshed, previous: moved.previous, moveSources: moved.sources, imports, importSources, diagnostics };
}

function expansionFromPort(config: ConfigPort): ExpansionOf {
  const exp = config.statements?.expansionOf;
  return exp ?? ((address) => (config.blocks.some((b) => b.address === address) ? 'none' : undefined));
}

function importObject(block: BlockInfo, t: { to: string; id: string; source: { filename: string; line?: number } }, input: StatementsInput, prior: readonly PriorResource[], diagnostics: Diagnostic[]): ObjectValue | undefined {
  const at = { address: t.to, source: t.source };
  const rt = resourceType(block.type);
  if (!rt?.import) {
    diagnostics.push(error('plan.import-unsupported', `${block.type} cannot be imported`, { ...at, detail: `The import block for ${t.to} names a resource type that xcpform cannot import. Remove the import block.` }));
    return undefined;
  }
  const res = rt.import({ id: t.id, world: input.world, defaultPool: input.defaultPool });
  if (!res.state) {
    const why = (res.diagnostics ?? []).map((d) => `${d.summary}${d.detail ? `. ${d.detail}` : ''}`).join('\n');
    diagnostics.push(error('plan.import-missing', 'Cannot import non-existent remote object', {
      ...at,
      detail: `While attempting to import an existing object to "${t.to}" (import block at ${t.source.filename}${t.source.line ? ` line ${t.source.line}` : ''}), xcpform found no object with the id "${t.id}".${why ? `\n${why}` : ''}\n\nOnly pre-existing objects can be imported: check the id (<pool>/<uuid>), or remove the import block to let apply create a new object.`,
    }));
    return undefined;
  }
  const uuid = res.state.uuid ?? res.state.id;
  const owner = uuid ? prior.find((p) => p.type === block.type && (p.attributes.uuid ?? p.attributes.id) === uuid) : undefined;
  if (owner) {
    diagnostics.push(error('plan.import-duplicate', 'Object already managed', {
      ...at,
      detail: `The object "${t.id}" is already managed by xcpform as ${owner.address}. One object can be managed at one address only: remove the import block, or use a moved block to change its address.`,
    }));
    return undefined;
  }
  return res.state;
}

/** Marks the planned changes with their move and import, and turns forgotten deletions into `forget`. */
export function markChanges(changes: ResourceChange[], resolved: ResolvedStatements, config: ConfigPort, diagnostics: Diagnostic[]): ResourceChange[] {
  const removed = config.statements?.removed ?? [];
  const forgotten: string[] = [];
  // An imported instance the expansion does not have (xcp_vm.web[3] with count = 1) would be
  // imported and destroyed in one plan: Terraform refuses it.
  const orphans = new Set(resolved.imports.size ? changes.filter((c) => c.action === 'delete' && resolved.imports.has(c.address)).map((c) => c.address) : []);
  for (const a of orphans) {
    diagnostics.push(error('plan.import-target-not-declared', 'Configuration for import target does not exist', {
      address: a,
      ...(resolved.importSources?.get(a) ? { source: resolved.importSources.get(a) } : {}),
      detail: `The configuration for the given import ${a} does not exist. All target instances must have an associated configuration to be imported.`,
    }));
  }
  const out = changes.filter((c) => !orphans.has(c.address)).map((c) => {
    let next = c;
    const previous = resolved.previous.get(c.address);
    if (previous) next = { ...next, previousAddress: previous };
    const id = resolved.imports.get(c.address);
    if (id !== undefined) next = { ...next, importing: { id } };
    if (next.action === 'delete' && next.mode === 'managed') {
      const r = removed.find((x) => c.address === x.from || c.address.startsWith(`${x.from}[`) || c.address.startsWith(`${x.from}.`));
      if (r && !r.destroy) { next = { ...next, action: 'forget' }; forgotten.push(c.address); }
    }
    return next;
  });
  // A moved instance whose old address the configuration still declares (after expansion).
  const declared = new Set(resolved.previous.size ? changes.filter((c) => c.action !== 'delete').map((c) => c.address) : []);
  for (const [to, from] of resolved.previous) {
    const source = resolved.moveSources.get(to);
    if (!source || !declared.has(from)) continue;
    diagnostics.push(error('plan.moved-object-exists', 'Moved object still exists', {
      source,
      detail: `This statement declares a move from ${from}, but that resource instance is still declared in the configuration.\n\nChange your configuration so that this resource instance will be declared as ${to} instead.`,
    }));
  }
  for (const r of removed) {
    const block = config.blocks.find((b) => b.address === r.from);
    if (block) {
      diagnostics.push(error('plan.removed-still-declared', 'Removed resource still exists', {
        source: r.source,
        detail: `This statement declares that ${r.from} was removed, but it is still declared in configuration${block.source ? ` at ${block.source.filename}${block.source.line ? ` line ${block.source.line}` : ''}` : ''}. Delete the resource block, or the removed block.`,
      }));
    }
  }
  if (forgotten.length) {
    diagnostics.push(warning('plan.objects-forgotten', 'Some objects will no longer be managed by xcpform', {
      detail: `If you apply this plan, xcpform will discard its tracking information for the following objects, but it will not delete them:\n${forgotten.map((a) => ` - ${a}`).join('\n')}\n\nAfter applying this plan, xcpform will no longer manage these objects. You will need to import them into xcpform to manage them again.`,
    }));
  }
  return out;
}
