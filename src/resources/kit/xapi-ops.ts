/**
 * The apply-time face of XAPI for the infra resources: every call goes through `XapiOps`, which
 * turns a XAPI failure into a `ResourceError` whose diagnostic names the resource address, the
 * call and what to do. Secrets a resource passes in (SR `device_config_secrets`, host join
 * passwords) are scrubbed from anything the diagnostic repeats, on top of the client's own
 * redaction of arguments.
 */
import { error } from '../../diagnostics';
import { describeCall, isXapiError, XapiClient, XapiTransportError, type XapiEncodable } from '../../xenapi';
import { ApplyContext, ResourceError } from '../resource';
import { ADDRESS_KEY } from './owned-keys';

/** What a user can do about a XAPI error code; the fallback points at the XAPI message. */
const ADVICE: Record<string, string> = {
  HANDLE_INVALID: 'The object was deleted outside xcpform; run plan again to re-read it.',
  UUID_INVALID: 'The object was deleted outside xcpform; run plan again to re-read it.',
  MESSAGE_METHOD_UNKNOWN: 'This XAPI server does not implement the call; upgrade the host or leave the attribute at its current value.',
  OPERATION_NOT_ALLOWED: 'XAPI does not allow this operation in the object\'s current state.',
  OTHER_OPERATION_IN_PROGRESS: 'Another operation holds the object; apply again when it finishes.',
  SR_HAS_PBD: 'Unplug the SR\'s PBDs first (xcpform does this on destroy; a host may have re-plugged one).',
  SR_NOT_EMPTY: 'Disks on the SR are still attached to VMs; detach or destroy them first.',
  SR_FULL: 'The SR has no room left: free space or choose another SR.',
  VDI_IN_USE: 'The disk is attached to a VM: detach it (or shut the VM down) first.',
  NETWORK_CONTAINS_VIF: 'VMs still have interfaces on this network: move or remove them first.',
  NETWORK_CONTAINS_PIF: 'Host interfaces are still attached to this network: remove the VLAN or tunnel first.',
  PIF_VLAN_EXISTS: 'The device already carries this VLAN tag on that host: import the existing VLAN instead.',
  VLAN_TAG_INVALID: 'Use a VLAN tag between 0 and 4094.',
  POOL_EJECT_MASTER: 'The coordinator cannot be ejected: designate another host as master first.',
  HOST_IN_USE: 'VMs still run on the host: migrate them away (maintenance = true) first.',
  HOST_NOT_ENOUGH_FREE_MEMORY: 'The other hosts lack the memory for the evacuated VMs: free memory or add a host.',
  NO_HOSTS_AVAILABLE: 'No other host can take the VMs: free memory or add a host.',
  SESSION_AUTHENTICATION_FAILED: 'Check the credentials (join_username / join_password, or the provider\'s pool credentials).',
  JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS: 'Detach the shared SRs of the joining host first.',
  POOL_JOINING_HOST_CANNOT_HAVE_RUNNING_VMS: 'Shut down the VMs on the joining host first.',
  TOO_MANY_STORAGE_MIGRATES: 'Three storage migrations already run on the host; apply again later or lower parallelism.',
  LICENCE_RESTRICTION: 'The pool\'s licence does not include this feature.',
  TRANSPORT_PIF_NOT_CONFIGURED: 'Give the transport network\'s interface an IP address on every host first.',
  OPENVSWITCH_NOT_ACTIVE: 'Tunnels need the Open vSwitch network backend on every host.',
};

/** The advice for an error code (also used for `SR_BACKEND_FAILURE_<n>`). */
export function adviceFor(code: string): string {
  if (ADVICE[code]) return ADVICE[code];
  if (code.startsWith('SR_BACKEND_FAILURE')) return 'The storage driver refused: check device_config (server, path, target) and that the storage is reachable from every host.';
  return 'See the XAPI error code in the XenAPI documentation; fix the cause and apply again.';
}

