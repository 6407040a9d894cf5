/**
 * Creating, changing and removing a VPN link: both gateways, the configuration they boot with,
 * and the link's record in both pools' other_config (`xcpform:vpn-link:<id>`, no secrets).
 */
import { randomUUID } from 'node:crypto';
import { isUnknown, ObjectValue, Value } from '../../values/value';
import type { ApplyContext } from '../resource';
import type { PoolRecords } from '../snapshot';
import { XapiOps } from '../kit/xapi-ops';
import { isOwnedKey, managedKeys, MANAGED_KEY } from '../kit/owned-keys';
import { num, str, strMap } from '../kit/values';
import {
  DEFAULT_GATEWAY_TEMPLATE, destroyGateway, findGateway, PARAMS_HASH_KEY, PARAMS_KEY, provisionGateway, PUBKEY_KEY, Role,
  SALT_KEY, sizeGateway, SECRET_HASH_KEY, uplinkAddress,
} from './gateway';
import { gatewayBlock, gatewayUserData, generateWireGuardKeys, newSalt, paramsFingerprint, plainParams, secretFingerprint, sideParams, wireGuardPublicKey } from './params';
import { readLink, VPN_CLASSES } from './read';
import { WorldSnapshot } from '../snapshot';

const TYPE = 'xcp_vpn_link';
const BOOT_TIMEOUT_MS = 120_000;

interface Side {
  readonly role: Role;
  readonly pool: string;
  readonly ops: XapiOps;
  records(): Promise<PoolRecords>;
}

function secretsOf(v: ObjectValue): string[] {
  return [v.psk, v.private_key, v.remote_private_key].filter((x): x is string => typeof x === 'string' && x.length > 0);
}

async function sides(ctx: ApplyContext, v: ObjectValue): Promise<[Side, Side]> {
  const make = async (role: Role, pool: string): Promise<Side> => {
    const ops = new XapiOps(await ctx.client(pool), ctx, TYPE, secretsOf(v));
    return { role, pool, ops, records: () => ctx.records(pool, VPN_CLASSES) };
  };
  const localPool = str(v.pool) ?? ctx.pools[0];
  const remotePool = str(v.remote_pool)!;
  if (!ctx.pools.includes(remotePool)) throw new (await import('../resource')).ResourceError({ severity: 'error', code: 'resource.unknown-pool', summary: `${ctx.address}: remote_pool "${remotePool}" is not configured`, address: ctx.address, path: ['remote_pool'] });
  return [await make('local', localPool), await make('remote', remotePool)];
}

/** Keys both gateways need: WireGuard pairs (generated when not given) or nothing for IPsec. */
function tunnelKeys(v: ObjectValue, prior: ObjectValue | null): { local?: string; remote?: string; localPub?: string; remotePub?: string } {
  if (v.protocol !== 'wireguard') return {};
  const pick = (given: Value | undefined, priorPub: Value | undefined) => {
    if (typeof given === 'string' && given) return { priv: given, pub: wireGuardPublicKey(given) };
    if (typeof priorPub === 'string' && priorPub) return { priv: undefined, pub: priorPub }; // keep the generated pair
    const k = generateWireGuardKeys();
    return { priv: k.privateKey, pub: k.publicKey };
  };
  const l = pick(v.private_key, prior?.public_key);
  const r = pick(v.remote_private_key, prior?.remote_public_key);
  return { local: l.priv, remote: r.priv, localPub: l.pub, remotePub: r.pub };
}

function gatewayKeys(v: ObjectValue, role: Role, salt: string, publicKey: string | undefined): Record<string, string> {
  return {
    [PARAMS_KEY]: JSON.stringify(role === 'local' ? plainParams(v) : sideParams(v, role)),
    [PARAMS_HASH_KEY]: paramsFingerprint(v),
    [SECRET_HASH_KEY]: secretFingerprint(v, salt),
    [SALT_KEY]: salt,
    ...(publicKey ? { [PUBKEY_KEY]: publicKey } : {}),
  };
}

