/** Decodes `variable`, `locals`, `output` and `terraform` declarations of one file. */
import { error, warning } from '../../diagnostics';
import { Value } from '../../values/value';
import { parseExpression } from '../expr/parse';
import { lazySource } from '../lines';
import { Local, Output, RequiredProvider, TerraformSettings, Validation, Variable } from '../model';
import { exprReferences, referenceOf } from '../references';
import { ANY, ConversionError, convertToType, parseTypeConstraint, TypeConstraint } from '../types';
import { attribute, bareReference, DecodeContext, objects } from './context';
import { decodeConditions } from './lifecycle';

function named(ctx: DecodeContext, kind: string, value: unknown): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const group of objects(value) ?? []) {
    for (const [name, raw] of Object.entries(group)) {
      const bodies = objects(raw);
      if (!bodies || bodies.length !== 1) {
        ctx.diagnostics.push(error('config.malformed', `${ctx.file.path}: ${kind} "${name}" must be one object`, { source: { filename: ctx.file.path } }));
        continue;
      }
      out.push([name, bodies[0]]);
    }
  }
  return out;
}

const boolOf = (v: unknown, dflt: boolean): boolean => (v === undefined || v === null ? dflt : v === true || v === 'true');

export async function decodeVariables(ctx: DecodeContext, value: unknown): Promise<Variable[]> {
  const out: Variable[] = [];
  for (const [name, body] of named(ctx, 'variable', value)) {
    const decl = { kind: 'variable', name } as const;
    const source = lazySource(ctx.file, decl);
    let type: TypeConstraint = ANY;
    if (typeof body.type === 'string') {
      const text = bareReference(body.type)!;
      const parsed = await parseExpression(text);
      const t = parsed.expr ? parseTypeConstraint(parsed.expr) : { error: parsed.error!.summary };
      if ('error' in t) {
        ctx.diagnostics.push(error('config.invalid-type', `Invalid type specification for variable "${name}"`, { detail: `${t.error} (in "${text}").`, source: lazySource(ctx.file, decl, ['type']) }));
      } else type = t;
    }
    let dflt: Value | undefined = body.default === undefined ? undefined : (body.default as Value);
    if (dflt !== undefined && dflt !== null) {
      try {
        dflt = convertToType(dflt, type) as Value;
      } catch (err) {
        ctx.diagnostics.push(error('config.invalid-default', `Invalid default value for variable "${name}"`, {
          detail: `This default value is not compatible with the variable's type constraint: ${(err as ConversionError).message}.`,
          source: lazySource(ctx.file, decl, ['default']),
        }));
      }
    }
    const validations: Validation[] = [];
    for (const [i, v] of (objects(body.validation ?? []) ?? []).entries()) {
      if (!('condition' in v) || !('error_message' in v)) {
        ctx.diagnostics.push(error('config.invalid-validation', `Invalid validation block for variable "${name}"`, { detail: 'A validation block needs both "condition" and "error_message".', source }));
        continue;
      }
      validations.push({
        condition: attribute('condition', v.condition, ctx, decl, ['validation', i, 'condition']),
        errorMessage: attribute('error_message', v.error_message, ctx, decl, ['validation', i, 'error_message']),
      });
    }
    out.push({
      name,
      type,
      default: dflt,
      description: typeof body.description === 'string' ? body.description : undefined,
      sensitive: boolOf(body.sensitive, false),
      nullable: boolOf(body.nullable, true),
      validations,
      source,
    });
  }
  return out;
}

export function decodeLocals(ctx: DecodeContext, value: unknown): Local[] {
  const out: Local[] = [];
  for (const group of objects(value) ?? []) {
    for (const [name, raw] of Object.entries(group)) {
      const attr = attribute(name, raw, ctx, { kind: 'locals', name }, []);
      const refs = new Set<string>();
      exprReferences(attr.expr, refs);
      out.push({ name, value: attr, references: [...refs].sort() });
    }
  }
  return out;
}

