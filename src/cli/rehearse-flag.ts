/**
 * `-rehearse[=BOOL]` for plan (default false) and apply/destroy (default true): the bare flag
 * means true; anything but true or false is a usage error, as for the other boolean flags.
 */
import { Command, InvalidArgumentError } from 'commander';

function parse(v: string): boolean {
  if (v === 'true' || v === '') return true;
  if (v === 'false') return false;
  throw new InvalidArgumentError('-rehearse must be true or false');
}

/** Adds the flag; `onByDefault` is apply's default (plan rehearses only when asked). */
export function addRehearseFlag(cmd: Command, onByDefault: boolean): Command {
  return cmd.option(
    '--rehearse [bool]',
    onByDefault
      ? 'first apply the plan to an in-process copy of the pools; stop before any real call if a change fails there (default true)'
      : 'apply the plan to an in-process copy of the pools and add what would fail there, and the estimated apply time, to the plan (default false)',
    parse,
  );
}

/** The flag's value: commander gives `true` for the bare flag, undefined when absent. */
export function rehearseWanted(raw: Record<string, unknown>, onByDefault: boolean): boolean {
  return raw.rehearse === undefined ? onByDefault : raw.rehearse !== false;
}
