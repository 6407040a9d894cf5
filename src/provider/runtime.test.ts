import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveProviderSettings } from './endpoints';
import { ProviderRuntime } from './runtime';

describe('ProviderRuntime', () => {
  test('embedded pools run in-process and persist their world across runs', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'xcpform-runtime-'));
    const { settings, diagnostics } = resolveProviderSettings({ pools: { dc1: { url: 'embedded' }, cloud1: { url: 'embedded' } }, default_pool: 'dc1' }, {});
    expect(diagnostics).toEqual([]);
    const first = await ProviderRuntime.open(settings, { workDir });
    try {
      expect(first.pools).toEqual(['dc1', 'cloud1']);
      const hosts = await first.records('cloud1', ['host']);
      expect(hosts.all('host').size).toBe(2);
      const client = await first.client('dc1');
      await client.call('network.create', { name_label: 'persisted', name_description: '', MTU: '1500', other_config: {}, bridge: '', managed: true, tags: [] });
    } finally {
      await first.close();
    }
    const file = join(workDir, '.xcpform', 'simulator.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await ProviderRuntime.open(settings, { workDir });
    try {
      const nets = await second.records('dc1', ['network']);
      expect(nets.byName('network', 'persisted')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  test('a missing password is a diagnostic that names the environment variable, not a crash', () => {
    const { diagnostics } = resolveProviderSettings({ pools: { prod: { url: 'https://10.0.0.1' } } }, {});
    expect(diagnostics.map((d) => d.summary)).toEqual(['provider "xcp": pool "prod" has no password']);
    expect(diagnostics[0].detail).toContain('XCP_PROD_PASSWORD');
    const ok = resolveProviderSettings({ pools: { prod: { url: 'https://10.0.0.1' } } }, { XCP_PROD_PASSWORD: 's3cret' });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.settings.endpoints[0]).toMatchObject({ name: 'prod', username: 'root', password: 's3cret', insecureTls: false, transport: 'jsonrpc' });
  });

  test('an unknown default pool is reported', () => {
    const { diagnostics, settings } = resolveProviderSettings({ pools: { a: { url: 'embedded' } }, default_pool: 'b' }, {});
    expect(diagnostics[0].summary).toBe('provider "xcp": default_pool "b" is not one of the pools');
    expect(settings.defaultPool).toBe('a');
  });

  test('no pools means one embedded pool named dc1', () => {
    const { settings } = resolveProviderSettings(null, {});
    expect(settings.endpoints.map((e) => [e.name, e.url])).toEqual([['dc1', 'embedded']]);
  });

  test('the default pool does not depend on the order the pools are written in (Terraform sends a map sorted)', () => {
    for (const pools of [{ dc1: { url: 'embedded' }, cloud1: { url: 'embedded' } }, { cloud1: { url: 'embedded' }, dc1: { url: 'embedded' } }]) {
      const { settings, diagnostics } = resolveProviderSettings({ pools }, {});
      expect(settings.endpoints.map((e) => e.name)).toEqual(['cloud1', 'dc1']);
      expect(settings.defaultPool).toBe('cloud1');
      expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'provider.implicit-default-pool']]);
    }
    const chosen = resolveProviderSettings({ pools: { dc1: { url: 'embedded' }, cloud1: { url: 'embedded' } }, default_pool: 'dc1' }, {});
    expect(chosen.settings.defaultPool).toBe('dc1');
    expect(chosen.diagnostics).toEqual([]);
  });
});
