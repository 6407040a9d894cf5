/**
 * One state, two tools, for every resource type of the schema: a minimal configuration applied
 * by `xcpform apply` plans empty in `terraform plan` (real terraform 1.11.4 with
 * terraform-provider-xcp), and one applied by `terraform apply` plans empty in `xcpform plan`
 * with no "changed outside" drift. The list of types comes from the schema, so a new resource
 * type fails here until it has its minimal configuration. The secrets in them (an SR's
 * `device_config_secrets`, a VPN link's pre-shared key) are never printed by either tool.
 */
import { RESOURCE_SCHEMAS } from '../src/provider/schemas';
import { CrossToolFolder, expectXcpformPlansNothing, TWO_POOLS_HEADER } from './helpers/cross-tool';
import { terraformVersion } from './helpers/tfplugin-terraform';

jest.setTimeout(600_000);

/** A secret in the configurations: neither tool may print it. */
const SECRET = 'cross-tool-secret-9f3a';

/**
 * The smallest configuration that creates one object of each type on the embedded simulator
 * (pools dc1 and cloud1), leaving every other attribute at its default. The objects named here
 * come with the simulator: its templates, its SR and network names, the second host of dc1.
 */
const MINIMAL: Record<string, string> = {
  xcp_pool: `
resource "xcp_pool" "this" {
  name_label = "dc1"
}`,
  xcp_host: `
resource "xcp_host" "this" {
  address = "127.0.2.2" # dc1's second host
}`,
  xcp_sr: `
resource "xcp_sr" "this" {
  name_label = "nfs"
  type       = "nfs"
  device_config = {
    server     = "10.0.0.20"
    serverpath = "/exports/vms"
  }
  device_config_secrets = {
    password = "${SECRET}"
  }
}`,
  xcp_vdi: `
resource "xcp_vdi" "this" {
  name_label = "data"
  sr         = "NFS shared storage"
  size       = 1073741824
}`,
  xcp_network: `
resource "xcp_network" "this" {
  name_label = "lan"
}`,
  xcp_vlan: `
resource "xcp_vlan" "this" {
  name_label = "dmz"
  tag        = 120
  device     = "eth1"
}`,
  xcp_bond: `
resource "xcp_bond" "this" {
  host    = "dc1-host1"
  members = ["eth2", "eth3"]
}`,
  xcp_cloud_config: `
resource "xcp_cloud_config" "this" {
  name     = "base"
  template = "#cloud-config\\npackages: [nginx]\\n"
}`,
  xcp_private_network: `
resource "xcp_private_network" "this" {
  name_label        = "backend"
  transport_network = "Pool-wide network associated with eth0"
}`,
  // Every nested block, each with its defaults left out.
  xcp_vm: `
resource "xcp_vm" "this" {
  name_label = "vm"
  template   = "Debian Bookworm 12"
  disk {
    size = 10737418240
  }
  nic {
    network = "Pool-wide network associated with eth0"
  }
  cloud_init {
    user_data = "#cloud-config\\n"
  }
  placement {
    pools = ["dc1"]
  }
}`,
  xcp_vm_snapshot: `
resource "xcp_vm" "base" {
  name_label = "base"
  template   = "Debian Bookworm 12"
}

resource "xcp_vm_snapshot" "this" {
  vm         = xcp_vm.base.uuid
  name_label = "snap"
}`,
  xcp_appliance: `
resource "xcp_appliance" "this" {
  name_label = "shop"
}`,
  xcp_vpn_link: `
resource "xcp_network" "local" {
  pool       = "dc1"
  name_label = "app"
}

resource "xcp_network" "remote" {
  pool       = "cloud1"
  name_label = "app-burst"
}

resource "xcp_vpn_link" "this" {
  pool           = "dc1"
  remote_pool    = "cloud1"
  name_label     = "link"
  network        = xcp_network.local.uuid
  remote_network = xcp_network.remote.uuid
  local_cidrs    = ["10.10.0.0/16"]
  remote_cidrs   = ["10.20.0.0/16"]
  protocol       = "ipsec"
  psk            = "${SECRET}"
}`,
};

const TYPES = RESOURCE_SCHEMAS.map((s) => s.typeName).sort();
const folders: CrossToolFolder[] = [];
const folder = (type: string) => {
  const f = new CrossToolFolder(`${TWO_POOLS_HEADER}${MINIMAL[type]}\n`);
  folders.push(f);
  return f;
};

beforeAll(() => expect(terraformVersion()).toBe('1.11.4'));
afterAll(() => folders.forEach((f) => f.remove()));

test('every resource type of the schema has a minimal configuration here', () => {
  expect(Object.keys(MINIMAL).sort()).toEqual(TYPES);
});

describe.each(TYPES)('%s: one state, two tools', (type) => {
  it('xcpform apply → terraform plan is empty', () => {
    const f = folder(type);
    const applied = f.xcpform(['apply', '-auto-approve']);
    expect(f.state().resources.map((r) => r.type)).toContain(type);
    const planned = f.terraform(['plan', '-detailed-exitcode']);
    expect([applied.stdout, applied.stderr, planned.stdout, planned.stderr].join('\n')).not.toContain(SECRET);
  });

  it('terraform apply → xcpform plan is empty, with no drift', () => {
    const f = folder(type);
    const applied = f.terraform(['apply', '-auto-approve']);
    expect(f.state().resources.map((r) => r.type)).toContain(type);
    const planned = expectXcpformPlansNothing(f);
    expect([applied.stdout, applied.stderr, planned].join('\n')).not.toContain(SECRET);
  });
});
