/**
 * A guest's network setup is guest behaviour, which a rehearsal cannot know: the copy's guests
 * report an address in every network the configuration waits for one in (`nic.wait_for_ip`,
 * `wait_for_ip { cidr }`). Before, the copy's guests reported only their own 10.x addresses,
 * so a rehearsal of a VM waiting for 192.168.10.0/24 sat out the whole timeout (300 s) and then
 * failed the apply with xcp_vm.no-ip although the real guest would get its address.
 */
import { addressIn, inCidr, parseCidr } from '../src/simulator/model/ipv4';
import { waitedGuestCidrs } from '../src/rehearsal/guest-networks';
import type { Plan } from '../src/plan/model';
import { startRehearsalPool, type RehearsalPool } from './helpers/rehearsal-pool';

describe('rehearsal copy: guests get the addresses the configuration waits for', () => {
  let p: RehearsalPool | undefined;
  afterEach(async () => { await p?.close(); p = undefined; });

  test('plan -rehearse of VMs waiting for addresses in 192.168.10.0/24 and 172.16.0.0/12 passes at once', async () => {
    p = await startRehearsalPool({ name: 'dc1', hosts: 1 });
    p.config(`
resource "xcp_network" "lan" {
  name_label = "lan"
}
resource "xcp_vm" "nic_wait" {
  name_label  = "nic-wait"
  template    = "Debian Bookworm 12"
  memory      = 1073741824
  power_state = "running"
  nic {
    network     = xcp_network.lan.uuid
    wait_for_ip = "192.168.10.0/24"
  }
}
resource "xcp_vm" "vm_wait" {
  name_label  = "vm-wait"
  template    = "Debian Bookworm 12"
  memory      = 1073741824
  power_state = "running"
  nic {
    network = xcp_network.lan.uuid
  }
  wait_for_ip {
    cidr    = "172.16.0.0/12"
    timeout = 600
  }
}
`);
    const t0 = Date.now();
    const r = await p.run(['plan', '-rehearse', '-out', 'p.plan', '-no-color']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(60_000);
    const shown = await p.run(['show', '-json', 'p.plan']);
    const rehearsal = (JSON.parse(shown.stdout) as { xcpform: { rehearsal: { ok: boolean; failures: unknown[] } } }).xcpform.rehearsal;
    expect(rehearsal.failures).toEqual([]);
    expect(rehearsal.ok).toBe(true);
  }, 120_000);

  test('the waited-for networks of a plan, and addresses picked inside them', () => {
    const plan = {
      changes: [
        { type: 'xcp_vm', after: { nic: [{ wait_for_ip: '192.168.10.0/24' }, { wait_for_ip: null }], wait_for_ip: [{ cidr: '172.16.0.0/12', timeout: 600 }] } },
        { type: 'xcp_vm', after: { nic: [{ wait_for_ip: '192.168.10.0/24' }], wait_for_ip: [] } },
        { type: 'xcp_network', after: { name_label: 'x', cidr: '10.9.0.0/16' } },
        { type: 'xcp_vm', after: null },
      ],
    } as unknown as Plan;
    expect(waitedGuestCidrs(plan)).toEqual(['172.16.0.0/12', '192.168.10.0/24']);
    for (const cidr of ['192.168.10.0/24', '172.16.0.0/12', '10.1.2.3/32', '10.1.2.2/31', '0.0.0.0/0']) {
      for (const seed of [0, 1, 253, 254, 2 ** 32 - 1]) expect([cidr, inCidr(addressIn(cidr, seed)!, cidr)]).toEqual([cidr, true]);
    }
    // Hosts only: never the network or the broadcast address of a /24.
    expect(addressIn('192.168.10.0/24', 0)).toBe('192.168.10.1');
    expect(addressIn('192.168.10.0/24', 253)).toBe('192.168.10.254');
    expect(addressIn('10.1.2.3/32', 7)).toBe('10.1.2.3');
    expect(parseCidr('300.1.1.1/8')).toBeUndefined();
    expect(addressIn('fd00::/8', 1)).toBeUndefined();
    expect(inCidr('192.168.11.1', '192.168.10.0/24')).toBe(false);
  });
});
