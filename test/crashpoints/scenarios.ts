/**
 * The operations whose every crash point is tried: the cloudburst example against served pools,
 * a configuration of 100 VMs, and the destroy of those 100 VMs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolSpec } from '../../src/simulator';
import type { Op } from './fronts';
import type { PoolAccess } from './census';

export interface Scenario {
  readonly name: string;
  readonly pools: readonly PoolSpec[];
  /** The configuration, pointed at the served pools. */
  config(pools: readonly PoolAccess[]): string;
  /** Applied (cleanly) before the measured operation, once, and restored for every point. */
  readonly setup: boolean;
  /** The operation whose crash points are tried, and the plan that must then be empty. */
  readonly op: Op;
  readonly emptyPlan: Op;
  /** Whether a destroy after recovery must bring the pools back to how they were. */
  readonly destroyAfter: boolean;
}

const ROOT = join(__dirname, '..', '..');
const TWO_POOLS: PoolSpec[] = [{ name: 'dc1', hosts: 2 }, { name: 'cloud1', hosts: 2 }];

function providerPools(pools: readonly PoolAccess[]): string {
  return pools.map((p) => `    ${p.name} = { url = "${p.url}", username = "${p.username}", password = "${p.password}" }`).join('\n');
}

/** examples/cloudburst/main.tf with its embedded pools replaced by the served ones. */
function cloudburst(pools: readonly PoolAccess[]): string {
  const text = readFileSync(join(ROOT, 'examples', 'cloudburst', 'main.tf'), 'utf8');
  const embedded = /  pools = \{\n(?:    \w+ += \{ url = "embedded" \}\n)+  \}/;
  if (!embedded.test(text)) throw new Error('examples/cloudburst/main.tf no longer declares its pools as the crash-point harness expects');
  return text.replace(embedded, `  pools = {\n${providerPools(pools)}\n  }`);
}

const GIB = 2 ** 30;

/** 100 running VMs, 50 per pool, each with a 10 GiB disk (the template's size) and a NIC on its pool's network. */
function hundredVms(pools: readonly PoolAccess[]): string {
  const vms = ['dc1', 'cloud1'].map((pool) => `
resource "xcp_network" "${pool}" {
  pool       = "${pool}"
  name_label = "cp-${pool}-net"
}

resource "xcp_vm" "${pool}" {
  count       = 50
  pool        = "${pool}"
  name_label  = "cp-${pool}-\${count.index}"
  template    = "Debian Bookworm 12"
  memory      = ${GIB}
  vcpus       = 1
  power_state = "running"
  disk { size = ${10 * GIB} }
  nic { network = xcp_network.${pool}.uuid }
}
`).join('');
  return `terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}

provider "xcp" {
  pools = {
${providerPools(pools)}
  }
  default_pool = "dc1"
}
${vms}`;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'cloudburst', pools: TWO_POOLS, config: cloudburst, setup: false, op: 'apply', emptyPlan: 'plan', destroyAfter: true },
  { name: 'vms100', pools: TWO_POOLS, config: hundredVms, setup: false, op: 'apply', emptyPlan: 'plan', destroyAfter: true },
  { name: 'destroy100', pools: TWO_POOLS, config: hundredVms, setup: true, op: 'destroy', emptyPlan: 'plan-destroy', destroyAfter: false },
];

export function scenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`unknown scenario "${name}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  return found;
}
