/** `size` and `format_size`: sizes written for people ↔ numbers of bytes (src/values/bytes.ts). */
import { parseBytes } from '../values/bytes';
import { FunctionArgumentError, type ProviderFunction } from './model';

const UNITS_SENTENCE = 'B, K/KiB, M/MiB, G/GiB and T/TiB count in 1024s; KB, MB, GB and TB in 1000s';

export const size: ProviderFunction = {
  name: 'size',
  summary: 'Bytes of a size such as "20GiB"',
  description: `Returns the number of bytes of a size written as a number and a unit, such as "20GiB", "512MiB", "1.5TiB" or "10GB" (${UNITS_SENTENCE}; case and a space between are ignored). The result must be a whole number of bytes. Use it for every attribute that takes bytes (disk sizes, memory).`,
  parameters: [{ name: 'size', type: 'string', description: 'A number followed by a unit, such as "20GiB".' }],
  returns: 'number',
  impl: ([text]) => {
    const bytes = parseBytes(String(text));
    if (bytes === undefined) throw new FunctionArgumentError(0, `"${String(text)}" is not a size in whole bytes: write a number followed by a unit, such as "20GiB" or "512MiB" (${UNITS_SENTENCE})`);
    return bytes;
  },
};

const BINARY: readonly [string, number][] = [['TiB', 1024 ** 4], ['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]];

export const formatSize: ProviderFunction = {
  name: 'format_size',
  summary: 'A number of bytes as a size such as "20GiB"',
  description: 'Writes a whole, non-negative number of bytes with the largest binary unit (TiB, GiB, MiB, KiB) that divides it exactly, else in bytes ("1536B"). The inverse of `size`: `size(format_size(n)) == n`. Handy for name labels and outputs.',
  parameters: [{ name: 'bytes', type: 'number', description: 'A whole number of bytes, 0 or more.' }],
  returns: 'string',
  impl: ([value]) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) throw new FunctionArgumentError(0, `${String(value)} is not a whole, non-negative number of bytes`);
    if (n === 0) return '0B';
    const unit = BINARY.find(([, factor]) => n % factor === 0);
    return unit ? `${n / unit[1]}${unit[0]}` : `${n}B`;
  },
};
