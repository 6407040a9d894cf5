/**
 * xcp_vm nic.wait_for_ip: apply waits until the guest reports an address on that interface
 * inside the network given; an interface that never gets one fails the apply with a diagnostic
 * on that nic's attribute; the attribute alone changes nothing in XAPI (in-place, empty re-plan).
 * With the xcpform CLI on the embedded simulator (guests report addresses 2 s after start).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';
import { configFolders, DC1 } from './helpers/config-folder';

const { workdir, write, applyAndSettle } = configFolders(DC1, 'xcpform-nic-wait-');
const vm = (secondWait: string, timeout = 60): string => `resource "xcp_vm" "web" {
  name_label  = "web"
  template    = "Debian Bookworm 12"
  memory      = 1073741824
  power_state = "running"
  nic {
    network = "Pool-wide network associated with eth0"
  }
  nic {
    network     = "Pool-wide network associated with eth1"
    wait_for_ip = "${secondWait}"
  }
  wait_for_ip {
    timeout = ${timeout}
  }
}
`;

test('waits for the address of eth1, re-plans empty; a network the guest never reports fails on that nic', () => {
  const dir = workdir(vm('0.0.0.0/0'));
  const started = Date.now();
  applyAndSettle(dir);
  // The simulated guest reports its addresses 2 s after start: the apply waited for them.
  expect(Date.now() - started).toBeGreaterThan(2000);
  const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; instances: { attributes: { nic: { wait_for_ip: string | null }[]; ip_addresses: string[] } }[] }[] };
  const vmState = state.resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes;
  expect(vmState.nic.map((n) => n.wait_for_ip)).toEqual([null, '0.0.0.0/0']);
  expect(vmState.ip_addresses.length).toBeGreaterThanOrEqual(2);

  // A network no address of eth1 is in: the apply fails on nic[1].wait_for_ip after the timeout.
  write(dir, vm('192.0.2.0/24', 3));
  const failed = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/reported no IP address in 192\.0\.2\.0\/24 on interface 1 within 3 s/);
  expect(failed.stderr).toMatch(/Interface 1 reports \d+\.\d+\.\d+\.\d+, outside 192\.0\.2\.0\/24/);

  write(dir, vm('0.0.0.0/0'));
  applyAndSettle(dir);
}, 180_000);
