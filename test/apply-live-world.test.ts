/**
 * One live world per apply (issue 17): `xcpform apply` of N VMs (one disk, one NIC each) to a
 * pool served by the simulator in its own process, through a recording proxy. The apply reads
 * each class of the pool in bulk a fixed number of times whatever N is, and then stays current
 * with `event.from`; before, every step read the whole pool again (~165 bulk reads per VM).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecordingProxy, type RecordingProxy } from '../bench/recording-proxy';
import { PoolRecords } from '../src/resources/snapshot';
import { cli, providerBlock, startSimProcess, type SimProcess } from './helpers/crash-processes';

function config(proxy: RecordingProxy, n: number): string {
  return `${providerBlock(new Map([['dc1', proxy.url]]))}
resource "xcp_network" "n" {
  name_label = "live-net"
}
resource "xcp_vm" "v" {
  count       = ${n}
  name_label  = "live\${count.index}"
  template    = "Debian Bookworm 12"
  power_state = "halted"
  disk { size = 10737418240 }
  nic { network = xcp_network.n.uuid }
}
`;
}

const bulk = (m: string): boolean => m.endsWith('.get_all_records');

describe('an apply keeps one live world', () => {
  let sim: SimProcess;
  let proxy: RecordingProxy;
  const dirs: string[] = [];
  beforeAll(async () => {
    sim = await startSimProcess({ pools: 'dc1:2' });
    proxy = await startRecordingProxy(sim.urls.get('dc1')!);
  });
  afterAll(async () => {
    await proxy?.close();
    await sim?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Applies (and then destroys) N VMs; the apply's calls and reply bytes. */
  async function applyVms(n: number): Promise<{ bulk: number; bytes: number; perClass: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-live-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'main.tf'), config(proxy, n));
    expect((await cli(['plan', '--out', 'p.plan'], { cwd: dir })).code).toBe(0);
    proxy.reset();
    const res = await cli(['apply', 'p.plan'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const { calls } = proxy.counts();
    const bulkCalls = [...calls].filter(([m]) => bulk(m));
    const out = { bulk: proxy.totals(bulk).calls, bytes: proxy.totals().bytes, perClass: Math.max(...bulkCalls.map(([, c]) => c)) };
    expect((await cli(['destroy', '--auto-approve'], { cwd: dir })).code).toBe(0);
    return out;
  }

  test('bulk reads do not grow with the number of VMs; bytes per VM stay flat', async () => {
    const small = await applyVms(2);
    const large = await applyVms(8);
    // Each class once: the executor's first read of the pool (a class asked for later is read then).
    expect(small.perClass).toBe(1);
    expect(large.perClass).toBe(1);
    expect(large.bulk).toBe(small.bulk);
    // Linear: the first bulk read is shared by all VMs, so bytes per VM even fall with N.
    expect(large.bytes / 8).toBeLessThan((small.bytes / 2) * 1.2);
  }, 120_000);
});

describe('PoolRecords.shareInto (copy on write)', () => {
  test('a view keeps what it was given while the source changes, and the other way round', () => {
    const live = new PoolRecords('p');
    live.setClass('network', new Map([['OpaqueRef:a', { uuid: 'ua', name_label: 'a' }]]) as never);
    const view = new PoolRecords('p');
    live.shareInto(view, ['network']);
    expect(view.byUuid('network', 'ua')?.record.name_label).toBe('a');
    live.put('network', 'OpaqueRef:a' as never, { uuid: 'ua', name_label: 'changed' } as never);
    live.put('network', 'OpaqueRef:b' as never, { uuid: 'ub', name_label: 'b' } as never);
    expect(view.get('network', 'OpaqueRef:a')?.name_label).toBe('a');
    expect(view.all('network').size).toBe(1);
    expect(live.all('network').size).toBe(2);
    const second = new PoolRecords('p');
    live.shareInto(second, ['network']);
    second.put('network', 'OpaqueRef:a' as never, undefined);
    expect(live.get('network', 'OpaqueRef:a')?.name_label).toBe('changed');
    expect(second.all('network').size).toBe(1);
  });
});
