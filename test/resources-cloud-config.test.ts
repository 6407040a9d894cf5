/**
 * `xcp_cloud_config` and `data.xcp_cloud_config`: a named cloud-init template kept in the pool
 * as an XAPI `secret` (the simulator serves the class as xapi's data model has it). With the
 * xcpform CLI: apply, empty re-plan, template and name changed in place, drift, import, a taken
 * name refused at plan time, the data source by name, destroy. With real terraform through
 * terraform-provider-xcp: a stored template read by the data source and used by a VM.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../src/simulator';
import { RawClient, RawXapiError, closeRawClients } from '../src/simulator/testing/raw-client';
import { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';
import { configFolders, DC1, planErrors } from './helpers/config-folder';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

const KEY = 'xcpform:cloud-config';

test('the simulator serves XAPI secrets: create, value, other_config, destroy', async () => {
  const sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 1 }], guestBootMs: 0 });
  const c = new RawClient(sim.pools[0].url, 'json');
  try {
    await c.login();
    const s = await c.call<string>('secret.create', { value: 'v1', other_config: { a: 'b' } });
    expect(await c.call('secret.get_value', s)).toBe('v1');
    await c.call('secret.set_value', s, 'v2');
    await c.call('secret.add_to_other_config', s, 'c', 'd');
    const rec = await c.call<Record<string, unknown>>('secret.get_record', s);
    expect(rec).toMatchObject({ value: 'v2', other_config: { a: 'b', c: 'd' } });
    const err = await c.call('secret.create', { other_config: {} }).catch((e: unknown) => e);
    expect(err instanceof RawXapiError ? err.description[0] : err).toBe('FIELD_TYPE_ERROR');
    await c.call('secret.destroy', s);
    expect(await c.call('secret.get_all')).toEqual([]);
  } finally {
    closeRawClients();
    await sim.close();
  }
});

const config = (name: string, template: string, extra = ''): string => `resource "xcp_cloud_config" "web" {
  name     = "${name}"
  template = ${JSON.stringify(template)}
}
${extra}`;

/** Runs `fn` with a client on the folder's embedded world (the CLI is not running). */
async function withWorld<T>(dir: string, fn: (c: XapiClient) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ stateFile: join(dir, '.xcpform', 'simulator.json') });
  const client = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: 'root', password: 'xcpform' } });
  try {
    return await fn(client);
  } finally {
    await client.close();
    await sim.close();
  }
}

/** The pool's cloud configs: secrets carrying a name. */
async function stored(dir: string): Promise<{ ref: string; uuid: string; name: string; value: string }[]> {
  return withWorld(dir, async (c) => [...(await c.getAllRecords('secret'))].filter(([, s]) => KEY in s.other_config)
    .map(([ref, s]) => ({ ref, uuid: s.uuid, name: s.other_config[KEY], value: s.value })));
}

