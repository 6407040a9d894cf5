/**
 * High availability: pool.enable_ha / disable_ha / set_ha_host_failures_to_tolerate and the VM's
 * restart priority. The simulator keeps the records xapi keeps (one heartbeat statefile VDI per
 * SR, ha_* fields); there is no failover. Signatures follow xapi's data model.
 */
import { XapiFailure } from '../errors';
import { MethodSpec, method, p } from '../dispatch/method';
import { MiB } from './ops';
import { int, ref, setOf, smap, str } from '../model/types';

/** The values xapi accepts for VM.ha_restart_priority ("" = not protected). */
const RESTART_PRIORITIES = ['restart', 'best-effort', ''];

export const haMethods: MethodSpec[] = [
  method('pool.enable_ha', [p('heartbeat_srs', setOf(ref('SR'))), p('configuration', smap)], null, (ctx, [srs, config]) => {
    const db = ctx.db;
    const pool = ctx.pool.ref;
    if (db.require('pool', pool).ha_enabled) throw new XapiFailure('HA_IS_ENABLED', []);
    const list = srs as string[];
    if (list.length === 0) throw new XapiFailure('HA_NOT_ENOUGH_HEARTBEAT_SRS', []);
    const statefiles: string[] = [];
    for (const sr of list) {
      const rec = db.require('SR', sr);
      if (!rec.shared) throw new XapiFailure('SR_NOT_SHARED', [sr]);
      statefiles.push(db.create('VDI', { name_label: 'Statefile for HA', SR: sr, virtual_size: 4 * MiB, physical_utilisation: 4 * MiB, type: 'ha_statefile', sm_config: {} }));
    }
    db.update('pool', pool, { ha_enabled: true, ha_configuration: config as Record<string, string>, ha_statefiles: statefiles });
  }),
  method('pool.disable_ha', [], null, (ctx) => {
    const db = ctx.db;
    const rec = db.require('pool', ctx.pool.ref);
    if (!rec.ha_enabled) throw new XapiFailure('HA_NOT_ENABLED', []);
    for (const vdi of rec.ha_statefiles as string[]) if (db.get('VDI', vdi)) db.destroy('VDI', vdi);
    db.update('pool', ctx.pool.ref, { ha_enabled: false, ha_configuration: {}, ha_statefiles: [], ha_plan_exists_for: 0 });
  }),
  method('pool.set_ha_host_failures_to_tolerate', [p('self', ref('pool')), p('value', int)], null, (ctx, [pool, value]) => {
    ctx.db.require('pool', pool as string);
    if ((value as number) < 0) throw new XapiFailure('INVALID_VALUE', ['ha_host_failures_to_tolerate', String(value)]);
    // A pool of n hosts can plan for at most n - 1 failures.
    if ((value as number) > ctx.db.all('host').length - 1) throw new XapiFailure('HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN', []);
    ctx.db.set('pool', pool as string, 'ha_host_failures_to_tolerate', value as number);
  }),
  method('VM.set_ha_restart_priority', [p('self', ref('VM')), p('value', str)], null, (ctx, [vm, value]) => {
    ctx.db.require('VM', vm as string);
    if (!RESTART_PRIORITIES.includes(value as string)) throw new XapiFailure('INVALID_VALUE', ['ha_restart_priority', value as string]);
    ctx.db.set('VM', vm as string, 'ha_restart_priority', value as string);
  }),
];
