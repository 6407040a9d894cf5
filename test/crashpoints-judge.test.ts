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
