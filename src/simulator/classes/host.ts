/** host: enable / disable / evacuate / compute_free_memory / reboot / shutdown / destroy / servertime. */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { NULL_REF, datetime, int, ref } from '../model/types';
import { chooseHost, hostFreeMemory, refreshAllowed, withOperation } from './ops';
import { boot, halt } from './vm-power';

const hostRef = ref('host');

function residentGuests(ctx: CallContext, host: string): string[] {
  const h = ctx.db.require('host', host);
  return (h.resident_VMs as string[]).filter((v) => !ctx.db.get('VM', v)?.is_control_domain);
}

async function evacuate(ctx: CallContext, host: string): Promise<void> {
  const db = ctx.db;
  await withOperation(ctx, 'host', host, 'evacuate', () => {
    const wasEnabled = db.require('host', host).enabled;
    db.set('host', host, 'enabled', false); // nothing may land here while we move VMs away
    try {
      for (const vm of residentGuests(ctx, host)) {
        const rec = db.require('VM', vm);
        const target = chooseHost(db, vm, { ...rec, affinity: NULL_REF });
        db.update('VM', vm, { resident_on: target });
      }
    } finally {
      db.set('host', host, 'enabled', wasEnabled);
    }
  });
}

function setEnabled(ctx: CallContext, host: string, enabled: boolean): void {
  ctx.db.require('host', host);
  ctx.db.set('host', host, 'enabled', enabled);
  refreshAllowed(ctx.db, 'host', host);
}

function assertIdleAndDisabled(ctx: CallContext, host: string): void {
  const h = ctx.db.require('host', host);
  if (h.enabled) throw new XapiFailure('HOST_NOT_DISABLED', []);
  const guests = residentGuests(ctx, host);
  if (guests.length > 0) throw new XapiFailure('HOST_IN_USE', [host, 'VM', guests[0]]);
}

export const hostMethods: MethodSpec[] = [
  method('host.enable', [p('host', hostRef)], null, (ctx, [h]) => setEnabled(ctx, h as string, true)),
  method('host.disable', [p('host', hostRef)], null, (ctx, [h]) => setEnabled(ctx, h as string, false)),
  method('host.evacuate', [p('host', hostRef), p('network', ref('network'), NULL_REF), p('evacuate_batch_size', int, 0)], null, (ctx, [h]) => evacuate(ctx, h as string)),
  method('host.compute_free_memory', [p('host', hostRef)], int, (ctx, [h]) => hostFreeMemory(ctx.db, h as string)),
  method('host.reboot', [p('host', hostRef)], null, (ctx, [h]) => {
    assertIdleAndDisabled(ctx, h as string);
    const dom0 = ctx.db.require('host', h as string).control_domain as string;
    if (ctx.db.get('VM', dom0)) {
      halt(ctx, dom0);
      boot(ctx, dom0, h as string, false);
    }
    setEnabled(ctx, h as string, true);
  }),
  method('host.shutdown', [p('host', hostRef)], null, (ctx, [h]) => {
    assertIdleAndDisabled(ctx, h as string);
    const metrics = ctx.db.require('host', h as string).metrics as string;
    if (ctx.db.get('host_metrics', metrics)) ctx.db.set('host_metrics', metrics, 'live', false);
  }),
  method('host.power_on', [p('host', hostRef)], null, (ctx, [h]) => {
    const metrics = ctx.db.require('host', h as string).metrics as string;
    if (ctx.db.get('host_metrics', metrics)) ctx.db.set('host_metrics', metrics, 'live', true);
    setEnabled(ctx, h as string, true);
  }),
  method('host.destroy', [p('self', hostRef)], null, (ctx, [h]) => {
    const host = ctx.db.require('host', h as string);
    if (h === ctx.pool.master) throw new XapiFailure('HOST_CANNOT_DESTROY_SELF', [h as string]);
    if (ctx.db.get('host_metrics', host.metrics as string)?.live) throw new XapiFailure('HOST_IS_LIVE', [h as string]);
    ctx.db.destroy('host', h as string);
  }),
  method('host.get_servertime', [p('host', hostRef)], datetime, (ctx, [h]) => (ctx.db.require('host', h as string), ctx.now()), { async: false }),
  method('host.get_server_localtime', [p('host', hostRef)], datetime, (ctx, [h]) => (ctx.db.require('host', h as string), ctx.now()), { async: false }),
  method('host.get_management_interface', [p('host', hostRef)], ref('PIF'), (ctx, [h]) => {
    const pifs = ctx.db.require('host', h as string).PIFs as string[];
    return pifs.find((x) => ctx.db.get('PIF', x)?.management) ?? NULL_REF;
  }),
];