/** Replaces each secret value that occurs in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('(sensitive value)');
  return out;
}

/** Calls XAPI for one resource, turning failures into `ResourceError` diagnostics. */
export class XapiOps {
  private readonly secrets: string[];

  constructor(
    readonly client: XapiClient,
    readonly ctx: ApplyContext,
    readonly resourceType: string,
    secrets: readonly string[] = [],
  ) {
    this.secrets = [...secrets];
  }

  /** Adds secret values to scrub from diagnostics. */
  addSecrets(...values: string[]): void {
    this.secrets.push(...values.filter(Boolean));
  }

  /** `method(session, ...args)`; `why` says what the call is for, in the diagnostic. */
  async call<T>(why: string, method: string, ...args: XapiEncodable[]): Promise<T> {
    try {
      return (await this.client.invoke(method, args, { signal: this.ctx.signal })) as T;
    } catch (err) {
      throw this.failure(why, method, err);
    }
  }

  /**
   * `<cls>.create(record)` for a record that carries this resource's `xcpform:address` in its
   * other_config. A reply lost after xapi may have acted (a reset connection) is resolved by
   * looking for the object by that key, so the object is neither duplicated nor reported as
   * failed; otherwise the create is tried again (at most three times).
   */
  async create<T extends string>(why: string, cls: string, record: { other_config?: Readonly<Record<string, string>> } & Record<string, XapiEncodable>): Promise<T> {
    const address = record.other_config?.[ADDRESS_KEY];
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.client.invoke(`${cls}.create`, [record], { signal: this.ctx.signal })) as T;
      } catch (err) {
        if (!(err instanceof XapiTransportError) || !err.maybeProcessed || !address || attempt >= 3) throw this.failure(why, `${cls}.create`, err);
        try {
          const all = (await this.client.invoke(`${cls}.get_all_records`, [], { signal: this.ctx.signal, idempotent: true })) as Record<string, { other_config?: Record<string, string> }>;
          const found = Object.entries(all).find(([, r]) => r.other_config?.[ADDRESS_KEY] === address);
          if (found) return found[0] as T;
        } catch {
          // Not readable either: the next attempt reports whatever fails then.
        }
      }
    }
  }

  /** `Async.method(...)` waiting for its task. */
  async callAsync<T>(why: string, method: string, ...args: XapiEncodable[]): Promise<T> {
    try {
      return (await this.client.invokeAsync(method, args, { signal: this.ctx.signal })) as T;
    } catch (err) {
      throw this.failure(why, method, err);
    }
  }

  /** The diagnostic for a failed call (exposed for callers that catch and rethrow). */
  failure(why: string, method: string, err: unknown): Error {
    if (err instanceof ResourceError) return err;
    const at = this.ctx.address;
    if (isXapiError(err)) {
      const call = err.call ? describeCall(err.call) : method;
      const params = err.params.length ? ` ${JSON.stringify(err.params)}` : '';
      return new ResourceError(error('resource.xapi-failed', scrub(`${at}: cannot ${why}: ${err.code}`, this.secrets), {
        address: at,
        detail: scrub(`XAPI refused ${call} with ${err.code}${params} while xcpform tried to ${why} for ${at} (${this.resourceType}). ${adviceFor(err.code)}`, this.secrets),
      }));
    }
    if (err instanceof XapiTransportError) {
      return new ResourceError(error('resource.xapi-unreachable', `${at}: cannot ${why}: the pool did not answer`, {
        address: at,
        detail: scrub(`${method} got no answer (${err.kind} ${err.code}) while xcpform tried to ${why} for ${at}. Check that the pool is reachable and apply again; the next plan re-reads what was done.`, this.secrets),
      }));
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  /** A user-facing failure that is not a XAPI error (bad reference, refused operation). */
  refuse(code: string, summary: string, detail: string, path?: (string | number)[]): ResourceError {
    return new ResourceError(error(code, `${this.ctx.address}: ${summary}`, { address: this.ctx.address, detail: scrub(detail, this.secrets), path }));
  }
}
