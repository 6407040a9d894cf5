import { parseBytes } from './bytes';

describe('sizes written for people', () => {
  test.each([
    ['20GiB', 20 * 1024 ** 3], ['20 GiB', 20 * 1024 ** 3], ['512MiB', 512 * 1024 ** 2], ['1.5TiB', 1.5 * 1024 ** 4],
    ['10G', 10 * 1024 ** 3], ['10GB', 10e9], ['4096b', 4096], ['2 kib', 2048],
  ])('%s = %d bytes', (text, bytes) => expect(parseBytes(text)).toBe(bytes));
  test.each(['20 parsecs', '', 'GiB', '1.5b', '-1GiB', '20GiBs'])('%j is not a size', (text) => expect(parseBytes(text)).toBeUndefined());
});