describe('xcp_cloud_config with the xcpform CLI', () => {
  test('apply, empty re-plan, update in place, drift, import, data source, destroy', async () => {
    const { workdir, write, applyAndSettle } = configFolders(DC1, 'xcpform-cloudcfg-');
    const dir = workdir(config('web', '#cloud-config\npackages: [nginx]\n'));
    applyAndSettle(dir);
    const [made] = await stored(dir);
    expect(made).toMatchObject({ name: 'web', value: '#cloud-config\npackages: [nginx]\n' });

    // Template and name change in place: the same secret.
    write(dir, config('web-base', '#cloud-config\npackages: [nginx, curl]\n'));
    const plan = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(plan.stdout).toContain('0 to add, 1 to change, 0 to destroy');
    applyAndSettle(dir);
    expect(await stored(dir)).toEqual([{ ...made, name: 'web-base', value: '#cloud-config\npackages: [nginx, curl]\n' }]);

    // Drift: a template changed over XAPI is read, planned back and repaired.
    await withWorld(dir, (c) => c.call('secret.set_value', made.ref, '#cloud-config\n'));
    const drift = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('+ packages: [nginx, curl]');
    applyAndSettle(dir);
    expect((await stored(dir))[0].value).toBe('#cloud-config\npackages: [nginx, curl]\n');

    // The data source finds it by name; a wrong name lists the names there are.
    write(dir, config('web-base', '#cloud-config\npackages: [nginx, curl]\n', 'data "xcp_cloud_config" "found" {\n  name = "web-base"\n}\noutput "t" {\n  value = data.xcp_cloud_config.found.template\n}\n'));
    const out = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect([out.code, out.stdout]).toEqual([0, expect.stringContaining('packages: [nginx, curl]')]);
    write(dir, config('web-base', '#cloud-config\npackages: [nginx, curl]\n', 'data "xcp_cloud_config" "found" {\n  name = "web-bas"\n}\n'));
    const missing = xcpform(['plan', '-no-color'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no cloud config named "web-bas" in pool "dc1"');
    expect(missing.stderr).toContain('"web-base"');

    // Import into a fresh state: the configuration plans no change.
    write(dir, config('web-base', '#cloud-config\npackages: [nginx, curl]\n'));
    rmSync(join(dir, 'terraform.tfstate'), { force: true });
    rmSync(join(dir, '.xcpform', 'state'), { recursive: true, force: true });
    const imported = xcpform(['import', 'xcp_cloud_config.web', `dc1/${made.uuid}`], { cwd: dir });
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    const afterImport = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect([afterImport.code, afterImport.stdout]).toEqual([0, expect.stringContaining('No changes.')]);

    // A second cloud config with a taken name is refused at plan time.
    write(dir, config('web-base', '#cloud-config\npackages: [nginx, curl]\n', 'resource "xcp_cloud_config" "copy" {\n  name     = "web-base"\n  template = "x"\n}\n'));
    const errs = (await planErrors(dir)).map((d) => [d.code, d.summary, d.path]);
    expect(errs).toEqual([['xcp_cloud_config.name-taken', 'cloud config "web-base" already exists in pool "dc1"', ['name']]]);

    write(dir, config('web-base', '#cloud-config\npackages: [nginx, curl]\n'));
    const destroy = xcpform(['destroy', '-auto-approve', '-no-color'], { cwd: dir });
    expect(destroy.code).toBe(0);
    expect(await stored(dir)).toEqual([]);
  }, 300_000);
});

test('a template built from a sensitive variable is hidden in the plan', () => {
  const { workdir } = configFolders(DC1, 'xcpform-cloudcfg-secret-');
  const dir = workdir('variable "pw" {\n  type      = string\n  sensitive = true\n}\nresource "xcp_cloud_config" "c" {\n  name     = "with-secret"\n  template = "#cloud-config\\npassword: ${var.pw}\\n"\n}\n');
  const plan = xcpform(['plan', '-no-color', '-var', 'pw=hunter2-not-shown'], { cwd: dir });
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain('template = (sensitive value)');
  expect(plan.stdout + plan.stderr).not.toContain('hunter2-not-shown');
}, 60_000);

test('terraform: a stored template read by the data source and used by a VM; plan empty; update; destroy', async () => {
  terraformVersion();
  const ws = new TerraformWorkspace();
  const head = 'terraform {\n  required_providers {\n    xcp = { source = "registry.terraform.io/xcpform/xcp" }\n  }\n}\nprovider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\n';
  const tf = (packages: string): string => `${head}
resource "xcp_cloud_config" "base" {
  name     = "base"
  template = "#cloud-config\\nhostname: {name}\\npackages: [${packages}]\\n"
}
data "xcp_cloud_config" "base" {
  name       = "base"
  depends_on = [xcp_cloud_config.base]
}
resource "xcp_vm" "web" {
  name_label = "web-1"
  template   = "Debian Bookworm 12"
  memory     = 1073741824
  nic {
    network = "Pool-wide network associated with eth0"
  }
  cloud_init {
    user_data = replace(data.xcp_cloud_config.base.template, "{name}", "web-1")
    on_change = "ignore"
  }
}
`;
  ws.write(tf('nginx'));
  ws.expect(['apply', '-auto-approve', '-no-color']);
  ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
  const attrs = (type: string): Record<string, unknown> => ws.state().resources.find((r) => r.type === type && r.mode === 'managed')!.instances[0].attributes as Record<string, unknown>;
  expect((attrs('xcp_vm').cloud_init as { user_data: string }).user_data).toBe('#cloud-config\nhostname: web-1\npackages: [nginx]\n');
  const uuid = attrs('xcp_cloud_config').uuid;
  ws.write(tf('nginx, curl'));
  ws.expect(['apply', '-auto-approve', '-no-color']);
  expect(attrs('xcp_cloud_config')).toMatchObject({ uuid, template: '#cloud-config\nhostname: {name}\npackages: [nginx, curl]\n' });
  ws.expect(['destroy', '-auto-approve', '-no-color']);
  expect(await stored(ws.dir)).toEqual([]);
}, 300_000);
