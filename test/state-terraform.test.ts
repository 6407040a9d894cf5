/**
 * Compatibility with the real Terraform binary (1.11.x on the PATH; skipped when absent).
 *
 * `terraform show -json` needs the provider's schema, which Terraform can only get by running
 * the provider, so it cannot read a state on its own. These commands read and rewrite a state
 * file without any provider: `state list`, `output -json` and `state rm`. The test writes a
 * state with xcpform, lets Terraform read it, lets Terraform rewrite it, and checks that
 * Terraform's bytes equal xcpform's encoding of the same state.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from '../src/state/backends/local';
import { StateManager } from '../src/state/manager';
import { decodeStateV4, encodeStateV4 } from '../src/state/file-v4';
import { State, parseAddress, providerAddress, removeInstance, setInstance, setOutput } from '../src/state/model';

const terraform = (() => {
  try {
    const v = execFileSync('terraform', ['version', '-json'], { env: tfEnv(), encoding: 'utf8' });
    return JSON.parse(v).terraform_version as string;
  } catch {
    return undefined;
  }
})();

function tfEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TF_CLI_CONFIG_FILE: os.devNull, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', NO_COLOR: '1' };
}

const tf = (cwd: string, ...args: string[]): string => execFileSync('terraform', args, { cwd, env: tfEnv(), encoding: 'utf8' });

test('terraform is on the PATH (part of the machine image; these tests need it)', () => {
  expect(terraform).toMatch(/^\d+\.\d+\.\d+/);
});

describe(`terraform ${terraform ?? '(absent)'} reads and rewrites xcpform state`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-tf-'));
  const file = path.join(dir, 'terraform.tfstate');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const inst = (attrs: Record<string, unknown>, more: object = {}) => ({ schemaVersion: 1, attributes: attrs, sensitiveAttributes: [], dependencies: [], ...more });

  it('lists, outputs and rewrites it byte for byte', async () => {
    const { manager } = await StateManager.open(new LocalBackend({ path: file }), { terraformVersion: terraform });
    const m = manager!;
    const a = (s: string) => parseAddress(s)!;
    await m.apply((s) => setInstance(s, a('xcp_network.lan'), inst({ name_label: 'lan <dc1> & co', mtu: 9000 }), providerAddress()));
    await m.apply((s) => setInstance(s, a('xcp_network.gone'), inst({ name_label: 'old' }), providerAddress()));
    await m.apply((s) =>
      setInstance(
        s,
        a('xcp_vm.web["b"]'),
        inst(
          { name_label: 'b', cloud_init: { password: 'hunter2' } },
          {
            sensitiveAttributes: [[{ type: 'get_attr', value: 'cloud_init' }, { type: 'index', value: { value: 'password', type: 'string' } }]],
            private: Buffer.from('{"v":1}').toString('base64'),
            dependencies: ['xcp_network.lan'],
            createBeforeDestroy: true,
          },
        ),
        providerAddress('cloud'),
      ),
    );
    await m.apply((s) => setInstance(s, a('xcp_vm.web["a"]'), inst({ name_label: 'a' }, { status: 'tainted' }), providerAddress('cloud')));
    await m.apply((s) => setInstance(s, a('xcp_vm.web["a"]'), inst({ name_label: 'a-old' }, { deposed: '0badcafe' }), providerAddress('cloud')));
    await m.apply((s) => setInstance(s, a('module.edge.xcp_sr.nfs[1]'), inst({ type: 'nfs' }), providerAddress(undefined, 'module.edge')));
    await m.apply((s) => setInstance(s, a('data.xcp_pool.dc1'), inst({ uuid: 'u-1' }), providerAddress()));
    await m.apply((s) => setOutput(s, 'ips', { value: ['10.0.0.5'], type: ['list', 'string'] }));
    await m.apply((s) => setOutput(s, 'psk', { value: 's3cret', type: 'string', sensitive: true }));

    expect(tf(dir, 'state', 'list', `-state=${file}`).trim().split('\n')).toEqual([
      'data.xcp_pool.dc1',
      'xcp_network.gone',
      'xcp_network.lan',
      'xcp_vm.web["a"]',
      'xcp_vm.web["b"]',
      'module.edge.xcp_sr.nfs[1]',
    ]);
    expect(JSON.parse(tf(dir, 'output', `-state=${file}`, '-json'))).toEqual({
      ips: { sensitive: false, type: ['list', 'string'], value: ['10.0.0.5'] },
      psk: { sensitive: true, type: 'string', value: 's3cret' },
    });

    const ours = m.state;
    tf(dir, 'state', 'rm', `-state=${file}`, '-backup=-', 'xcp_network.gone');
    const theirs = readFileSync(file, 'utf8');
    const expected: State = { ...removeInstance(ours, a('xcp_network.gone')), serial: ours.serial + 1 };
    expect(theirs).toBe(encodeStateV4(expected));
    const back = decodeStateV4(theirs, file);
    expect(back.diagnostics).toEqual([]);
    expect(encodeStateV4(back.state!)).toBe(theirs);
    expect(back.state!.resources.flatMap((r) => r.instances)).toHaveLength(6);
  });
});
