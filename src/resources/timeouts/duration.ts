/**
 * Durations as Terraform's `timeouts` blocks write them (Go's `time.ParseDuration`): a sequence
 * of decimal numbers with units, `"30s"`, `"10m"`, `"1h30m"`, `"1.5h"`, `"500ms"`.
 */

/** The accepted spelling, for the schema's pattern validator. */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration, or undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  if (!new RegExp(DURATION_PATTERN).test(text)) return undefined;
  let total = 0;
  for (const [, n, , unit] of text.matchAll(/([0-9]+(\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * UNIT_MS[unit];
  return total;
}
