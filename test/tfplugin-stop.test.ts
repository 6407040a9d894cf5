/**
 * Interrupts (reference tfplugin.md section 1.7): Terraform answers Ctrl-C by calling
 * StopProvider on every provider; an apply in flight must return promptly with a diagnostic
 * instead of running to the end. The embedded simulator is slowed down so that the apply
 * would take many seconds.
 */
import { PluginProcess } from './helpers/tfplugin-client';
import { dv, emptyObject, schemaOf } from './helpers/tfplugin-values';

describe('StopProvider', () => {
  it('makes an in-flight ApplyResourceChange return promptly with a diagnostic', async () => {
    const p = await PluginProcess.launch({ env: { XCPFORM_EMBEDDED_LATENCY_MS: '3000' } });
    try {
      const provider = schemaOf('provider');
      const network = schemaOf('xcp_network');
      await p.provider('ConfigureProvider', { config: dv(provider, emptyObject(provider)) });
      const config = { ...emptyObject(network), name_label: 'slow' };
      const planned = (await p.provider('PlanResourceChange', { type_name: 'xcp_network', prior_state: null, proposed_new_state: dv(network, config), config: dv(network, config) })).planned_state;
      const started = Date.now();
      const applying = p.provider('ApplyResourceChange', { type_name: 'xcp_network', prior_state: null, planned_state: planned, config: dv(network, config) });
      const stop = await p.provider('StopProvider', {});
      expect(stop).toEqual({ Error: '' });
      const applied = await applying;
      expect(Date.now() - started).toBeLessThan(2500);
      expect(applied.diagnostics[0]).toMatchObject({ severity: 'ERROR', summary: expect.stringMatching(/stopped before it finished/) });
      expect(applied.new_state.msgpack.toString('hex')).toBe('c0');
    } finally {
      p.close();
    }
  });
});
