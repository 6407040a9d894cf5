/**
 * Joining a host to a pool. `pool.join` runs in a session on the joining host, so xcpform needs
 * a client for it: a configured pool whose coordinator has the host's address (the joining host
 * is a standalone pool the provider knows), else a client to `https://<address>` with the
 * provider's scheme and port and the join credentials.
 */
import { masterUrl, XapiClient } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyContext } from '../resource';
import type { PoolRecords } from '../snapshot';
import { poolObject } from '../pool/read';
import type { ApplySession } from '../kit/session';
import { str } from '../kit/values';
import { XapiOps } from '../kit/xapi-ops';

async function joiningClient(ctx: ApplyContext, s: ApplySession, address: string, username: string, password: string): Promise<{ client: XapiClient; owned: boolean }> {
  for (const other of ctx.pools) {
    if (other === s.pool) continue;
    const records = await ctx.records(other, ['pool', 'host']).catch(() => undefined);
    const master = records && poolObject(records);
    if (master && records.get('host', master.record.master)?.address === address) return { client: await ctx.client(other), owned: false };
  }
  // One attempt: a host that refuses connections is not ready to join; the next apply retries.
  return { client: new XapiClient({ url: masterUrl(s.ops.client.url, address), credentials: { username, password }, retry: { maxAttempts: 1 } }), owned: true };
}

/**
 * Makes the host at `planned.address` join the pool of `s` and waits until the pool lists it.
 * @returns the fresh records that hold the new member.
 */
export async function joinHost(ctx: ApplyContext, s: ApplySession, records: PoolRecords, planned: ObjectValue): Promise<PoolRecords> {
  const address = str(planned.address)!;
  const username = str(planned.join_username) ?? 'root';
  const password = str(planned.join_password);
  if (password === undefined) {
    throw s.ops.refuse('resource.host-join-password', `host ${address} is not in pool "${s.pool}" and no join_password is set`,
      `To make ${address} join pool "${s.pool}", xcpform calls pool.join on it, which needs join_password (and join_username, default root). Set them, or add the host to the pool by hand and apply again to adopt it.`, ['join_password']);
  }
  const master = poolObject(records);
  const masterAddress = master ? records.get('host', master.record.master)?.address : undefined;
  if (!masterAddress) throw s.ops.refuse('resource.pool-no-master', `pool "${s.pool}" has no coordinator address`, 'XAPI returned no coordinator for the pool; check the pool and apply again.');
  const { client, owned } = await joiningClient(ctx, s, address, username, password);
  const joinOps = new XapiOps(client, ctx, 'xcp_host', [password]);
  ctx.progress({ kind: 'message', text: `${address} joins pool "${s.pool}" (coordinator ${masterAddress})` });
  try {
    await joinOps.call(`make ${address} join pool "${s.pool}"`, 'pool.join', masterAddress, username, password);
  } finally {
    if (owned) await client.close().catch(() => undefined);
  }
  // xapi adds the member while the joining host restarts its toolstack: wait until it shows.
  for (let attempt = 0; ; attempt++) {
    const after = await s.records();
    if ([...after.all('host').values()].some((h) => h.address === address)) return after;
    if (attempt >= 30) {
      throw s.ops.refuse('resource.host-join-timeout', `host ${address} did not appear in pool "${s.pool}"`,
        `pool.join on ${address} succeeded but the pool does not list the host yet. Apply again in a minute: the host is then adopted.`);
    }
    await s.ops.client.time.sleep(Math.min(100 * 2 ** attempt, 5_000));
  }
}
