/**
 * The two front doors decide alike (issue 16, finding 6). For each case, one folder holds one
 * state and one embedded simulator world: xcpform applies the starting configuration, the
 * configuration is edited, and then `xcpform plan -out` + `xcpform show -json` and real
 * `terraform plan -out` + `terraform show -json` (terraform-provider-xcp through dev_overrides)
 * must give the same action and the same unknown values for the resource. The cases are the
 * ones where the two once disagreed: an ignored cloud-init change (CLI update, provider
 * replace), reordered disks (CLI no-op, provider update), a host move (the provider marked
 * `pool` and every device UUID unknown) and an imported VM with cloud-init (a replacement).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

jest.setTimeout(300_000);

const PROVIDER = 'terraform {\n  required_providers {\n    xcp = { source = "xcpform/xcp" }\n  }\n}\n\nprovider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\n';

interface JsonChange { address: string; change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> } }

/** Paths of `after_unknown` that are true, as sorted strings. */
function unknownPaths(v: unknown, at = ''): string[] {
  if (v === true) return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => unknownPaths(x, `${at}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => unknownPaths(x, at ? `${at}.${k}` : k));
  return [];
}

function vm(body: string): string {
  return `${PROVIDER}\nresource "xcp_vm" "web" {\n  name_label = "web"\n  template   = "Debian Bookworm 12"\n  memory     = 1073741824\n${body}\n}\n`;
}

const DISKS = '  disk {\n    size = 10737418240\n  }\n  disk {\n    size = 1073741824\n    userdevice = "1"\n  }\n';
const DISKS_REORDERED = '  disk {\n    size = 1073741824\n    userdevice = "1"\n  }\n  disk {\n    size = 10737418240\n  }\n';
const cloudInit = (data: string) => `  cloud_init {\n    user_data = "${data}"\n    on_change = "ignore"\n  }\n`;

class Folder {
  readonly tf = new TerraformWorkspace();
  readonly dir = this.tf.dir;

  constructor() {
    this.tf.expect(['init', '-input=false']);
  }

  write(config: string): void {
    writeFileSync(join(this.dir, 'main.tf'), config);
  }

  cli(args: string[], expected = 0): string {
    const res = xcpform(['plan', 'apply', 'show'].includes(args[0]) ? [...args, '-no-color'] : args, { cwd: this.dir });
    if (expected >= 0 && res.code !== expected) throw new Error(`xcpform ${args.join(' ')} exited ${res.code} (expected ${expected}):\n${res.stdout}\n${res.stderr}`);
    return res.stdout + (args[0] === 'plan' ? res.stderr : '');
  }

  /** Both tools' plans for `address`, from the same state and world. */
  plans(address: string): { xcpform: JsonChange | undefined; terraform: JsonChange | undefined } {
    this.cli(['plan', '-out', 'x.plan'], -1);
    const x = JSON.parse(this.cli(['show', '-json', 'x.plan'])) as { resource_changes?: JsonChange[] };
    this.tf.expect(['plan', '-input=false', '-lock=false', '-out', 't.plan']);
    const t = JSON.parse(this.tf.expect(['show', '-json', 't.plan']).stdout) as { resource_changes?: JsonChange[] };
    return { xcpform: x.resource_changes?.find((c) => c.address === address), terraform: t.resource_changes?.find((c) => c.address === address) };
  }

  state(): { resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] } {
    return JSON.parse(readFileSync(join(this.dir, 'terraform.tfstate'), 'utf8'));
  }
}

function expectAgreement(p: ReturnType<Folder['plans']>, action: string[]): void {
  expect(p.xcpform?.change.actions).toEqual(action);
  expect(p.terraform?.change.actions).toEqual(action);
  expect(unknownPaths(p.xcpform!.change.after_unknown).sort()).toEqual(unknownPaths(p.terraform!.change.after_unknown).sort());
}

test('terraform is the oracle here: version 1.11.4', () => {
  expect(terraformVersion()).toBe('1.11.4');
});

describe('xcpform plan and terraform plan decide alike', () => {
  it('an ignored cloud-init change is an in-place update in both, with a warning in both', () => {
    const f = new Folder();
    f.write(vm(cloudInit('#cloud-config\\n')));
    f.cli(['apply', '-auto-approve']);
    f.write(vm(cloudInit('#cloud-config\\npackages: [nginx]\\n')));
    const p = f.plans('xcp_vm.web');
    expectAgreement(p, ['update']);
    const tfText = f.tf.expect(['plan', '-input=false', '-lock=false', '-no-color']).stdout;
    expect(tfText).toMatch(/Warning: .*cloud-init change will not reach the guest/);
    expect(f.cli(['plan'])).toMatch(/cloud-init change will not reach the guest/);
  });

  it('reordered disks are the same update in both (the state changes order, XAPI is not called) and settle', () => {
    const f = new Folder();
    f.write(vm(DISKS));
    f.cli(['apply', '-auto-approve']);
    const vdis = (f.state().resources[0].instances[0].attributes.disk as { vdi_uuid: string }[]).map((d) => d.vdi_uuid);
    f.write(vm(DISKS_REORDERED));
    const p = f.plans('xcp_vm.web');
    expectAgreement(p, ['update']);
    expect(unknownPaths(p.xcpform!.change.after_unknown)).not.toContain('disk[0].vdi_uuid');
    f.cli(['apply', '-auto-approve']);
    const after = (f.state().resources[0].instances[0].attributes.disk as { vdi_uuid: string }[]).map((d) => d.vdi_uuid);
    expect(after).toEqual([vdis[1], vdis[0]]);
    f.cli(['plan', '-detailed-exitcode']);
    f.tf.expect(['plan', '-input=false', '-detailed-exitcode']);
  });

  it('a host move is a migration in both; the pool and the devices keep their known values', () => {
    const f = new Folder();
    f.write(vm(DISKS));
    f.cli(['apply', '-auto-approve']);
    const attrs = f.state().resources[0].instances[0].attributes;
    const other = otherHost(f, attrs.host as string);
    f.write(vm(`${DISKS}  host = "${other}"\n`));
    const p = f.plans('xcp_vm.web');
    expectAgreement(p, ['update']);
    const tfText = f.tf.expect(['plan', '-input=false', '-lock=false', '-no-color']).stdout;
    expect(tfText).toMatch(/Warning: The object will be migrated, not rebuilt/);
    expect(tfText).toMatch(/Warning: Live migration to host/);
    for (const c of [p.xcpform!, p.terraform!]) {
      expect(c.change.after.pool).toBe('dc1');
      expect((c.change.after.disk as { vdi_uuid: string }[])[0].vdi_uuid).toBe((attrs.disk as { vdi_uuid: string }[])[0].vdi_uuid);
    }
  });

  it('a halt-class change of a running VM is the same update in both, and terraform warns of the restart', () => {
    const f = new Folder();
    f.write(vm(DISKS));
    f.cli(['apply', '-auto-approve']);
    f.write(vm(`${DISKS}  vcpus_max = 4\n`));
    const p = f.plans('xcp_vm.web');
    expectAgreement(p, ['update']);
    const tfText = f.tf.expect(['plan', '-input=false', '-lock=false', '-no-color']).stdout;
    expect(tfText).toMatch(/Warning: The object will be shut down cleanly, updated and started again/);
    expect(f.cli(['plan'])).toMatch(/will be shut down cleanly, updated and started again/);
  });

  it('an imported VM with cloud-init is not replaced by either', () => {
    const f = new Folder();
    f.write(vm(cloudInit('#cloud-config\\n')));
    f.cli(['apply', '-auto-approve']);
    const uuid = f.state().resources[0].instances[0].attributes.uuid as string;
    f.cli(['state', 'rm', 'xcp_vm.web']);
    f.cli(['import', 'xcp_vm.web', `dc1/${uuid}`]);
    const p = f.plans('xcp_vm.web');
    expect(p.xcpform?.change.actions).not.toContain('delete');
    expect(p.terraform?.change.actions).not.toContain('delete');
    expect(p.xcpform?.change.actions).toEqual(p.terraform?.change.actions);
  });
});

/** A host of pool dc1 other than `current`, from the simulator's records as xcpform reads them. */
function otherHost(f: Folder, current: string): string {
  writeFileSync(join(f.dir, 'hosts.tf'), 'data "xcp_host" "h0" {\n  name_label = "dc1-host1"\n}\ndata "xcp_host" "h1" {\n  name_label = "dc1-host2"\n}\noutput "hosts" {\n  value = [data.xcp_host.h0.uuid, data.xcp_host.h1.uuid]\n}\n');
  f.cli(['plan', '-out', 'h.plan']);
  const out = JSON.parse(f.cli(['show', '-json', 'h.plan'])) as { planned_values: { outputs: { hosts: { value: string[] } } } };
  const hosts = out.planned_values.outputs.hosts.value;
  const pick = hosts.find((h) => h !== current);
  if (!pick) throw new Error(`no other host than ${current} in ${hosts.join(', ')}`);
  return pick;
}
