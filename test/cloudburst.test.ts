import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../src/engine/workspace';
import { ROOT, xcpform } from './helpers/cli';

/** The VIFs of a VM (by uuid) in a pool of the folder's embedded world: network uuid and other_config. */
async function vifsOf(dir: string, pool: string, vmUuid: string): Promise<{ network: string; other_config: Record<string, string> }[]> {
  const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  try {
    const client = await (await workspace!.runtime()).client(pool);
    const vm = await client.call<string>('VM.get_by_uuid', vmUuid);
    const refs = await client.call<string[]>('VM.get_VIFs', vm);
    return await Promise.all(refs.map(async (r) => {
      const rec = await client.call<{ network: string; other_config: Record<string, string> }>('VIF.get_record', r);
      return { network: await client.call<string>('network.get_uuid', rec.network), other_config: rec.other_config };
    }));
  } finally {
    await workspace!.close();
  }
}

function example(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-burst-'));
  cpSync(join(ROOT, 'examples', 'cloudburst', 'main.tf'), join(dir, 'main.tf'));
  return dir;
}

interface StateJson { resources: { type: string; name: string; instances: { index_key?: number; attributes: Record<string, unknown> }[] }[] }

describe('cloudbursting end to end', () => {
  test('fill-first placement bursts the overflow into cloud1 over the VPN link, and a pool change migrates live', async () => {
    const dir = example();
    xcpform(['plan', '-out', 'burst.plan'], { cwd: dir });
    const doc = JSON.parse(xcpform(['show', '-json', 'burst.plan'], { cwd: dir }).stdout);
    const web = doc.resource_changes.filter((c: { type: string; name: string }) => c.type === 'xcp_vm' && c.name === 'web');
    const pools = web.map((c: { change: { after: { pool: string } } }) => c.change.after.pool);
    expect(pools).toEqual(['dc1', 'dc1', 'dc1', 'dc1', 'dc1', 'dc1', 'cloud1', 'cloud1']);
    // Cost figures match the rate card: a 2 vCPU, 12 GiB, 10 GiB-disk web VM in dc1 costs
    // (2 × 0.012 + 12 × 0.004 + 10 × 0.0002) × 730 = 54.02 a month, and 1.6 times that in cloud1.
    expect(doc.xcpform.resources['xcp_vm.web[0]'].cost).toEqual({ before: 0, after: 54.02 });
    expect(doc.xcpform.resources['xcp_vm.web[7]'].cost).toEqual({ before: 0, after: 86.43 });

    const text = xcpform(['plan'], { cwd: dir }).stdout;
    expect(text).toContain('# (placement (fill-first) chose pool cloud1');
    expect(text).toContain('over xcp_vpn_link.burst)');
    expect(text).toMatch(/Monthly cost: \+\$[\d,.]+/);
    expect(text).not.toContain('burst-demo-pre-shared-key-0001');

    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.stdout).toContain('Apply complete! Resources: 15 added');
    // The VM that burst into the cloud started only after the link was up.
    const lines = apply.stdout.split('\n');
    expect(lines.findIndex((l) => l.startsWith('xcp_vpn_link.burst: Creation complete'))).toBeLessThan(lines.findIndex((l) => l.startsWith('xcp_vm.web[7]: Creating')));
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateJson;
    const burst = state.resources.find((r) => r.type === 'xcp_vm' && r.name === 'web')!.instances.find((i) => i.index_key === 7)!.attributes;
    const cloudNet = state.resources.find((r) => r.name === 'app_burst')!.instances[0].attributes;
    const appNet = state.resources.find((r) => r.type === 'xcp_network' && r.name === 'app')!.instances[0].attributes;
    expect(burst.pool).toBe('cloud1');
    // The state keeps the configured network (as terraform's would); the VIF is on the link's
    // network in cloud1 and records the datacenter network it stands for.
    expect((burst.nic as { network: string }[])[0].network).toBe(appNet.uuid);
    expect(await vifsOf(dir, 'cloud1', burst.uuid as string)).toEqual([{ network: cloudNet.uuid, other_config: { 'xcpform:routes': appNet.uuid } }]);
    // Like Terraform, the state holds the key (it must, to detect drift): it is written 0600 and
    // the attribute is listed as sensitive, so every rendering hides it.
    expect(statSync(join(dir, 'terraform.tfstate')).mode & 0o777).toBe(0o600);
    const link = state.resources.find((r) => r.type === 'xcp_vpn_link')!.instances[0] as unknown as { sensitive_attributes: unknown[] };
    expect(link.sensitive_attributes).toEqual([[{ type: 'get_attr', value: 'psk' }], [{ type: 'get_attr', value: 'private_key' }], [{ type: 'get_attr', value: 'remote_private_key' }]]);
    expect(apply.stdout + apply.stderr).not.toContain('burst-demo-pre-shared-key-0001');
    expect(state.resources.find((r) => r.type === 'xcp_vpn_link')!.instances[0].attributes.status).toBe('up');

    const migrate = xcpform(['apply', '-auto-approve', '-var', 'db_pool=cloud1'], { cwd: dir });
    expect(migrate.stdout).toContain('~> pool');
    expect(migrate.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 1 migrated, 0 destroyed.');
    const after = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateJson;
    const db = after.resources.find((r) => r.name === 'db')!.instances[0].attributes;
    const dbBefore = state.resources.find((r) => r.name === 'db')!.instances[0].attributes;
    expect(db.pool).toBe('cloud1');
    expect(db.uuid).toBe(dbBefore.uuid);
    expect((db.nic as { network: string }[])[0].network).toBe(appNet.uuid);
    expect(await vifsOf(dir, 'cloud1', db.uuid as string)).toEqual([{ network: cloudNet.uuid, other_config: { 'xcpform:routes': appNet.uuid } }]);
    // Its disk arrived on the cloud pool's SR, and the datacenter SR no longer holds it.
    expect((db.disk as { sr: string }[])[0].sr).not.toBe((dbBefore.disk as { sr: string }[])[0].sr);
    // Room freed in dc1: the next plan brings a web VM back from the cloud (burst back).
    const back = xcpform(['apply', '-auto-approve', '-var', 'db_pool=cloud1'], { cwd: dir });
    expect(back.stdout).toMatch(/# xcp_vm\.web\[[67]\] will be migrated/);
    expect(back.stdout).toContain('0 added, 0 changed, 1 migrated, 0 destroyed.');
    expect(xcpform(['plan', '-detailed-exitcode', '-var', 'db_pool=cloud1'], { cwd: dir }).code).toBe(0);
    // The VM that came back is on the datacenter network itself, no longer routed.
    const final = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateJson;
    const returned = final.resources.find((r) => r.type === 'xcp_vm' && r.name === 'web')!.instances.filter((i) => i.attributes.pool === 'dc1').map((i) => i.attributes);
    expect(returned).toHaveLength(7);
    for (const vm of returned) expect(await vifsOf(dir, 'dc1', vm.uuid as string)).toEqual([{ network: appNet.uuid, other_config: {} }]);
  }, 180_000);

  test('a VM in the cloud on a datacenter network without a link is a plan error naming the VM, the network and the link', () => {
    const dir = example();
    const text = readFileSync(join(dir, 'main.tf'), 'utf8');
    const withoutLink = text.replace(/resource "xcp_vpn_link" "burst" \{[\s\S]*?\n\}\n/, '').replace(/output "vpn_status" \{[\s\S]*?\n\}\n/, '').replace(', xcp_vpn_link.burst]', ']');
    writeFileSync(join(dir, 'main.tf'), withoutLink);
    const res = xcpform(['plan'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Error: xcp_vm\.web\[6\]: nic\[0\] attaches to network .* of pool "dc1", but the VM is in pool "cloud1" and no xcp_vpn_link joins them/);
  }, 60_000);

  test('no capacity anywhere is a diagnostic before anything is applied', () => {
    const dir = example();
    const res = xcpform(['apply', '-auto-approve', '-var', 'web_count=20'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no capacity in pools dc1, cloud1');
    expect(res.stdout).not.toContain('Creating...');
  }, 60_000);
});

describe('the cloudburst example as a CDKTF stack', () => {
  test('synthesizes with App.synth() and plans the same changes as the .tf file', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { synth } = require('../examples/cloudburst/cdktf/main') as { synth(outdir: string): string };
    const stack = synth(mkdtempSync(join(tmpdir(), 'xcpform-burst-cdktf-')));
    const summary = (cwd: string) => JSON.parse((xcpform(['plan', '-out', 'burst.plan'], { cwd }), xcpform(['show', '-json', 'burst.plan'], { cwd })).stdout).resource_changes
      .map((c: { address: string; change: { actions: string[]; after: { pool?: string } } }) => `${c.address} ${c.change.actions.join(',')} ${c.change.after.pool ?? ''}`);
    const fromCdk = summary(stack);
    expect(fromCdk).toHaveLength(15);
    expect(fromCdk).toEqual(summary(example()));
  }, 120_000);
});
