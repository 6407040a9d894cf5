/**
 * host settings as xapi applies them: the live host name, the iSCSI IQN, the power-on mode,
 * syslog reconfiguration and IntelliCache (local storage caching). Signatures and errors follow
 * xapi's data model (checked by `test/simulator-datamodel.test.ts`).
 */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { NULL_REF, ref, smap, str } from '../model/types';

const hostRef = ref('host');

/** xapi accepts a host name of letters, digits, dots and hyphens, not starting with a hyphen or dot. */
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/;

/**
 * IntelliCache needs a disabled host with no running guest (xapi calls this bacon mode): the
 * cache SR cannot change under running VMs.
 */
function assertCacheChangeable(ctx: CallContext, host: string): void {
  const h = ctx.db.require('host', host);
  if (h.enabled) throw new XapiFailure('HOST_NOT_DISABLED', []);
  const running = (h.resident_VMs as string[]).find((v) => {
    const vm = ctx.db.get('VM', v);
    return vm && !vm.is_control_domain && vm.power_state === 'Running';
  });
  if (running) throw new XapiFailure('HOST_IN_USE', [host, 'vm', running]);
}

export const hostSettingsMethods: MethodSpec[] = [
  method('host.set_hostname_live', [p('host', hostRef), p('hostname', str)], null, (ctx, [h, name]) => {
    ctx.db.require('host', h as string);
    if (!HOSTNAME.test(name as string)) throw new XapiFailure('HOST_NAME_INVALID', ['hostname contains invalid characters or is empty']);
    ctx.db.set('host', h as string, 'hostname', name as string);
  }),
  method('host.set_iscsi_iqn', [p('host', hostRef), p('value', str)], null, (ctx, [h, value]) => {
    const rec = ctx.db.require('host', h as string);
    if (value === '') throw new XapiFailure('INVALID_VALUE', ['value', '']);
    // xapi keeps the IQN in other_config too, for older storage backends.
    ctx.db.update('host', h as string, { iscsi_iqn: value as string, other_config: { ...(rec.other_config as Record<string, string>), iscsi_iqn: value as string } });
  }),
  method('host.set_power_on_mode', [p('self', hostRef), p('power_on_mode', str), p('power_on_config', smap)], null, (ctx, [h, mode, config]) => {
    ctx.db.require('host', h as string);
    ctx.db.update('host', h as string, { power_on_mode: mode as string, power_on_config: config as Record<string, string> });
  }),
  // Re-reads host.logging and restarts syslog: nothing to change in the database.
  method('host.syslog_reconfigure', [p('host', hostRef)], null, (ctx, [h]) => void ctx.db.require('host', h as string)),
  method('host.enable_local_storage_caching', [p('host', hostRef), p('sr', ref('SR'))], null, (ctx, [h, sr]) => {
    const srRec = ctx.db.require('SR', sr as string);
    assertCacheChangeable(ctx, h as string);
    const local = !srRec.shared && (srRec.PBDs as string[]).some((pbd) => ctx.db.get('PBD', pbd)?.host === h);
    if (!local || !['ext', 'nfs'].includes(srRec.type as string)) throw new XapiFailure('SR_OPERATION_NOT_SUPPORTED', [sr as string]);
    const old = ctx.db.get('host', h as string)!.local_cache_sr as string;
    if (old !== NULL_REF && ctx.db.get('SR', old)) ctx.db.set('SR', old, 'local_cache_enabled', false);
    ctx.db.set('host', h as string, 'local_cache_sr', sr as string);
    ctx.db.set('SR', sr as string, 'local_cache_enabled', true);
  }),
  method('host.disable_local_storage_caching', [p('host', hostRef)], null, (ctx, [h]) => {
    assertCacheChangeable(ctx, h as string);
    const old = ctx.db.get('host', h as string)!.local_cache_sr as string;
    if (old !== NULL_REF && ctx.db.get('SR', old)) ctx.db.set('SR', old, 'local_cache_enabled', false);
    ctx.db.set('host', h as string, 'local_cache_sr', NULL_REF);
  }),
];
