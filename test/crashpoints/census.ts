/**
 * What the pools hold, read through XenAPI (never through the state): every object of the
 * classes a configuration makes, each new object described by what its configuration decides
 * (not by UUIDs, hosts or timings), so two worlds can be compared across runs.
 */
import { XapiClient } from '../../src/xenapi';

/** Classes counted for "the pools are as they were" (every object, by UUID). */
const CENSUS_CLASSES = ['VM', 'VDI', 'VBD', 'VIF', 'network', 'SR', 'PBD', 'PIF', 'tunnel', 'VLAN'] as const;

/** A new object of a class a resource makes: where it is and what it looks like. */
export interface Thing {
  readonly pool: string;
  readonly cls: 'VM' | 'VDI' | 'network' | 'SR';
  readonly uuid: string;
  readonly name: string;
  /** `xcpform:address`, when tagged. */
  readonly address?: string;
  /** A VM's disk that records its VM (`xcpform:vm`) instead of an address. */
  readonly ownerVm?: string;
  /** Whether a VBD attaches it to a VM (a VDI only). */
  readonly attached?: boolean;
  /** What the configuration decides about it, as one line. */
  readonly description: string;
}

export interface Census {
  /** `pool/class` → sorted UUIDs. */
  readonly objects: Map<string, string[]>;
  /** Pool `other_config` entries that xcpform writes (`pool: key=value`), sorted. */
  readonly poolKeys: string[];
  /** Objects not present in `baseline` (all when there is none). */
  readonly things: Thing[];
}

type Rec = Record<string, unknown> & { uuid: string; name_label: string; other_config: Record<string, string> };

export interface PoolAccess {
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/** Reads every pool; `baseline` (an earlier census) marks which objects are new. */
export async function takeCensus(pools: readonly PoolAccess[], baseline?: Census): Promise<Census> {
  const objects = new Map<string, string[]>();
  const poolKeys: string[] = [];
  const things: Thing[] = [];
  const known = new Set<string>();
  for (const uuids of baseline?.objects.values() ?? []) for (const u of uuids) known.add(u);
  for (const pool of pools) {
    const client = new XapiClient({ url: pool.url, credentials: { username: pool.username, password: pool.password } });
    await client.login();
    try {
      const recs = new Map<string, Map<string, Rec>>();
      for (const cls of CENSUS_CLASSES) {
        const all = (await client.call(`${cls}.get_all_records`)) as unknown as Record<string, Rec>;
        recs.set(cls, new Map(Object.entries(all)));
        objects.set(`${pool.name}/${cls}`, [...recs.get(cls)!.values()].map((r) => r.uuid).sort());
      }
      for (const p of Object.values((await client.call('pool.get_all_records')) as unknown as Record<string, Rec>)) {
        for (const [k, v] of Object.entries(p.other_config)) if (k.startsWith('xcpform:')) poolKeys.push(`${pool.name}: ${k}=${v}`);
      }
      things.push(...describe(pool.name, recs, known));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  return { objects, poolKeys: poolKeys.sort(), things: things.sort((a, b) => `${a.pool}${a.cls}${a.name}${a.uuid}`.localeCompare(`${b.pool}${b.cls}${b.name}${b.uuid}`)) };
}

function describe(pool: string, recs: Map<string, Map<string, Rec>>, known: ReadonlySet<string>): Thing[] {
  const get = (cls: string, ref: unknown): Rec | undefined => recs.get(cls)!.get(ref as string);
  const label = (cls: string, ref: unknown): string => get(cls, ref)?.name_label ?? '?';
  const tagged = (r: Rec): { address?: string } => (r.other_config['xcpform:address'] ? { address: r.other_config['xcpform:address'] } : {});
  const out: Thing[] = [];
  const attached = new Set<string>();
  for (const vbd of recs.get('VBD')!.values()) if (get('VM', vbd.VM)) attached.add(vbd.VDI as string);
  for (const vm of recs.get('VM')!.values()) {
    // A new template is a clone an interrupted create never turned into a VM: counted too.
    if (known.has(vm.uuid) || vm.is_control_domain || vm.is_a_snapshot) continue;
    const disks = (vm.VBDs as string[]).map((b) => get('VBD', b)).filter((b) => b?.type === 'Disk').map((b) => get('VDI', b!.VDI)).filter((d): d is Rec => d !== undefined)
      .map((d) => `${Number(d.virtual_size) / 2 ** 30}G@${label('SR', d.SR)}`).sort();
    const nics = (vm.VIFs as string[]).map((v) => label('network', get('VIF', v)?.network)).sort();
    const tags = [...(vm.tags as string[])].sort();
    out.push({ pool, cls: 'VM', uuid: vm.uuid, name: vm.name_label, ...tagged(vm), description: `${vm.name_label} ${vm.is_a_template ? 'template' : vm.power_state} mem=${Number(vm.memory_static_max) / 2 ** 20}M vcpus=${vm.VCPUs_max} tags=[${tags}] disks=[${disks}] nics=[${nics}]` });
  }
  for (const net of recs.get('network')!.values()) {
    if (known.has(net.uuid)) continue;
    out.push({ pool, cls: 'network', uuid: net.uuid, name: net.name_label, ...tagged(net), description: `${net.name_label} mtu=${net.MTU}` });
  }
  for (const sr of recs.get('SR')!.values()) {
    if (known.has(sr.uuid)) continue;
    out.push({ pool, cls: 'SR', uuid: sr.uuid, name: sr.name_label, ...tagged(sr), description: `${sr.name_label} ${sr.type} shared=${sr.shared}` });
  }
  for (const [ref, vdi] of recs.get('VDI')!) {
    if (known.has(vdi.uuid) || vdi.is_a_snapshot) continue;
    const owner = vdi.other_config['xcpform:vm'];
    out.push({ pool, cls: 'VDI', uuid: vdi.uuid, name: vdi.name_label, ...tagged(vdi), ...(owner ? { ownerVm: owner } : {}), attached: attached.has(ref), description: `${vdi.name_label} ${Number(vdi.virtual_size) / 2 ** 30}G@${label('SR', vdi.SR)}` });
  }
  return out;
}

/** Differences between two censuses' object sets (`pool/class +uuid` / `-uuid`), for "as before". */
export function objectDifferences(before: Census, after: Census): string[] {
  const out: string[] = [];
  for (const key of new Set([...before.objects.keys(), ...after.objects.keys()])) {
    const a = new Set(before.objects.get(key) ?? []);
    const b = new Set(after.objects.get(key) ?? []);
    for (const u of b) if (!a.has(u)) out.push(`${key} +${u}`);
    for (const u of a) if (!b.has(u)) out.push(`${key} -${u}`);
  }
  for (const k of after.poolKeys) if (!before.poolKeys.includes(k)) out.push(`+${k}`);
  for (const k of before.poolKeys) if (!after.poolKeys.includes(k)) out.push(`-${k}`);
  return out.sort();
}
