/** The public surface of the configuration layer (see README.md). */
export { loadConfig } from './load';
export type { LoadOptions, LoadResult } from './load';
export type { VariableArg, VariableOptions } from './variables';
export { ConfigEvaluator, dependencies } from './evaluator';
export type { BlockInfo, InstanceConfig, OutputValue } from './evaluator';
export type { ResourceScope } from './scope';
export { expansionValue, instanceAddress } from './expand';
export type { InstanceKey } from './expand';
export type * from './model';
