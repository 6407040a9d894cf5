/**
 * Values of input variables, from (lowest to highest precedence) the declared default,
 * `TF_VAR_<name>` environment variables, `terraform.tfvars`, `terraform.tfvars.json`,
 * `*.auto.tfvars(.json)` in name order, then `-var` and `-var-file` in command-line order.
 * Values given as strings (`-var`, environment) are taken literally for untyped variables and
 * primitive types and parsed as HCL otherwise (`-var 'tags=["a","b"]'`), as Terraform does. Each value is converted
 * to the declared type, null is checked against `nullable`, sensitive values are marked, and
 * validation blocks are run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Diagnostic, error, warning } from '../diagnostics';
import { markSensitive, MarkedValue, deepUnmark } from '../values/sensitive';
import { isUnknown, Value } from '../values/value';
import { evaluate, ExprScope } from './expr/evaluate';
import { parseExpression } from './expr/parse';
import { EvalError, toStr } from './expr/value-ops';
import { displayPath, stripComments } from './files';
import { collectTemplates, jsonToExpr, parseAll } from './decode/context';
import { SourceRef, Variable } from './model';
import { ANY, ConversionError, convertToType } from './types';

/** One `-var NAME=VALUE` or `-var-file FILE` argument, in command-line order. */
export type VariableArg = { readonly var: string } | { readonly varFile: string };

export interface VariableOptions {
  /** `-var` / `-var-file` arguments in the order given. */
  readonly args?: readonly VariableArg[];
  /** Environment to read `TF_VAR_*` from (the CLI passes process.env; nothing is read by default). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface Given {
  readonly value: Value;
  /** A raw string from the command line or environment, to be parsed unless the type is primitive. */
  readonly raw: boolean;
  readonly origin: string;
  readonly source?: SourceRef;
}

const NO_REFERENCES: ExprScope = {
  baseDir: '.',
  lookup(root) {
    throw new EvalError('Variables not allowed', `Variable values must be literal values; "${root}" cannot be referred to here.`);
  },
};

export async function resolveVariables(
  variables: ReadonlyMap<string, Variable>,
  dir: string,
  cwd: string,
  options: VariableOptions,
): Promise<{ values: Map<string, MarkedValue>; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const given = new Map<string, Given>();
  for (const name of variables.keys()) {
    const v = options.env?.[`TF_VAR_${name}`];
    if (v !== undefined) given.set(name, { value: v, raw: true, origin: `the environment variable TF_VAR_${name}` });
  }
  let autoFiles: string[] = [];
  try {
    autoFiles = readdirSync(dir).filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  } catch { /* the folder error is reported by the loader */ }
  for (const name of ['terraform.tfvars', 'terraform.tfvars.json', ...autoFiles]) {
    if (existsSync(join(dir, name))) await readVarFile(join(dir, name), false);
  }
  for (const arg of options.args ?? []) {
    if ('varFile' in arg) {
      await readVarFile(isAbsolute(arg.varFile) ? arg.varFile : join(cwd, arg.varFile), true);
      continue;
    }
    const eq = arg.var.indexOf('=');
    if (eq <= 0) {
      diagnostics.push(error('config.invalid-var-flag', `Invalid -var option "${arg.var}"`, { detail: 'The given -var option must be a variable name and value separated by an equals sign, like -var="key=value".' }));
      continue;
    }
    const name = arg.var.slice(0, eq).trim();
    if (!variables.has(name)) {
      diagnostics.push(error('config.undeclared-variable', `Value for undeclared variable "${name}"`, { detail: `A variable named "${name}" was assigned on the command line, but the configuration does not declare it. Declare it with a variable "${name}" block or remove the -var option.` }));
      continue;
    }
    given.set(name, { value: arg.var.slice(eq + 1), raw: true, origin: 'a -var option' });
  }

  const values = new Map<string, MarkedValue>();
  for (const v of variables.values()) {
    const g = given.get(v.name);
    let value: MarkedValue | undefined;
    if (g) value = await interpret(v, g);
    if (value === undefined || (value === null && !v.nullable)) {
      if (v.default !== undefined && (v.default !== null || v.nullable)) value = v.default;
      else if (value === null) {
        diagnostics.push(error('config.null-variable', `Required variable not set`, { detail: `Unsupported null value for non-nullable variable "${v.name}".`, source: v.source }));
        value = null;
      } else if (!g) {
        diagnostics.push(error('config.missing-variable', `No value for required variable "${v.name}"`, {
          detail: `The root module input variable "${v.name}" is not set, and has no default value. Use a -var or -var-file command line argument, a TF_VAR_${v.name} environment variable, or a terraform.tfvars file to provide it.`,
          source: v.source,
        }));
        value = null;
      } else value = null;
    }
    values.set(v.name, v.sensitive && value !== null ? markSensitive(value) : value);
  }
  for (const v of variables.values()) diagnostics.push(...validateVariable(v, values));
  return { values, diagnostics };

  async function readVarFile(path: string, explicit: boolean): Promise<void> {
    const shown = displayPath(path, cwd);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      diagnostics.push(error('config.unreadable-var-file', `Failed to read variables file ${shown}`, { detail: (err as Error).message, source: { filename: shown } }));
      return;
    }
    let body: Record<string, unknown>;
    let hcl = false;
    try {
      if (path.endsWith('.json')) body = stripComments(JSON.parse(text)) as Record<string, unknown>;
      else { body = stripComments(await parseHcl(shown, text)) as Record<string, unknown>; hcl = true; }
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('the top level must be an object of variable values');
    } catch (err) {
      const m = /:(\d+),\d+/.exec(String((err as Error).message));
      diagnostics.push(error('config.invalid-var-file', `Invalid variables file ${shown}`, { detail: String((err as Error).message).trim(), source: { filename: shown, line: m ? Number(m[1]) : undefined } }));
      return;
    }
    const templates = hcl ? await parseAll(collect(body)) : new Map();
    for (const [name, raw] of Object.entries(body)) {
      const source = { filename: shown, line: lineIn(text, name) };
      if (!variables.has(name)) {
        diagnostics.push((explicit ? error : warning)('config.undeclared-variable', `Value for undeclared variable "${name}"`, { detail: `The file ${shown} assigns "${name}", but the configuration does not declare a variable of that name.`, source }));
        continue;
      }
      let value: Value = raw as Value;
      if (hcl) {
        const expr = jsonToExpr(raw, { file: { path: shown, format: 'hcl', text, body }, templates, diagnostics }, source);
        const r = evaluate(expr, NO_REFERENCES);
        if (r.error) {
          diagnostics.push(error('config.invalid-var-value', `Invalid value for variable "${name}" in ${shown}`, { detail: `${r.error.summary}: ${r.error.detail ?? ''}`.trim(), source }));
          continue;
        }
        value = deepUnmark(r.value);
      }
      given.set(name, { value, raw: false, origin: shown, source });
    }
  }

  async function interpret(v: Variable, g: Given): Promise<MarkedValue | undefined> {
    let value: Value = g.value;
    if (g.raw && typeof value === 'string' && parsesAsExpression(v)) {
      const parsed = await parseExpression(value);
      const r = parsed.expr ? evaluate(parsed.expr, NO_REFERENCES) : { value: null, error: { summary: parsed.error!.summary, detail: undefined } };
      if (r.error) {
        diagnostics.push(error('config.invalid-var-value', `Invalid value for input variable "${v.name}"`, { detail: `The value given in ${g.origin} is not a valid expression: ${r.error.summary}${r.error.detail ? `: ${r.error.detail}` : ''}. For a string, give the type constraint string or quote the value.`, source: g.source }));
        return undefined;
      }
      value = deepUnmark(r.value);
    }
    try {
      return convertToType(value, v.type);
    } catch (err) {
      diagnostics.push(error('config.invalid-var-value', `Invalid value for input variable "${v.name}"`, {
        detail: `The value given in ${g.origin} is not suitable for var.${v.name}: ${(err as ConversionError).message}.`,
        source: g.source ?? v.source,
      }));
      return undefined;
    }
  }
}