/**
 * The link's user `other_config`, kept on each gateway VM with the list of keys xcpform manages
 * there (read from the local gateway), so it reads back as configured.
 */
function userKeys(v: ObjectValue): Record<string, string> {
  const oc = strMap(v.other_config) ?? {};
  return { ...oc, [MANAGED_KEY]: JSON.stringify(Object.keys(oc).sort()) };
}

/** Removes the user keys xcpform managed on a gateway that the configuration no longer lists. */
async function dropUserKeys(side: Side, vm: string, v: ObjectValue, prior: ObjectValue | null): Promise<void> {
  const oc = (await side.records()).get('VM', vm)?.other_config ?? {};
  const keep = strMap(v.other_config) ?? {};
  const before = new Set([...managedKeys(oc), ...Object.keys(strMap(prior?.other_config) ?? {})]);
  for (const k of [...before].sort()) {
    if (!(k in keep) && !isOwnedKey(k) && k in oc) await side.ops.call(`remove other_config key "${k}"`, 'VM.remove_from_other_config', vm, k);
  }
}

async function recordLink(side: Side, records: PoolRecords, id: string, v: ObjectValue | undefined): Promise<void> {
  const [poolRef, pool] = [...records.all('pool')][0];
  const key = `xcpform:vpn-link:${id}`;
  if (key in pool.other_config) await side.ops.call('update the link record', 'pool.remove_from_other_config', poolRef, key);
  if (!v) return;
  const peer = side.role === 'local' ? v.remote_pool : v.pool;
  const network = side.role === 'local' ? v.network : v.remote_network;
  await side.ops.call('record the link in the pool', 'pool.add_to_other_config', poolRef, key,
    JSON.stringify({ name: v.name_label, role: side.role, peer_pool: peer, network, protocol: v.protocol }));
}

