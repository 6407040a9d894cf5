/**
 * Structural checks of the blocks xcpform decodes by hand rather than through a provider schema:
 * `lifecycle` (with its `precondition` / `postcondition` blocks), `moved`, `import` and
 * `removed`. A misspelt name must not pass silently (a `create_befor_destroy = true` that is
 * ignored changes what apply does), so every unexpected name is an error naming it, with the
 * closest expected name, in Terraform's words ("Unsupported argument").
 */
import { Diagnostic, error } from '../diagnostics';
import { suggest } from './schema-check';

/** What a body may contain. */
export interface BodySpec {
  readonly attributes: readonly string[];
  readonly required?: readonly string[];
  /** Nested block types; `max` limits repetitions (1 for `lifecycle`). */
  readonly blocks?: Readonly<Record<string, BodySpec & { readonly max?: number }>>;
  /** Names that are valid elsewhere but not here, with the error to give instead (data source lifecycle arguments). */
  readonly misplaced?: (name: string) => { summary: string; detail: string } | undefined;
}

/** Where the body is: the file, how to find a line for a path inside it, and the address for diagnostics. */
export interface BodyLocation {
  readonly filename: string;
  readonly line: (path: readonly (string | number)[]) => number | undefined;
  readonly address?: string;
}

/** Precondition and postcondition blocks. */
export const CONDITION_SPEC: BodySpec = { attributes: ['condition', 'error_message'], required: ['condition', 'error_message'] };

/** A resource's `lifecycle` block. */
export const RESOURCE_LIFECYCLE_SPEC: BodySpec = {
  attributes: ['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by'],
  blocks: { precondition: CONDITION_SPEC, postcondition: CONDITION_SPEC },
};

/** A data source's `lifecycle` block: conditions only. */
export const DATA_LIFECYCLE_SPEC: BodySpec = {
  attributes: [],
  blocks: { precondition: CONDITION_SPEC, postcondition: CONDITION_SPEC },
  misplaced: (name) => (RESOURCE_LIFECYCLE_SPEC.attributes.includes(name)
    ? { summary: 'Invalid data resource lifecycle argument', detail: `The lifecycle argument "${name}" is defined only for managed resources ("resource" blocks), and is not valid for data resources.` }
    : undefined),
};

function asBlocks(value: unknown): Record<string, unknown>[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  return items.length > 0 && items.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) ? (items as Record<string, unknown>[]) : undefined;
}

/**
 * Checks one body (a JSON-syntax object, as hcl2json produces) against `spec`; `path` is the
 * body's path from the enclosing declaration (for lines), `kind` its block type (for messages).
 */
export function checkBody(raw: Record<string, unknown>, spec: BodySpec, at: BodyLocation, path: readonly (string | number)[], kind: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (p: readonly (string | number)[]) => ({ ...(at.address ? { address: at.address } : {}), source: { filename: at.filename, line: at.line(p) } });
  const blockNames = Object.keys(spec.blocks ?? {});
  for (const [name, value] of Object.entries(raw)) {
    const p = [...path, name];
    if (spec.attributes.includes(name)) continue;
    const nested = spec.blocks?.[name];
    if (nested) {
      const bodies = asBlocks(value);
      if (!bodies) {
        out.push(error('config.unsupported-argument', 'Unsupported argument', { ...where(p), detail: `An argument named "${name}" is not expected here. Did you mean to define a block of type "${name}"?` }));
        continue;
      }
      if (nested.max !== undefined && bodies.length > nested.max) {
        out.push(error('config.duplicate-block', `Duplicate ${name} block`, { ...where([...p, nested.max]), detail: `Only one ${name} block is allowed in a ${kind} block.` }));
      }
      bodies.forEach((b, i) => out.push(...checkBody(b, nested, at, [...p, i], name)));
      continue;
    }
    const moved = spec.misplaced?.(name);
    if (moved) {
      out.push(error('config.unsupported-argument', moved.summary, { ...where(p), detail: moved.detail }));
      continue;
    }
    const isBlock = Array.isArray(value) && value.length > 0 && value.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
    if (isBlock) {
      const hint = suggest(name, blockNames);
      out.push(error('config.unsupported-block', 'Unsupported block type', { ...where(p), detail: `Blocks of type "${name}" are not expected here.${hint ? ` Did you mean "${hint}"?` : ''}` }));
    } else {
      const hint = suggest(name, spec.attributes);
      out.push(error('config.unsupported-argument', 'Unsupported argument', { ...where(p), detail: `An argument named "${name}" is not expected here.${hint ? ` Did you mean "${hint}"?` : ''}` }));
    }
  }
  for (const name of spec.required ?? []) {
    if (!(name in raw)) out.push(error('config.missing-argument', 'Missing required argument', { ...where(path), detail: `The argument "${name}" is required, but no definition was found.` }));
  }
  return out;
}

/** Checks the `lifecycle` block(s) of a resource or data block body. */
export function checkLifecycle(body: Record<string, unknown>, mode: 'managed' | 'data', at: BodyLocation): Diagnostic[] {
  if (!('lifecycle' in body)) return [];
  const spec: BodySpec = { attributes: [], blocks: { lifecycle: { ...(mode === 'data' ? DATA_LIFECYCLE_SPEC : RESOURCE_LIFECYCLE_SPEC), max: 1 } } };
  const out = checkBody({ lifecycle: body.lifecycle }, spec, at, [], mode === 'data' ? 'data' : 'resource');
  for (const d of out) if (d.code === 'config.duplicate-block') Object.assign(d, { detail: `This ${mode === 'data' ? 'data source' : 'resource'} already has a lifecycle block; merge the two.` });
  out.push(...checkConditionExpressions(body.lifecycle, at, ['lifecycle']));
  return out;
}

/**
 * A condition that refers to nothing checks nothing (Terraform rejects it): a literal, or a
 * template without any `name.attribute` traversal inside, is an error.
 */
export function checkConditionExpressions(container: unknown, at: BodyLocation, path: readonly (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bodies = asBlocks(container) ?? [];
  bodies.forEach((body, bi) => {
    for (const kind of ['precondition', 'postcondition'] as const) {
      (asBlocks(body[kind]) ?? []).forEach((c, i) => {
        if (!('condition' in c)) return;
        const v = c.condition;
        const refers = typeof v === 'string' && /\$\{[^}]*[A-Za-z_][\w-]*(\.|\[)/.test(v);
        if (refers) return;
        const p = [...path, ...(bodies.length > 1 ? [bi] : []), kind, i, 'condition'];
        out.push(error('config.condition-refers-to-nothing', `Invalid ${kind} expression`, {
          ...(at.address ? { address: at.address } : {}),
          source: { filename: at.filename, line: at.line(p) },
          detail: 'The condition expression must refer to at least one object from elsewhere in the configuration, or else its result would not be checking anything.',
        }));
      });
    }
  });
  return out;
}
