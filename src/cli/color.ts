import type { CliIo } from './io';

/** Colour when writing to a terminal, unless NO_COLOR is set or -no-color was given. */
export function useColor(io: CliIo, flag = true): boolean {
  return flag && io.isTty && !io.env.NO_COLOR;
}