async function waitForUplinks(ctx: ApplyContext, v: ObjectValue, id: string, [l, r]: [Side, Side]): Promise<void> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  for (;;) {
    const [lr, rr] = await Promise.all([l.records(), r.records()]);
    const gl = findGateway(lr, id, 'local');
    const gr = findGateway(rr, id, 'remote');
    if (gl && gr && uplinkAddress(lr, gl.record) && uplinkAddress(rr, gr.record)) return;
    if (Date.now() > deadline || ctx.signal?.aborted) {
      throw l.ops.refuse('resource.vpn-gateway-timeout', 'the gateways did not report an uplink address in time',
        `Both gateway VMs of ${v.name_label as string} were started but did not report an address on their uplink within ${BOOT_TIMEOUT_MS / 1000} s. Check the uplink networks (DHCP) and apply again: the gateways are adopted, not duplicated.`);
    }
    ctx.progress({ kind: 'message', text: 'waiting for the gateways to boot' });
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function readBack(ctx: ApplyContext, v: ObjectValue, [l, r]: [Side, Side]): Promise<ObjectValue> {
  const world = new WorldSnapshot();
  const [lr, rr] = await Promise.all([l.records(), r.records()]);
  for (const cls of VPN_CLASSES) {
    world.pool(l.pool).setClass(cls, lr.all(cls) as never);
    world.pool(r.pool).setClass(cls, rr.all(cls) as never);
  }
  const state = readLink(v, world, ctx.pools[0]);
  if (!state) throw l.ops.refuse('resource.vpn-vanished', 'the gateways disappeared during apply', 'Another tool removed a gateway VM while xcpform configured it; apply again.');
  return state;
}

async function configure(ctx: ApplyContext, v: ObjectValue, id: string, prior: ObjectValue | null, s: [Side, Side]): Promise<void> {
  const keys = tunnelKeys(v, prior);
  const salt = newSalt();
  const g = gatewayBlock(v);
  for (const side of s) {
    const records = await side.records();
    const own = side.role === 'local' ? keys.local : keys.remote;
    const peerPublic = side.role === 'local' ? keys.remotePub : keys.localPub;
    const peer = side.role === 'local' ? g.remote_public_ip : g.public_ip;
    const vm = await provisionGateway(side.ops, records, {
      role: side.role,
      address: `${ctx.address}#${side.role}`,
      linkId: id,
      name: `${v.name_label as string} gateway`,
      description: str(v.name_description) ?? '',
      tags: (Array.isArray(v.tags) ? v.tags : []).filter((t): t is string => typeof t === 'string'),
      template: str(g.template) ?? DEFAULT_GATEWAY_TEMPLATE,
      network: (side.role === 'local' ? v.network : v.remote_network) as string,
      uplink: str(side.role === 'local' ? g.uplink_network : g.remote_uplink_network),
      vcpus: num(g.vcpus) ?? 1,
      memory: num(g.memory) ?? 512 * 1024 * 1024,
      keys: { ...userKeys(v), ...gatewayKeys(v, side.role, salt, side.role === 'local' ? keys.localPub : keys.remotePub) },
      userData: gatewayUserData(v, side.role, { own, peerPublic }, typeof peer === 'string' && !isUnknown(peer) ? peer : undefined),
    });
    await dropUserKeys(side, vm, v, prior);
    await recordLink(side, await side.records(), id, v);
  }
}

export async function createLink(ctx: ApplyContext, planned: ObjectValue): Promise<ObjectValue> {
  const s = await sides(ctx, planned);
  // Adopt a half-built link: a gateway carrying this address already names the link id.
  const survivors = await Promise.all(s.map(async (side) => (await side.records()).all('VM')));
  let id: string = randomUUID();
  for (const vms of survivors) for (const vm of vms.values()) if (vm.other_config['xcpform:address']?.startsWith(`${ctx.address}#`) && vm.other_config['xcpform:vpn-link']) id = vm.other_config['xcpform:vpn-link'];
  const v: ObjectValue = { ...planned, id, uuid: id };
  await configure(ctx, v, id, null, s);
  await waitForUplinks(ctx, v, id, s);
  return readBack(ctx, v, s);
}

export async function updateLink(ctx: ApplyContext, prior: ObjectValue, planned: ObjectValue): Promise<ObjectValue> {
  const id = str(prior.uuid)!;
  const v: ObjectValue = { ...planned, id, uuid: id };
  const s = await sides(ctx, v);
  const g = gatewayBlock(v);
  const pg = gatewayBlock(prior);
  const resize = g.vcpus !== pg.vcpus || g.memory !== pg.memory;
  for (const side of s) {
    const records = await side.records();
    const gw = findGateway(records, id, side.role);
    if (!gw) continue;
    if (v.name_label !== prior.name_label) await side.ops.call('rename the gateway', 'VM.set_name_label', gw.ref, `${v.name_label as string} gateway`);
    if (resize && gw.record.power_state === 'Running') {
      await side.ops.call('stop the gateway to resize it', 'VM.clean_shutdown', gw.ref);
      await sizeGateway(side.ops, gw.ref, num(g.vcpus)!, num(g.memory)!);
      await side.ops.call('restart the gateway', 'VM.start', gw.ref, false, false);
    }
  }
  // Parameters and keys: new configuration on both sides, tunnel restarted in place.
  await configure(ctx, v, id, prior, s);
  return readBack(ctx, v, s);
}

export async function deleteLink(ctx: ApplyContext, prior: ObjectValue): Promise<void> {
  const id = str(prior.uuid)!;
  const s = await sides(ctx, prior);
  for (const side of s) {
    const records = await side.records();
    const gw = findGateway(records, id, side.role);
    if (gw) await destroyGateway(side.ops, records, gw.ref);
    await recordLink(side, await side.records(), id, undefined);
  }
}
