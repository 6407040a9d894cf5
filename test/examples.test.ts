import { copyFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synth } from '../examples/basic/cdktf/main';
import { loadConfigFiles } from '../src/config/files';
import { collectBlocks } from '../src/config/blocks';
import { validateConfigDir } from '../src/config/validate';
import { ROOT } from './helpers/cli';

/** The resource blocks of a folder as comparable data (CDKTF writes nested blocks as arrays). */
async function resources(dir: string) {
  const { files } = await loadConfigFiles(dir);
  const { blocks } = collectBlocks(files);
  return Object.fromEntries(blocks.filter((b) => b.kind === 'resource').map((b) => [`${b.type}.${b.name}`, b.body]));
}

describe('examples/basic', () => {
  const out = mkdtempSync(join(tmpdir(), 'xcpform-synth-'));
  const stack = synth(out);
  const stackDir = join(out, 'stacks', 'basic');

  test('the CDKTF stack synthesizes with App.synth() to a valid cdk.tf.json', async () => {
    const result = await validateConfigDir(stackDir);
    expect(result.diagnostics).toEqual([]);
    expect(result.blocks).toBe(6);
    expect(stack.endsWith('cdk.tf.json')).toBe(true);
  });

  test('the .tf file and the CDKTF stack declare the same resources with the same values', async () => {
    const fromHcl = await resources(join(ROOT, 'examples', 'basic'));
    const fromCdk = await resources(stackDir);
    expect(Object.keys(fromCdk).sort()).toEqual(['xcp_network.lan', 'xcp_pool.dc1', 'xcp_sr.nfs', 'xcp_vm.db', 'xcp_vm.web']);
    expect(fromCdk).toEqual(fromHcl);
  });

  test('a folder holding both forms is not loaded twice: only files directly in the folder count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-both-'));
    mkdirSync(join(dir, 'cdktf.out'));
    copyFileSync(join(stackDir, 'cdk.tf.json'), join(dir, 'cdktf.out', 'cdk.tf.json'));
    copyFileSync(join(ROOT, 'examples', 'basic', 'main.tf'), join(dir, 'main.tf'));
    const result = await validateConfigDir(dir);
    expect(result.files).toBe(1);
    expect(result.diagnostics).toEqual([]);
  });
});