/**
 * Terraform's parsing mode for a value given as a string (`-var`, `TF_VAR_`): literal (the
 * string as given) for a variable declared without a type or with a primitive one, an HCL
 * expression for any other type, `any` included. A declaration without a type carries the
 * shared {@link ANY} constraint; `type = any` is a constraint of its own.
 */
function parsesAsExpression(v: Variable): boolean {
  return v.type !== ANY && !['string', 'number', 'bool'].includes(v.type.kind);
}

function collect(body: unknown): Set<string> {
  const out = new Set<string>();
  collectTemplates(body, out);
  return out;
}

function lineIn(text: string, name: string): number | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const i = text.split('\n').findIndex((l) => new RegExp(`^\\s*"?${esc}"?\\s*[=:]`).test(l));
  return i < 0 ? undefined : i + 1;
}

/** Runs a variable's validation blocks; an unknown condition is skipped. */
/** The `validation` rules of one variable, with `values` as the inputs they may read. */
export function validateVariable(v: Variable, values: ReadonlyMap<string, MarkedValue>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const scope: ExprScope = {
    baseDir: '.',
    lookup(root, steps) {
      const name = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
      if (root === 'var' && name !== undefined && values.has(name)) return { value: values.get(name)!, consumed: 1 };
      throw new EvalError('Invalid reference in variable validation', `The condition for variable "${v.name}" can only refer to input variables.`);
    },
  };
  for (const val of v.validations) {
    const r = evaluate(val.condition.expr, scope);
    if (r.error) {
      out.push(error('config.invalid-validation', `Invalid validation condition for variable "${v.name}"`, { detail: `${r.error.summary}: ${r.error.detail ?? ''}`.trim(), source: val.condition.source }));
      continue;
    }
    const c = deepUnmark(r.value);
    if (isUnknown(c)) continue;
    if (c === true || c === 'true') continue;
    if (c !== false && c !== 'false') {
      out.push(error('config.invalid-validation', `Invalid validation condition for variable "${v.name}"`, { detail: 'The condition must produce a boolean value.', source: val.condition.source }));
      continue;
    }
    const m = evaluate(val.errorMessage.expr, scope);
    const msgValue = m.error ? null : deepUnmark(m.value);
    let msg = 'The value is not valid.';
    try { if (msgValue !== null && !isUnknown(msgValue)) msg = toStr(msgValue); } catch { /* keep the generic message */ }
    out.push(error('config.variable-validation', 'Invalid value for variable', { detail: `${msg}\n\nThis was checked by the validation rule at ${val.condition.source.filename}${val.condition.source.line ? `:${val.condition.source.line}` : ''}.`, source: v.source }));
  }
  return out;
}
