import { promises as fs, mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeChunks } from './atomic-write';

describe('writeChunks', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-atomic-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('goes on after short writes until every chunk is written, in order', async () => {
    const file = path.join(dir, 'f');
    const fh = await fs.open(file, 'wx');
    const calls: number[] = [];
    try {
      // A real file, through a handle that writes at most 5 bytes a call (as a full disk or a
      // signal can make a write stop short): the rest must follow, never be lost or repeated.
      const short = { writev: (bufs: readonly NodeJS.ArrayBufferView[]) => {
        calls.push(bufs.length);
        const all = Buffer.concat(bufs.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
        return fh.writev([all.subarray(0, 5)]);
      } };
      await writeChunks(short as Pick<typeof fh, 'writev'>, ['abc', '', 'defghij', 'k', 'lmnopqrstu'].map((t) => Buffer.from(t)));
    } finally {
      await fh.close();
    }
    expect(await fs.readFile(file, 'utf8')).toBe('abcdefghijklmnopqrstu');
    expect(calls).toEqual([4, 3, 2, 1, 1]); // chunks left before each call (the empty one is never sent)
  });

  it('fails rather than loop when a write makes no progress', async () => {
    const stuck = { writev: async () => ({ bytesWritten: 0, buffers: [] }) };
    await expect(writeChunks(stuck as never, [Buffer.from('x')])).rejects.toThrow('no progress');
  });
});
