/**
 * The apply view keeps the networks and pool links apart from the other instances, so that
 * resolving each VM's NICs at apply time reads those few instead of the whole state (an apply
 * of N VMs scanned N instances per VM: N² work).
 */
import { ApplyView } from './evaluation-cache';
import type { ObjectValue } from '../values/value';

function stateOf(vms: number): Map<string, ObjectValue> {
  const m = new Map<string, ObjectValue>([['xcp_network.lan', { uuid: 'net-1', pool: 'a' }]]);
  for (let i = 0; i < vms; i++) m.set(`xcp_vm.v[${i}]`, { uuid: `vm-${i}`, pool: 'a' });
  return m;
}

describe('ApplyView routing instances', () => {
  test('hold only the networks and pool links, kept as steps change the state', () => {
    const view = new ApplyView(stateOf(1000));
    expect([...view.routingInstances().keys()]).toEqual(['xcp_network.lan']);
    view.changed('xcp_vpn_link.ab', { pool: 'a', remote_pool: 'b', network: 'net-1', remote_network: null });
    view.changed('xcp_private_network.p', { uuid: 'net-2', pool: 'b' });
    view.changed('xcp_vm.v[1000]', { uuid: 'vm-1000', pool: 'a' });
    expect([...view.routingInstances().keys()].sort()).toEqual(['xcp_network.lan', 'xcp_private_network.p', 'xcp_vpn_link.ab']);
    expect(view.routingInstances().get('xcp_private_network.p')).toEqual({ uuid: 'net-2', pool: 'b' });
    view.changed('xcp_network.lan', undefined);
    expect([...view.routingInstances().keys()].sort()).toEqual(['xcp_private_network.p', 'xcp_vpn_link.ab']);
    expect(view.current().size).toBe(1003);
  });
});
