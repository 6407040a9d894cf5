/**
 * Flags shared by the commands that plan: variables (kept in command-line order, which decides
 * precedence), targets, -replace, -refresh, locking, parallelism, colour.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { VariableArg } from '../config/variables';

export interface PlanFlags {
  varOrder: VariableArg[];
  target: string[];
  replace: string[];
  refresh: boolean;
  lock: boolean;
  lockTimeout: number;
  parallelism: number;
  color: boolean;
  /** -input=BOOL; undefined when not given (TF_INPUT then decides). */
  input?: boolean;
  /** -compact-warnings: warnings as one-line summaries. */
  compactWarnings?: boolean;
  /** -json: Terraform's machine-readable UI messages on stdout. */
  json?: boolean;
}

const bool = (name: string) => (v: string): boolean => {
  if (v === 'true' || v === '') return true;
  if (v === 'false') return false;
  throw new InvalidArgumentError(`-${name} must be true or false`);
};

/** `10s`, `2m`, `500ms`, or a bare number of seconds, in milliseconds. */
export function parseDuration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`"${v}" is not a duration (use 0s, 30s, 5m)`);
  const n = Number(m[1]);
  return Math.round(n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h']));
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${v}" is not a positive whole number`);
  return n;
}

/** Adds the planning flags; `-var` and `-var-file` share one ordered list. */
export function addPlanFlags(cmd: Command): Command {
  const order: VariableArg[] = [];
  return cmd
    .option('--var <name=value>', 'set an input variable (repeatable)', (v: string) => { order.push({ var: v }); return order; }, order)
    .option('--var-file <file>', 'load variable values from a .tfvars or .tfvars.json file (repeatable)', (v: string) => { order.push({ varFile: v }); return order; }, order)
    .option('--target <address>', 'limit the plan to this resource and its dependencies (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--replace <address>', 'force replacement of this resource instance (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--refresh <bool>', 'read the live state through XenAPI before planning (default true)', bool('refresh'), true)
    .option('--lock <bool>', 'hold the state lock while running (default true)', bool('lock'), true)
    .option('--lock-timeout <duration>', 'how long to wait for the state lock (default 0s)', parseDuration, 0)
    .option('--parallelism <n>', 'changes applied at once (default 10)', positiveInt, 10)
    .option('--input <bool>', 'ask for input (approval) when needed (default true, or TF_INPUT)', bool('input'))
    .option('--compact-warnings', 'show warnings as one-line summaries (errors stay in full)')
    .option('--no-color', 'disable colours');
}

/** Commander stores `--var` under `var`; give it the PlanFlags shape. */
export function planFlags(opts: Record<string, unknown>): PlanFlags {
  return {
    varOrder: (opts.var as VariableArg[] | undefined) ?? [],
    target: (opts.target as string[]) ?? [],
    replace: (opts.replace as string[]) ?? [],
    refresh: opts.refresh !== false,
    lock: opts.lock !== false,
    lockTimeout: (opts.lockTimeout as number) ?? 0,
    parallelism: (opts.parallelism as number) ?? 10,
    color: opts.color !== false,
    ...(opts.input === undefined ? {} : { input: opts.input as boolean }),
    ...(opts.compactWarnings ? { compactWarnings: true } : {}),
    ...(opts.json ? { json: true } : {}),
  };
}
