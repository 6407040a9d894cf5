/**
 * The crash-point verdict (test/crashpoints/judge.ts) on hand-made censuses: each kind of
 * damage a recovery can leave is named, and a world like the clean run's passes.
 */
import type { Census, Thing } from './crashpoints/census';
import { judge } from './crashpoints/judge';

const vm = (uuid: string, address: string | undefined, extra: Partial<Thing> = {}): Thing => ({
  pool: 'dc1', cls: 'VM', uuid, name: 'web-0', ...(address ? { address } : {}), description: 'web-0 Running mem=1024M', ...extra,
});
const census = (things: Thing[], poolKeys: string[] = []): Census => ({ objects: new Map(), poolKeys, things });

const LINK = '11111111-2222-3333-4444-555555555555';
const golden = census([vm('g1', 'xcp_vm.web[0]'), vm('g2', undefined, { cls: 'VDI', name: 'web-0 0', description: 'web-0 0 1G@NFS', attached: true })], [`dc1: xcpform:vpn-link:${LINK}={}`]);

test('a recovered world like the clean run passes', () => {
  const state = new Map([['xcp_vm.web[0]', 'u1'], ['xcp_vpn_link.burst', 'L2']]);
  const got = census([vm('u1', 'xcp_vm.web[0]'), vm('u2', undefined, { cls: 'VDI', name: 'web-0 0', description: 'web-0 0 1G@NFS', attached: true })], ['dc1: xcpform:vpn-link:L2={}'.replace('L2', '99999999-2222-3333-4444-555555555555')]);
  expect(judge(golden, got, new Map([...state, ['xcp_vpn_link.burst', '99999999-2222-3333-4444-555555555555']]))).toEqual({ duplicates: [], orphans: [], lost: [] });
});

test('the same address twice is a duplicate, and the copy the state does not hold an orphan', () => {
  const got = census([vm('u1', 'xcp_vm.web[0]'), vm('u9', 'xcp_vm.web[0]'), vm('u2', undefined, { cls: 'VDI', name: 'web-0 0', description: 'web-0 0 1G@NFS', attached: true })], golden.poolKeys);
  const v = judge(golden, got, new Map([['xcp_vm.web[0]', 'u1']]));
  expect(v.duplicates).toEqual(['VM xcp_vm.web[0] ×2 (dc1/u1, dc1/u9)']);
  expect(v.orphans).toEqual(['dc1 VM xcp_vm.web[0] u9: not the state\'s object', `pool key dc1: xcpform:vpn-link:<other object>`]);
});

test('a half-made untagged VM, a disk nothing attaches and an unconfigured address are orphans; a missing or different object is lost', () => {
  const got = census([
    vm('u1', 'xcp_vm.web[0]', { pool: 'cloud1' }),
    vm('u3', undefined, { name: 'xcpform:creating - xcp_vm.web[1]', description: 'xcpform:creating Halted' }),
    vm('u4', undefined, { cls: 'VDI', name: 'web-0 0', description: 'web-0 0 1G@NFS', attached: false }),
    vm('u5', 'xcp_vm.gone[0]'),
  ]);
  const v = judge(golden, got, new Map([['xcp_vm.web[0]', 'u1'], ['xcp_vm.gone[0]', 'u5']]));
  expect(v.duplicates).toEqual([]);
  expect(v.orphans).toEqual([
    'dc1 VM xcp_vm.gone[0] u5: not configured',
    'untagged dc1 VDI web-0 0 1G@NFS attached=false',
    'untagged dc1 VM xcpform:creating Halted',
  ]);
  expect(v.lost).toEqual([
    'VM xcp_vm.web[0]: want dc1 "web-0 Running mem=1024M", found cloud1 "web-0 Running mem=1024M"',
    'pool key dc1: xcpform:vpn-link:<state object>: missing',
    'untagged dc1 VDI web-0 0 1G@NFS attached=true: missing',
  ].sort());
});

test('VMs placed at apply (terraform) may trade pools, but not change in number per pool or kind', () => {
  const web = (uuid: string, name: string, pool: string, address: string): Thing => ({ pool, cls: 'VM', uuid, name, address, description: `${name} Running mem=1024M nics=[${pool === 'dc1' ? 'app' : 'app-burst'}]` });
  const clean = census([web('a', 'web-0', 'dc1', 'xcp_vm "web-0"'), web('b', 'web-1', 'cloud1', 'xcp_vm "web-1"')]);
  const swapped = census([web('c', 'web-0', 'cloud1', 'xcp_vm "web-0"'), web('d', 'web-1', 'dc1', 'xcp_vm "web-1"')]);
  const state = new Map([['xcp_vm.web[0]', 'c'], ['xcp_vm.web[1]', 'd']]);
  expect(judge(clean, swapped, state, { placedAtApply: true })).toEqual({ duplicates: [], orphans: [], lost: [] });
  expect(judge(clean, swapped, state).lost).toHaveLength(2);
  const bothInDc1 = census([web('c', 'web-0', 'dc1', 'xcp_vm "web-0"'), web('d', 'web-1', 'dc1', 'xcp_vm "web-1"')]);
  expect(judge(clean, bothInDc1, state, { placedAtApply: true }).lost).toEqual([
    'cloud1 VM Running mem=1024M nics=[app-burst]: fewer than a clean run makes',
    'dc1 VM Running mem=1024M nics=[app]: more than a clean run makes',
  ]);
  // Terraform's addresses are not the state's: a VM is the state's when its UUID is there.
  expect(judge(clean, swapped, new Map([['xcp_vm.web[0]', 'c']]), { placedAtApply: true }).orphans).toEqual(['dc1 VM xcp_vm "web-1" d: not the state\'s object']);
});
