/**
 * Provider-defined functions over the plugin protocol (6.5+, Terraform ≥ 1.8): their
 * signatures for GetProviderSchema / GetFunctions / GetMetadata, and CallFunction. Terraform
 * calls functions on an unconfigured provider process, never sends null or unknown arguments
 * (every parameter says so), and compares results between plan and apply, so calls are pure
 * and need no provider configuration.
 */
import { PROVIDER_FUNCTIONS, FunctionArgumentError, type Primitive, type ProviderFunction } from '../functions-provider';
import { decodeDynamic, encodeDynamic, type DynamicValueMsg } from './dynamic-value';

const typeBytes = (t: string): Buffer => Buffer.from(JSON.stringify(t));

function functionMessage(f: ProviderFunction): Record<string, unknown> {
  return {
    parameters: f.parameters.map((p) => ({
      name: p.name,
      type: typeBytes(p.type),
      allow_null_value: false,
      allow_unknown_values: false,
      description: p.description,
      description_kind: 'PLAIN',
    })),
    return: { type: typeBytes(f.returns) },
    summary: f.summary,
    description: f.description,
    description_kind: 'MARKDOWN',
  };
}

/** `map<string, Function>` for GetProviderSchema.functions and GetFunctions.functions. */
export function functionsMessage(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.values(PROVIDER_FUNCTIONS).map((f) => [f.name, functionMessage(f)]));
}

/** `repeated FunctionMetadata` for GetMetadata. */
export function functionsMetadata(): { name: string }[] {
  return Object.keys(PROVIDER_FUNCTIONS).map((name) => ({ name }));
}

type CallResponse = { result?: { msgpack: Buffer }; error?: { text: string; function_argument?: number } };

/** CallFunction: decodes each argument with its parameter's type, runs the function, encodes the result. */
export function callFunction(req: { name?: string; arguments?: DynamicValueMsg[] }): CallResponse {
  const name = req.name ?? '';
  const f = Object.prototype.hasOwnProperty.call(PROVIDER_FUNCTIONS, name) ? PROVIDER_FUNCTIONS[name] : undefined;
  if (!f) return { error: { text: `terraform-provider-xcp has no function named "${name}"; it offers ${Object.keys(PROVIDER_FUNCTIONS).join(', ')}` } };
  const args = req.arguments ?? [];
  if (args.length !== f.parameters.length) {
    return { error: { text: `function "${name}" takes ${f.parameters.length} argument(s), got ${args.length}` } };
  }
  const values: Primitive[] = [];
  for (const [i, p] of f.parameters.entries()) {
    const decoded = decodeDynamic(args[i], p.type, `argument "${p.name}"`);
    if (!decoded.ok) return { error: { text: decoded.diagnostic.detail, function_argument: i } };
    if (decoded.value === null || typeof decoded.value === 'object') return { error: { text: `argument "${p.name}" must be a known ${p.type}`, function_argument: i } };
    values.push(decoded.value as Primitive);
  }
  try {
    return { result: encodeDynamic(f.returns, f.impl(values)) };
  } catch (err) {
    if (err instanceof FunctionArgumentError) return { error: { text: err.text, function_argument: err.argument } };
    throw err;
  }
}
