/**
 * One resource change as Terraform prints it: the `# ADDR will be ...` comment lines (plus
 * xcpform's migration and shutdown lines) and the `<symbol> resource "TYPE" "NAME" {` body.
 */
import type { Action, ResourceChange } from '../../plan/model';
import { migrationSentence } from '../format';
import { changeSensitivity, SchemaLookup, providerSchemas } from '../sensitivity';
import { AttrPath } from '../../plan/paths';
import type { AttributeSchema, BlockSchema } from '../../schema/model';
import { DiffContext, diffBlock, DiffNode, NodeFlags } from './diff-tree';
import { paint, symbol, TextStyle } from './style';
import { renderBlock } from './values';

/** Why a change is shown: planned, or found by refresh (drift). */
export type ChangeCause = 'planned' | 'drift';

const key = (p: AttrPath) => JSON.stringify(p);
const NO_FLAGS: NodeFlags = {};

/** The index as Terraform writes it in reasons: `[2]`, `["x"]`. */
export function indexText(index: number | string | undefined): string {
  return index === undefined ? '' : typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
}

/** The header comment lines, each `  # ...`, without the trailing newline. */
export function headerLines(change: ResourceChange, style: TextStyle, cause: ChangeCause = 'planned'): string[] {
  const addr = paint(style, `  # ${change.address}`, 'bold');
  const red = (s: string) => paint(style, s, 'bold', 'red');
  const lines: string[] = [];
  if (cause === 'drift') {
    lines.push(change.action === 'delete' ? `${addr} has been deleted` : `${addr} has changed`);
    return lines;
  }
  // moved / import / removed statements (Terraform's wording).
  if (change.action === 'no-op' && change.previousAddress) return [paint(style, `  # ${change.previousAddress} has moved to ${change.address}`, 'bold')];
  if (change.action === 'no-op' && change.importing) return [`${addr} will be imported`];
  if (change.action === 'forget') {
    return [paint(style, ` # ${change.address}`, 'bold') + ' will no longer be managed by xcpform, but will not be destroyed', ' # (destroy = false is set in the configuration)'];
  }
  switch (change.action) {
    case 'create':
      lines.push(`${addr} will be created`);
      break;
    case 'read':
      lines.push(`${addr} will be read during apply`);
      if (change.actionReason === 'read_because_config_unknown') lines.push('  # (config refers to values not yet known)');
      if (change.actionReason === 'read_because_dependency_pending') lines.push('  # (depends on a resource or a module with changes pending)');
      break;
    case 'update':
      lines.push(`${addr} will be updated in-place`);
      break;
    case 'migrate':
      lines.push(`${addr} will be ${paint(style, 'migrated', 'bold', 'magenta')}`);
      if (change.migration) lines.push(`  # (${migrationSentence(change.migration)})`);
      break;
    case 'replace':
    case 'replace-cbd':
      if (change.actionReason === 'replace_because_tainted') lines.push(`${addr} is tainted, so must be ${red('replaced')}`);
      else if (change.actionReason === 'replace_by_request') lines.push(`${addr} will be ${red('replaced')}, as requested`);
      else if (change.actionReason === 'replace_by_triggers') lines.push(`${addr} will be ${red('replaced')} due to changes in replace_triggered_by`);
      else lines.push(`${addr} must be ${red('replaced')}`);
      break;
    case 'delete':
      lines.push(`${addr} will be ${red('destroyed')}`);
      if (change.actionReason === 'delete_because_no_resource_config') lines.push(`  # (because ${change.type}.${change.name} is not in configuration)`);
      if (change.actionReason === 'delete_because_count_index') lines.push(`  # (because index ${indexText(change.index)} is out of range for count)`);
      if (change.actionReason === 'delete_because_each_key') lines.push(`  # (because key ${indexText(change.index)} is not in for_each map)`);
      break;
    default:
      break;
  }
  if (change.previousAddress) lines.push(`  # (moved from ${change.previousAddress})`);
  if (change.importing) lines.push(`  # (imported from ${JSON.stringify(change.importing.id)})`);
  if ((change.action === 'update' || change.action === 'migrate') && change.haltPaths.length) {
    lines.push(`  # (${change.address} will be shut down cleanly, updated and started again)`);
  }
  for (const note of change.notes) lines.push(`  # (${note.replace(/\.$/, '')})`);
  return lines;
}

/** Options of {@link renderResourceChange}. */
export interface ResourceTextOptions {
  readonly style: TextStyle;
  readonly cause?: ChangeCause;
  readonly schemas?: SchemaLookup;
}

/** The diff tree of a change's values, with sensitivity and per-path markers applied. */
export function changeTree(change: ResourceChange, schemas: SchemaLookup = providerSchemas): Extract<DiffNode, { kind: 'block' }> {
  const sens = changeSensitivity(change, schemas);
  const replace = new Set(change.replacePaths.map(key));
  const migrate = new Set(change.migratePaths.map(key));
  const halt = new Set(change.haltPaths.map(key));
  const ctx: DiffContext = {
    sensitive: (p) => sens.before.isSensitive(p) || sens.after.isSensitive(p),
    flags: (p): NodeFlags => {
      if (!p.length || (!replace.size && !migrate.size && !halt.size)) return NO_FLAGS;
      const k = key(p);
      return { replace: replace.has(k) || undefined, migrate: migrate.has(k) || undefined, halt: halt.has(k) || undefined };
    },
  };
  const block: BlockSchema = schemas(change.mode, change.type)?.block ?? { description: '', attributes: {} };
  const schemaless = !Object.keys(block.attributes).length;
  const node = schemaless
    ? diffBlock(inferredBlock(change), change.before, change.after, [], ctx)
    : diffBlock(block, change.before, change.after, [], ctx);
  return node as Extract<DiffNode, { kind: 'block' }>;
}

/** Without a schema every top-level key is a dynamic attribute (unknown resource types). */
function inferredBlock(change: ResourceChange): BlockSchema {
  const names = new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})]);
  const attributes: Record<string, AttributeSchema> = {};
  for (const n of names) attributes[n] = { type: 'dynamic', description: '' };
  return { description: '', attributes };
}

/** Header lines, then `<symbol> resource "TYPE" "NAME" {...}`; no trailing newline. */
export function renderResourceChange(change: ResourceChange, opts: ResourceTextOptions): string {
  const cause = opts.cause ?? 'planned';
  const action: Action = cause === 'drift' ? (change.action === 'delete' ? 'delete' : 'update') : change.action;
  // A forgotten object stays as it is: shown unchanged, not as removed attributes.
  const tree = changeTree(change.action === 'forget' ? { ...change, after: change.before, afterSensitive: change.beforeSensitive } : change, opts.schemas);
  const body = renderBlock(tree, 0, { style: opts.style });
  const kind = change.mode === 'data' ? 'data' : 'resource';
  const head = `${symbol(opts.style, action)} ${kind} ${JSON.stringify(change.type)} ${JSON.stringify(change.name)} ${body}`;
  return [...headerLines(change, opts.style, cause), head].join('\n');
}
