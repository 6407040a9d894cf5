/**
 * One state, two tools, on the project's own examples: a state written by `terraform apply`
 * (real terraform 1.11.4 with terraform-provider-xcp) plans empty in `terraform plan` and in
 * `xcpform plan`, with no "changed outside" drift; a state written by `xcpform apply` plans
 * empty in `terraform plan`. Both tools run in the same folder, on the same embedded simulator
 * world and the same `terraform.tfstate`. An attribute removed from the configuration goes back
 * to its default in both tools' plans.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceSchema } from '../src/provider/schemas';
import type { BlockSchema } from '../src/schema/model';
import { ROOT } from './helpers/cli';
import { CrossToolFolder, expectXcpformPlansNothing, StateFile, TWO_POOLS_HEADER } from './helpers/cross-tool';
import { terraformVersion } from './helpers/tfplugin-terraform';

jest.setTimeout(600_000);

/** examples/basic as shipped, its `xcp_pool` (the one owner of the pool's default SR) included. */
function basicExample(): string {
  const text = readFileSync(join(ROOT, 'examples', 'basic', 'main.tf'), 'utf8');
  expect(text).toContain('resource "xcp_pool" "dc1"');
  return text;
}

/** examples/cloudburst as shipped: eight web VMs, more than the datacenter pool holds. */
const cloudburstExample = () => readFileSync(join(ROOT, 'examples', 'cloudburst', 'main.tf'), 'utf8');

/** Pool of each web VM in the folder's state, by name. */
function webPools(state: StateFile): Record<string, string> {
  const web = state.resources.find((r) => r.type === 'xcp_vm' && r.name === 'web')!;
  return Object.fromEntries(web.instances.map((i) => [String(i.attributes.name_label), String(i.attributes.pool)]));
}

/** A state as terraform-provider-xcp wrote it before defaults were stored: null where unset. */
function withNullDefaults(state: StateFile): StateFile {
  const strip = (block: BlockSchema, attrs: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...attrs };
    for (const [name, attr] of Object.entries(block.attributes)) {
      if (attr.optional && attr.default !== undefined && JSON.stringify(out[name]) === JSON.stringify(attr.default)) out[name] = null;
    }
    for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
      const v = out[name];
      if (Array.isArray(v)) out[name] = v.map((el) => strip(bt.block, el as Record<string, unknown>));
      else if (v && typeof v === 'object') out[name] = strip(bt.block, v as Record<string, unknown>);
    }
    return out;
  };
  return {
    ...state,
    serial: state.serial + 1,
    resources: state.resources.map((r) => ({
      ...r,
      instances: r.instances.map((i) => ({ ...i, attributes: r.mode === 'managed' ? strip(resourceSchema(r.type)!.block, i.attributes) : i.attributes })),
    })),
  };
}

const folders: CrossToolFolder[] = [];
const folder = (mainTf: string) => {
  const f = new CrossToolFolder(mainTf);
  folders.push(f);
  return f;
};

beforeAll(() => expect(terraformVersion()).toBe('1.11.4'));
afterAll(() => folders.forEach((f) => f.remove()));

describe('examples/basic (without xcp_pool): one state, two tools', () => {
  it('terraform apply → terraform plan and xcpform plan are empty, also on a state with null defaults', () => {
    const f = folder(basicExample());
    f.terraform(['apply', '-auto-approve']);
    expect(f.state().resources.find((r) => r.type === 'xcp_network')!.instances[0].attributes).toMatchObject({ managed: true, name_description: '', tags: [] });
    f.terraform(['plan', '-detailed-exitcode']);
    expectXcpformPlansNothing(f);

    // A state written by an older terraform-provider-xcp: xcpform reads null as the default
    // and reports no drift; terraform's refresh fills the defaults in and plans nothing.
    const legacy = withNullDefaults(f.state());
    expect(legacy.resources.find((r) => r.type === 'xcp_network')!.instances[0].attributes).toMatchObject({ managed: null, name_description: null, tags: null });
    f.writeState(legacy);
    expectXcpformPlansNothing(f);
    f.terraform(['plan', '-detailed-exitcode']);
  });

  it('xcpform apply → terraform plan is empty', () => {
    const f = folder(basicExample());
    f.xcpform(['apply', '-auto-approve']);
    f.terraform(['plan', '-detailed-exitcode']);
    expectXcpformPlansNothing(f);
  });
});

describe('examples/cloudburst: bursting into cloud1, one state, two tools', () => {
  /** Six web VMs fit dc1 beside the database and application tiers; two burst into cloud1. */
  const expectBurst = (state: StateFile) => {
    const pools = Object.values(webPools(state));
    expect(pools).toHaveLength(8);
    expect(pools.filter((p) => p === 'cloud1')).toHaveLength(2);
    // Every web VM keeps the datacenter network in the state, wherever it runs (routed at apply).
    const app = state.resources.find((r) => r.type === 'xcp_network' && r.name === 'app')!.instances[0].attributes.uuid;
    const web = state.resources.find((r) => r.type === 'xcp_vm' && r.name === 'web')!;
    for (const i of web.instances) expect((i.attributes.nic as { network: string }[])[0].network).toBe(app);
  };

  it('terraform apply bursts the overflow into cloud1 (placement at apply); terraform plan and xcpform plan are empty', () => {
    const f = folder(cloudburstExample());
    f.terraform(['apply', '-auto-approve']);
    expectBurst(f.state());
    f.terraform(['plan', '-detailed-exitcode']);
    expectXcpformPlansNothing(f);
  });

  it('xcpform apply bursts the same way; terraform plan is empty', () => {
    const f = folder(cloudburstExample());
    f.xcpform(['apply', '-auto-approve']);
    expectBurst(f.state());
    f.terraform(['plan', '-detailed-exitcode']);
    expectXcpformPlansNothing(f);
  });
});

describe('an attribute removed from the configuration goes back to its default, in both tools', () => {
  const network = (extra: string) => `${TWO_POOLS_HEADER}resource "xcp_network" "lan" {\n  name_label = "lan"\n${extra}}\n`;

  it('xcpform applies mtu = 9000; without it, both plan 9000 -> 1500; terraform applies; both plan nothing', () => {
    const f = folder(network('  mtu = 9000\n'));
    f.xcpform(['apply', '-auto-approve']);
    f.tf.write(network(''));
    expect(f.terraform(['plan', '-detailed-exitcode'], 2).stdout).toMatch(/~ mtu += 9000 -> 1500/);
    expect(f.xcpform(['plan', '-detailed-exitcode'], 2).stdout).toMatch(/~ mtu += 9000 -> 1500/);
    f.terraform(['apply', '-auto-approve']);
    expect(f.state().resources[0].instances[0].attributes.mtu).toBe(1500);
    expectXcpformPlansNothing(f);
    f.terraform(['plan', '-detailed-exitcode']);
  });
});
