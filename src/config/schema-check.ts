/**
 * Checks configuration blocks against the provider schema with ajv, using the JSON Schema
 * generated from the schema model. Every problem becomes a diagnostic naming the file (and
 * line, when it can be found), the block address and the attribute path.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { conforms, CtyType, describeType } from '../schema/cty-type';
import { checkElements } from '../schema/check';
import { blockJsonSchema, normalizeBlocks } from '../schema/json-schema';
import { ResourceSchema } from '../schema/model';
import { Validator } from '../schema/validators';
import { parseBytes } from '../values/bytes';
import { Diagnostic, error, formatPath } from '../diagnostics';
import { ConfigBlock, blockAddress } from './blocks';
import { locate } from './locate';

/** True for strings holding a template or reference, whose value is known only after evaluation. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

type KeywordFn = ((schema: unknown, data: unknown) => boolean) & { errors?: Partial<ErrorObject>[] };

function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  const ctyKind: KeywordFn = (kind, data) => {
    if (data === null || isExpression(data)) return true;
    const ok = kind === 'bytes' ? conforms('number', data) || (typeof data === 'string' && parseBytes(data) !== undefined)
      : kind === 'list' || kind === 'set' ? Array.isArray(data)
      : kind === 'map' || kind === 'object' ? typeof data === 'object' && !Array.isArray(data)
      : conforms(kind as CtyType, data);
    if (!ok) ctyKind.errors = [{ keyword: 'ctyKind', message: kind === 'bytes' ? 'must be a number of bytes or a size such as "20GiB"' : `must be ${article(describeType(kind as CtyType))}`, params: {} }];
    return ok;
  };
  ajv.addKeyword({ keyword: 'ctyKind', errors: true, validate: ctyKind });
  const xcpValidators: KeywordFn = (spec, data) => {
    const { type, validators } = spec as { type: CtyType; validators: Validator[] };
    if (data === null || isExpression(data)) return true;
    if (typeof data === 'string' && type === 'number' && parseBytes(data) !== undefined) data = parseBytes(data);
    const known = Array.isArray(data) ? data.filter((x) => !isExpression(x)) : data;
    for (const val of validators) {
      const msg = checkElements(type, val, known);
      if (msg) {
        xcpValidators.errors = [{ keyword: 'xcpValidators', message: msg, params: {} }];
        return false;
      }
    }
    return true;
  };
  ajv.addKeyword({ keyword: 'xcpValidators', errors: true, validate: xcpValidators });
  const xcpReadOnly: KeywordFn = () => {
    xcpReadOnly.errors = [{ keyword: 'xcpReadOnly', message: 'is read-only: its value is decided by XAPI and cannot be set', params: {} }];
    return false;
  };
  ajv.addKeyword({ keyword: 'xcpReadOnly', errors: true, validate: xcpReadOnly });
  return ajv;
}

function article(noun: string): string {
  return /^(any|list|map|set)/.test(noun) ? noun.replace(/^(list|map|set)/, 'a $1') : /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

export class SchemaChecker {
  private readonly ajv = makeAjv();
  private readonly compiled = new Map<ResourceSchema, ValidateFunction>();

  private validator(schema: ResourceSchema): ValidateFunction {
    let fn = this.compiled.get(schema);
    if (!fn) {
      fn = this.ajv.compile(blockJsonSchema(schema.block, schema.kind));
      this.compiled.set(schema, fn);
    }
    return fn;
  }

  /** Checks one block body against a schema. */
  check(block: ConfigBlock, schema: ResourceSchema): Diagnostic[] {
    const address = blockAddress(block);
    const body = normalizeBlocks(schema.block, block.body);
    const fn = this.validator(schema);
    if (fn(body)) return [];
    const seen = new Set<string>();
    const diags: Diagnostic[] = [];
    for (const err of fn.errors ?? []) {
      const d = toDiagnostic(err, address, block, schema);
      const key = `${formatPath(d.path ?? [])}|${d.summary}`;
      if (!seen.has(key)) { seen.add(key); diags.push(d); }
    }
    return diags;
  }
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toDiagnostic(err: ErrorObject, address: string, block: ConfigBlock, schema: ResourceSchema): Diagnostic {
  let path = pathOf(err.instancePath);
  let message = err.message ?? 'is invalid';
  let code = 'config.invalid-value';
  if (err.keyword === 'additionalProperties') {
    const name = String((err.params as { additionalProperty: string }).additionalProperty);
    path = [...path, name];
    const candidates = namesAt(schema, path.slice(0, -1));
    const hint = suggest(name, candidates);
    message = `unsupported argument${hint ? `; did you mean "${hint}"?` : ''}`;
    code = 'config.unknown-attribute';
  } else if (err.keyword === 'required') {
    path = [...path, String((err.params as { missingProperty: string }).missingProperty)];
    message = 'is required but not set';
    code = 'config.missing-attribute';
  } else if (err.keyword === 'maxItems' || err.keyword === 'minItems') {
    const limit = (err.params as { limit: number }).limit;
    message = err.keyword === 'maxItems' ? `at most ${limit} block${limit === 1 ? '' : 's'} allowed` : `at least ${limit} block${limit === 1 ? '' : 's'} required`;
    code = 'config.block-count';
  } else if (err.keyword === 'type') {
    message = `must be ${err.params && (err.params as { type: string }).type === 'array' ? 'a block' : 'an object'}`;
  } else if (err.keyword === 'xcpReadOnly') {
    code = 'config.read-only-attribute';
  }
  const where = formatPath(path);
  const summary = `${address}: attribute "${where}": ${message}`;
  const line = locate(block.file, block, path);
  return error(code, summary, {
    address,
    path,
    source: { filename: block.file.path, line },
  });
}

function namesAt(schema: ResourceSchema, path: (string | number)[]): string[] {
  let block = schema.block;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    const bt = block.blockTypes?.[seg];
    if (!bt) return [];
    block = bt.block;
  }
  return [...Object.keys(block.attributes), ...Object.keys(block.blockTypes ?? {})];
}

/** The closest name within a small edit distance, for "did you mean". */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDist) { best = c; bestDist = d; }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
