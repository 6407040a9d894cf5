/**
 * A VM pinned to a host its network does not reach cannot start: XAPI answers
 * `VM_REQUIRES_NETWORK [vm, network]`, and xcpform turns it into the `xcp_vm.start-failed`
 * diagnostic that tells the user what to do (not a raw XenAPI error). The pool is the simulator
 * over HTTP, the CLI a child process, without the rehearsal (it is the real apply's answer).
 */
import { cableRackToFirstHost, startRehearsalPool, type RehearsalPool } from './helpers/rehearsal-pool';

let p: RehearsalPool | undefined;
afterEach(async () => { await p?.close(); p = undefined; });

test('starting a VM on a host without its network fails with xcp_vm.start-failed naming VM_REQUIRES_NETWORK', async () => {
  p = await startRehearsalPool({ name: 'dc1', hosts: 2 });
  cableRackToFirstHost(p);
  p.config(`
resource "xcp_vm" "m" {
  name_label  = "stranded"
  template    = "Debian Bookworm 12"
  memory      = 1073741824
  power_state = "running"
  host        = "dc1-host2"
  nic {
    network = "rack-a"
  }
}
`);
  const r = await p.run(['apply', '-auto-approve', '-no-color', '-rehearse=false']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('VM "stranded" cannot start: VM_REQUIRES_NETWORK');
  expect(r.stderr).toContain('Free capacity, choose another host or pool');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}, 180_000);
