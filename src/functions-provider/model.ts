/**
 * Provider-defined functions: pure functions over strings, numbers and bools that Terraform
 * (≥ 1.8) calls as `provider::xcp::NAME(...)` through the plugin protocol, and that xcpform
 * evaluates itself under the same name. One definition serves both, so they cannot disagree.
 */

/** The argument and result types these functions use (cty primitive types). */
export type PrimitiveType = 'string' | 'number' | 'bool';
export type Primitive = string | number | boolean;

export interface FunctionParameter {
  readonly name: string;
  readonly type: PrimitiveType;
  readonly description: string;
}

export interface ProviderFunction {
  /** Name without the `provider::xcp::` prefix. */
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly parameters: readonly FunctionParameter[];
  readonly returns: PrimitiveType;
  /** Must be pure: Terraform compares the result at plan and at apply. Throws {@link FunctionArgumentError}. */
  readonly impl: (args: readonly Primitive[]) => Primitive;
}

/** A bad argument: `argument` is its 0-based position, `text` says what is wrong and what works. */
export class FunctionArgumentError extends Error {
  constructor(readonly argument: number, readonly text: string) {
    super(text);
    this.name = 'FunctionArgumentError';
  }
}

/** The namespace prefix users write, with the provider's usual local name `xcp`. */
export const FUNCTION_PREFIX = 'provider::xcp::';
