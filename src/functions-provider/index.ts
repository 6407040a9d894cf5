/** The provider-defined functions, by name (without the `provider::xcp::` prefix). */
import { cidrContains, cidrOverlap } from './cidr';
import type { ProviderFunction } from './model';
import { formatSize, size } from './sizes';

export { FUNCTION_PREFIX, FunctionArgumentError } from './model';
export type { FunctionParameter, Primitive, PrimitiveType, ProviderFunction } from './model';

export const PROVIDER_FUNCTIONS: Readonly<Record<string, ProviderFunction>> = Object.fromEntries(
  [size, formatSize, cidrContains, cidrOverlap].map((f) => [f.name, f]),
);
