/**
 * Value validators, kept as data (not closures) so that one definition drives three places:
 * the JSON Schema used by `xcpform validate`, the plan-time check of evaluated values, and the
 * generated documentation.
 */
export type Validator =
  | { readonly kind: 'one-of'; readonly values: readonly string[] }
  | { readonly kind: 'range'; readonly min?: number; readonly max?: number; readonly integer?: boolean }
  | { readonly kind: 'pattern'; readonly pattern: string; readonly message: string }
  | { readonly kind: 'length'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'cidr' }
  | { readonly kind: 'ip' };

export const v = {
  oneOf: (...values: string[]): Validator => ({ kind: 'one-of', values }),
  range: (min?: number, max?: number): Validator => ({ kind: 'range', min, max }),
  integer: (min?: number, max?: number): Validator => ({ kind: 'range', min, max, integer: true }),
  pattern: (pattern: string, message: string): Validator => ({ kind: 'pattern', pattern, message }),
  length: (min?: number, max?: number): Validator => ({ kind: 'length', min, max }),
  cidr: (): Validator => ({ kind: 'cidr' }),
  ip: (): Validator => ({ kind: 'ip' }),
};

const IPV4 = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}';
export const IPV4_PATTERN = `^${IPV4}$`;
export const CIDR_PATTERN = `^${IPV4}/(3[0-2]|[12]?\\d)$`;

/** Checks one known value; returns a message in the style "must be ..." or undefined. */
export function checkValue(validator: Validator, value: unknown): string | undefined {
  switch (validator.kind) {
    case 'one-of':
      return typeof value === 'string' && !validator.values.includes(value)
        ? `must be one of ${validator.values.map((x) => JSON.stringify(x)).join(', ')}`
        : undefined;
    case 'range': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || Number.isNaN(n)) return undefined;
      if (validator.integer && !Number.isInteger(n)) return 'must be a whole number';
      if (validator.min !== undefined && n < validator.min) return `must be at least ${validator.min}`;
      if (validator.max !== undefined && n > validator.max) return `must be at most ${validator.max}`;
      return undefined;
    }
    case 'pattern':
      return typeof value === 'string' && !new RegExp(validator.pattern).test(value) ? validator.message : undefined;
    case 'length': {
      const len = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
      if (len === undefined) return undefined;
      if (validator.min !== undefined && len < validator.min) return `must have at least ${validator.min} ${typeof value === 'string' ? 'characters' : 'items'}`;
      if (validator.max !== undefined && len > validator.max) return `must have at most ${validator.max} ${typeof value === 'string' ? 'characters' : 'items'}`;
      return undefined;
    }
    case 'cidr':
      return typeof value === 'string' && !new RegExp(CIDR_PATTERN).test(value)
        ? 'must be an IPv4 network in CIDR notation, such as "10.0.0.0/24"'
        : undefined;
    case 'ip':
      return typeof value === 'string' && !new RegExp(IPV4_PATTERN).test(value) ? 'must be an IPv4 address' : undefined;
  }
}

/** One line for documentation: "one of `a`, `b`", "between 1 and 64". */
export function describeValidator(validator: Validator): string {
  switch (validator.kind) {
    case 'one-of':
      return `one of ${validator.values.map((x) => `\`${x}\``).join(', ')}`;
    case 'range': {
      const what = validator.integer ? 'a whole number' : 'a number';
      if (validator.min !== undefined && validator.max !== undefined) return `${what} between ${validator.min} and ${validator.max}`;
      if (validator.min !== undefined) return `${what} of at least ${validator.min}`;
      if (validator.max !== undefined) return `${what} of at most ${validator.max}`;
      return what;
    }
    case 'pattern':
      return validator.message.replace(/^must /, 'must ');
    case 'length':
      return `length between ${validator.min ?? 0} and ${validator.max ?? 'any'}`;
    case 'cidr':
      return 'an IPv4 CIDR block';
    case 'ip':
      return 'an IPv4 address';
  }
}
