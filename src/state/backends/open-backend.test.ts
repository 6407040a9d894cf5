import { promises as fs, mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openBackend } from './open-backend';

describe('local workspaces', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-ws-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it("makes a workspace's folder on the first write, and again when it went away during the run", async () => {
    const { backend } = openBackend(undefined, { cwd: dir, env: {}, workspace: 'staging' });
    const file = path.join(dir, 'terraform.tfstate.d', 'staging', 'terraform.tfstate');
    await backend!.write('v1');
    expect(await fs.readFile(file, 'utf8')).toBe('v1');
    await backend!.write([Buffer.from('v'), Buffer.from('2')]);
    expect(await fs.readFile(file, 'utf8')).toBe('v2');
    await fs.rm(path.join(dir, 'terraform.tfstate.d'), { recursive: true });
    await backend!.write('v3');
    expect(await fs.readFile(file, 'utf8')).toBe('v3');
  });
});
