/**
 * Terraform's call sequences replayed over gRPC against the embedded simulator, each command in
 * fresh provider processes as Terraform runs them (reference tfplugin.md section 3.1): plan and
 * apply a create, refresh and a second plan that must be empty, update, replace (with the second
 * PlanResourceChange on a null prior), import, destroy; every answer checked with Terraform's
 * own rules (src/tfplugin/plan-validity.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceType } from '../src/resources/registry';
import { encodeJson } from '../src/tfplugin/codec/json';
import { blockType } from '../src/tfplugin/codec/types';
import { compatibilityErrors, planValidityErrors } from '../src/tfplugin/plan-validity';
import { isUnknown, ObjectValue, Value } from '../src/values/value';
import { PluginProcess } from './helpers/tfplugin-client';
import { dv, emptyObject, fromDv, schemaOf } from './helpers/tfplugin-values';

jest.setTimeout(180_000);

interface Case {
  readonly type: string;
  readonly create: Record<string, Value>;
  readonly update: Record<string, Value>;
  readonly replace: Record<string, Value>;
}

const CASES: Case[] = [
  { type: 'xcp_network', create: { name_label: 'lan', mtu: 9000 }, update: { name_label: 'lan-b', mtu: 9000, tags: ['x'] }, replace: { name_label: 'lan-b', mtu: 9000, tags: ['x'], managed: false } },
  { type: 'xcp_vdi', create: { name_label: 'data', size: 2 ** 30, sr: 'NFS shared storage' }, update: { name_label: 'data', size: 2 ** 31, sr: 'NFS shared storage' }, replace: { name_label: 'data', size: 2 ** 31, sr: 'NFS shared storage', type: 'system' } },
  {
    type: 'xcp_vm',
    create: { name_label: 'web', template: 'Debian Bookworm 12', power_state: 'halted' },
    update: { name_label: 'web-2', template: 'Debian Bookworm 12', power_state: 'halted', vcpus: 2 },
    replace: { name_label: 'web-2', template: 'Rocky Linux 9', power_state: 'halted', vcpus: 2 },
  },
  {
    type: 'xcp_vm',
    create: { name_label: 'app', template: 'Debian Bookworm 12', disk: [{ size: 2 ** 34 }], nic: [{ network: 'Pool-wide network associated with eth0' }] },
    update: { name_label: 'app-2', template: 'Debian Bookworm 12', disk: [{ size: 2 ** 34 }, { size: 2 ** 30 }], nic: [{ network: 'Pool-wide network associated with eth0' }] },
    replace: { name_label: 'app-2', template: 'Rocky Linux 9', disk: [{ size: 2 ** 34 }], nic: [] },
  },
];

describe.each(CASES)('$type over tfplugin6 against the simulator', (c) => {
  const schema = schemaOf(c.type);
  const cwd = mkdtempSync(join(tmpdir(), 'xcp-tf-life-'));
  const config = (values: Record<string, Value>): ObjectValue => {
    const out: ObjectValue = { ...emptyObject(schema), ...values };
    // Nested block elements carry every attribute of their block, as Terraform sends them.
    for (const [name, bt] of Object.entries(schema.block.blockTypes ?? {})) {
      const v = out[name];
      const fill = (el: Value) => ({ ...Object.fromEntries(Object.keys(bt.block.attributes).map((k) => [k, null])), ...(el as ObjectValue) });
      if (Array.isArray(v)) out[name] = v.map(fill);
      else if (v !== null) out[name] = fill(v);
    }
    return out;
  };
  // Every resource type has its XAPI logic now: an unregistered one is a failure, not a skip.
  test(`${c.type} is implemented`, () => expect(resourceType(c.type)).toBeDefined());
  const run = it;
  let state: ObjectValue | null = null;
  let priv: Buffer | undefined;

  /** One Terraform command: a fresh process, schema, provider validation and configuration. */
  async function command<T>(fn: (call: PluginProcess['provider']) => Promise<T>): Promise<T> {
    const p = await PluginProcess.launch({ cwd });
    try {
      await p.provider('GetProviderSchema', {});
      const provider = schemaOf('provider');
      expect((await p.provider('ValidateProviderConfig', { config: dv(provider, emptyObject(provider)) })).diagnostics).toEqual([]);
      expect((await p.provider('ConfigureProvider', { terraform_version: '1.11.4', config: dv(provider, emptyObject(provider)) })).diagnostics).toEqual([]);
      return await fn(p.provider);
    } finally {
      await p.shutdown();
    }
  }

  async function plan(call: PluginProcess['provider'], prior: ObjectValue | null, cfg: ObjectValue) {
    expect((await call('ValidateResourceConfig', { type_name: c.type, config: dv(schema, cfg) })).diagnostics).toEqual([]);
    const resp = await call('PlanResourceChange', { type_name: c.type, prior_state: dv(schema, prior), proposed_new_state: dv(schema, cfg), config: dv(schema, cfg), prior_private: priv });
    expect(resp.diagnostics).toEqual([]);
    const planned = fromDv(schema, resp.planned_state) as ObjectValue;
    expect(planValidityErrors(schema.block, prior, cfg, planned)).toEqual([]);
    return { planned, replace: resp.requires_replace as unknown[], priv: resp.planned_private as Buffer };
  }

  async function apply(call: PluginProcess['provider'], prior: ObjectValue | null, planned: ObjectValue | null, cfg: ObjectValue | null, plannedPrivate?: Buffer) {
    const resp = await call('ApplyResourceChange', { type_name: c.type, prior_state: dv(schema, prior), planned_state: dv(schema, planned), config: dv(schema, cfg), planned_private: plannedPrivate });
    expect(resp.diagnostics).toEqual([]);
    const result = fromDv(schema, resp.new_state) as ObjectValue | null;
    expect(compatibilityErrors(schema.block, planned, result)).toEqual([]);
    priv = resp.private;
    return result;
  }

  /** Refresh as `plan` does: upgrade the stored JSON, then read. */
  async function refresh(call: PluginProcess['provider'], stored: ObjectValue): Promise<ObjectValue | null> {
    const up = await call('UpgradeResourceState', { type_name: c.type, version: schema.version, raw_state: { json: Buffer.from(encodeJson(blockType(schema.block), stored)) } });
    expect(up.diagnostics).toEqual([]);
    const read = await call('ReadResource', { type_name: c.type, current_state: up.upgraded_state, private: priv });
    expect(read.diagnostics).toEqual([]);
    expect(read.private).toEqual(priv);
    return fromDv(schema, read.new_state) as ObjectValue | null;
  }

  run('plans and applies a create; a fresh plan is empty', async () => {
    state = await command(async (call) => {
      const p = await plan(call, null, config(c.create));
      expect(Object.values(p.planned).some(isUnknown)).toBe(true);
      const final = await plan(call, null, config(c.create));
      expect(compatibilityErrors(schema.block, p.planned, final.planned).filter((e) => !e.includes('still unknown'))).toEqual([]);
      return apply(call, null, final.planned, config(c.create), final.priv);
    });
    expect(state).toMatchObject(c.create);
    await command(async (call) => {
      const refreshed = await refresh(call, state!);
      expect(refreshed).toEqual(state);
      const again = await plan(call, refreshed, config(c.create));
      expect(again.planned).toEqual(refreshed);
    });
  });

  run('updates in place without replacement; the next plan is empty', async () => {
    const uuid = state!.uuid;
    state = await command(async (call) => {
      const refreshed = (await refresh(call, state!))!;
      const p = await plan(call, refreshed, config(c.update));
      expect(p.replace).toEqual([]);
      expect(p.planned.uuid).toBe(uuid);
      return apply(call, refreshed, p.planned, config(c.update), p.priv);
    });
    expect(state!.uuid).toBe(uuid);
    await command(async (call) => {
      const refreshed = await refresh(call, state!);
      expect((await plan(call, refreshed, config(c.update))).planned).toEqual(refreshed);
    });
  });

  run('replaces: requires_replace, a second plan on a null prior, delete then create', async () => {
    const old = state!;
    state = await command(async (call) => {
      const refreshed = (await refresh(call, old))!;
      const p = await plan(call, refreshed, config(c.replace));
      expect(p.replace.length).toBeGreaterThan(0);
      const create = await plan(call, null, config(c.replace));
      expect(isUnknown(create.planned.uuid)).toBe(true);
      expect(await apply(call, refreshed, null, null)).toBeNull();
      return apply(call, null, create.planned, config(c.replace), create.priv);
    });
    expect(state!.uuid).not.toBe(old.uuid);
    await command(async (call) => expect(await refresh(call, old)).toBeNull());
  });

  run('imports by <pool>/<uuid> and refuses an id that does not exist', async () => {
    await command(async (call) => {
      const resp = await call('ImportResourceState', { type_name: c.type, id: `dc1/${state!.uuid}` });
      expect(resp.diagnostics).toEqual([]);
      const imported = fromDv(schema, resp.imported_resources[0].state) as ObjectValue;
      priv = resp.imported_resources[0].private;
      const read = await call('ReadResource', { type_name: c.type, current_state: dv(schema, imported), private: priv });
      expect((fromDv(schema, read.new_state) as ObjectValue).uuid).toBe(state!.uuid);
      const missing = await call('ImportResourceState', { type_name: c.type, id: 'dc1/00000000-0000-0000-0000-000000000000' });
      expect(missing.diagnostics[0]).toMatchObject({ severity: 'ERROR' });
      expect(missing.imported_resources).toEqual([]);
    });
  });

  run('destroys: planned null, applied null, then gone on refresh', async () => {
    await command(async (call) => {
      const resp = await call('PlanResourceChange', { type_name: c.type, prior_state: dv(schema, state), proposed_new_state: dv(schema, null), config: dv(schema, null), prior_private: priv });
      expect(resp.planned_state.msgpack.toString('hex')).toBe('c0');
      expect(await apply(call, state, null, null)).toBeNull();
    });
    await command(async (call) => expect(await refresh(call, state!)).toBeNull());
  });
});

describe('data sources over tfplugin6 against the simulator', () => {
  it('ReadDataSource finds an object by name, and reports a missing one as a diagnostic', async () => {
    const p = await PluginProcess.launch();
    try {
      const provider = schemaOf('provider');
      await p.provider('ConfigureProvider', { config: dv(provider, emptyObject(provider)) });
      const ds = schemaOf('data.xcp_network');
      const config = { ...emptyObject(ds), name_label: 'Pool-wide network associated with eth0' };
      const found = await p.provider('ReadDataSource', { type_name: 'xcp_network', config: dv(ds, config) });
      expect(found.diagnostics).toEqual([]);
      const state = fromDv(ds, found.state) as ObjectValue;
      expect(state).toMatchObject({ name_label: config.name_label, pool: 'dc1' });
      expect(state.uuid).toMatch(/^[0-9a-f-]{36}$/);
      const missing = await p.provider('ReadDataSource', { type_name: 'xcp_network', config: dv(ds, { ...config, name_label: 'no such network' }) });
      expect(missing.diagnostics[0]).toMatchObject({ severity: 'ERROR' });
    } finally {
      await p.shutdown();
    }
  });
});