/** `depends_on` entries as block addresses (`xcp_vm.web`, `data.xcp_sr.s`). */
export function dependsOnList(ctx: DecodeContext, value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  const out: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    const text = bareReference(item);
    const m = text ? /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?/.exec(text) : null;
    const ref = m ? referenceOf(m[1], [m[2], m[3]].filter(Boolean).map((n) => ({ kind: 'attr' as const, name: n! }))) : undefined;
    if (!ref || ref.startsWith('var.') || ref.startsWith('local.')) {
      ctx.diagnostics.push(error('config.invalid-depends-on', `${where}: invalid depends_on entry ${JSON.stringify(item)}`, {
        detail: 'depends_on lists resources or data sources, such as xcp_network.lan or data.xcp_sr.local.',
        source: { filename: ctx.file.path },
      }));
      continue;
    }
    out.push(ref);
  }
  return out;
}

export function decodeOutputs(ctx: DecodeContext, value: unknown): Output[] {
  const out: Output[] = [];
  for (const [name, body] of named(ctx, 'output', value)) {
    const decl = { kind: 'output', name } as const;
    if (!('value' in body)) {
      ctx.diagnostics.push(error('config.missing-output-value', `Output "${name}" has no value`, { detail: 'An output block needs a value argument.', source: lazySource(ctx.file, decl) }));
      continue;
    }
    const attr = attribute('value', body.value, ctx, decl, ['value']);
    const refs = new Set<string>();
    exprReferences(attr.expr, refs);
    const preconditions = decodeConditions(body, 'precondition', ctx, decl, []);
    for (const c of preconditions) { exprReferences(c.condition.expr, refs); exprReferences(c.errorMessage.expr, refs); }
    out.push({
      name,
      value: attr,
      sensitive: boolOf(body.sensitive, false),
      description: typeof body.description === 'string' ? body.description : undefined,
      dependsOn: dependsOnList(ctx, body.depends_on, `output.${name}`),
      references: [...refs].sort(),
      source: lazySource(ctx.file, decl),
      ...(preconditions.length ? { preconditions } : {}),
    });
  }
  return out;
}

export function decodeTerraform(ctx: DecodeContext, value: unknown, into: { requiredProviders: Record<string, RequiredProvider>; requiredVersion?: string; backend?: TerraformSettings['backend'] }): void {
  for (const block of objects(value) ?? []) {
    if (typeof block.required_version === 'string') into.requiredVersion = block.required_version;
    for (const group of objects(block.required_providers ?? []) ?? []) {
      for (const [name, spec] of Object.entries(group)) {
        if (typeof spec === 'string') into.requiredProviders[name] = { version: spec };
        else if (spec && typeof spec === 'object') {
          const s = spec as Record<string, unknown>;
          into.requiredProviders[name] = { source: typeof s.source === 'string' ? s.source : undefined, version: typeof s.version === 'string' ? s.version : undefined };
        }
      }
    }
    for (const group of objects(block.backend ?? []) ?? []) {
      for (const [type, cfg] of Object.entries(group)) {
        if (into.backend) {
          ctx.diagnostics.push(error('config.duplicate-backend', 'Duplicate backend configuration', { detail: `A configuration may have only one backend; found "${into.backend.type}" and "${type}".`, source: lazySource(ctx.file, { kind: 'terraform', name: '' }, ['backend']) }));
          continue;
        }
        into.backend = { type, config: ((objects(cfg) ?? [{}])[0] ?? {}) as Record<string, Value> };
      }
    }
    for (const key of Object.keys(block)) {
      if (!['required_version', 'required_providers', 'backend', 'cloud', 'experiments', 'provider_meta'].includes(key)) {
        ctx.diagnostics.push(warning('config.unknown-terraform-setting', `terraform.${key} is not understood by xcpform and is ignored`, { source: lazySource(ctx.file, { kind: 'terraform', name: '' }, [key]) }));
      }
    }
  }
}
