/**
 * The refresh cache against the simulator over real HTTP: an incremental refresh (one
 * `event.from` from the cached token) must agree with a full bulk read on every instance, read
 * again only the instances whose objects changed, and fall back to a full read (never throw,
 * never reuse) whenever the cache cannot be trusted.
 *
 * Longer than most test files: the world, its out-of-band mutations and the cases share one
 * simulator set up once, which keeps the whole file at a few seconds.
 */
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../simulator/faults';
import type { XapiClass } from '../xenapi';
import { refreshInstances, type RefreshResult } from './refresh';
import { RefreshCache } from './refresh-cache';
import {
  cachedRead, disks, expectAgreesWithFull, Mutations, nics, POOL, removeTempDirs, startPool, STATE, stateOf, stopPool, tempDir, VM_CLASSES, VMS,
  withPrior, type TestPool,
} from '../../test/helpers/refresh-pool';

afterAll(removeTempDirs);



describe('incremental refresh of 40 VMs over HTTP', () => {
  let p: TestPool;
  let m: Mutations;

  beforeAll(async () => {
    p = await startPool(VMS);
    m = new Mutations(p);
  });
  afterAll(async () => {
    await stopPool(p);
  });

  test('unchanged: one event.from and one pool read, no instance read, every result reused and equal to a full read', async () => {
    // Before the cold read, one VM drifts from the prior state and one is deleted: their known
    // results (a new value, null) are reused too, not the prior state.
    const drifted = m.take(true);
    const deleted = m.take(true);
    await m.describe(drifted, 'drifted before the cold read');
    await m.destroy(deleted);
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));

    const cold = await cachedRead(p, cache);
    expect(cold.stats).toEqual({ pools: { [POOL]: { mode: 'full', why: 'no cached records' } }, read: VMS, reused: 0 });
    expect(p.calls[0]).toBe('event.from');
    expect(p.calls.slice(1).sort()).toEqual(VM_CLASSES.map((c) => `${c}.get_all_records`).sort());
    await expectAgreesWithFull(p, cold);

    const warm = await cachedRead(p, cache);
    expect(warm.stats).toEqual({ pools: { [POOL]: { mode: 'incremental', events: 0 } }, read: 0, reused: VMS });
    expect(p.calls.sort()).toEqual(['event.from', 'pool.get_all_records']);
    // Nothing changed, nothing to write.
    expect(warm.saveCache).toBeUndefined();
    await expectAgreesWithFull(p, warm);
    expect(stateOf(warm, drifted)?.name_description).toBe('drifted before the cold read');
    expect(stateOf(warm, deleted)).toBeNull();
    m.release(drifted);
  });

  interface ChangeCase {
    readonly name: string;
    /** Makes the change; returns the addresses to read again, and a check of the result. */
    readonly change: () => Promise<{ affected: string[]; check?: (r: RefreshResult) => void }>;
    /** Events the change makes at least. */
    readonly events?: number;
    /** Runs before the cold read. */
    readonly before?: () => Promise<void>;
    /** A second change after the first incremental refresh; the token stays, so the first one's instances are read again too. */
    readonly afterwards?: () => Promise<{ affected: string[]; check?: (r: RefreshResult) => void }>;
  }

  let gone = '';
  let goneUuid = '';

  const cases: ChangeCase[] = [
    {
      name: 'VM.set_name_description on three VMs (one running)',
      change: async () => {
        const vms = [m.take(true), m.take(true), m.take(false, (n) => n - 1)];
        for (const a of vms) await m.describe(a, `changed out of band: ${a}`);
        return { affected: vms, check: (r) => { for (const a of vms) expect(stateOf(r, a)?.name_description).toBe(`changed out of band: ${a}`); } };
      },
    },
    {
      // The read looks at other_config (for the keys xcpform manages), so the VM is read again;
      // a key it does not manage stays out of the state.
      name: 'VM.add_to_other_config of a key xcpform does not manage',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.userKey(a, 'hello'), check: (r) => expect(stateOf(r, a)?.other_config).toEqual({}) };
      },
    },
    {
      name: 'VDI.resize of one disk',
      change: async () => {
        const a = m.take(true);
        const { affected, size } = await m.resize(a);
        return { affected, check: (r) => expect(disks(stateOf(r, a))[0].size).toBe(size) };
      },
    },
    {
      name: 'VIF.destroy',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.dropNic(a), check: (r) => expect(nics(stateOf(r, a))).toEqual([]) };
      },
    },
    {
      name: 'VIF.create on a VM',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.addNic(a), check: (r) => expect(nics(stateOf(r, a)).map((n) => n.device)).toEqual(['0', '1']) };
      },
    },
    {
      name: 'VM.destroy of a halted VM',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.destroy(a), check: (r) => expect(stateOf(r, a)).toBeNull() };
      },
    },
    {
      name: 'a VM created out of band (VM.clone)',
      change: async () => {
        const a = m.take(true);
        const affected = await m.clone(a, 'made-out-of-band');
        m.release(a);
        return { affected };
      },
    },
    {
      // Its read found no VM with its UUID (null): the new VM's UUID must bring it back.
      name: 'a VM with the UUID of a VM deleted before the cold read',
      before: async () => {
        gone = m.take(true);
        goneUuid = p.db.get('VM', p.vms.get(gone)!)!.uuid as string;
        await m.destroy(gone);
      },
      change: async () => {
        const affected = await m.recreate(gone, goneUuid, 'recreated');
        return { affected, check: (r) => expect(stateOf(r, gone)).toMatchObject({ uuid: goneUuid, name_label: 'recreated', disk: [], nic: [] }) };
      },
      // The new VM is in no records file: the instance now depends on a ref the cache does not hold.
      afterwards: async () => ({ affected: await m.describe(gone, 'recreated, then described'), check: (r) => expect(stateOf(r, gone)?.name_description).toBe('recreated, then described') }),
    },
    {
      name: 'xenstore data of a VDI and description of a network: fields no read looks at',
      events: 2,
      change: async () => {
        const a = m.take(true);
        const affected = await m.unreadFields(a, 'nobody reads this');
        m.release(a);
        return { affected };
      },
    },
  ];

  test.each(cases)('after $name: only the affected instances are read, all agree with a full read', async ({ change, events, before, afterwards }) => {
    await before?.();
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    const cold = await cachedRead(p, cache);
    expect(cold.stats.pools[POOL].mode).toBe('full');

    const { affected, check } = await change();
    const inc = await cachedRead(p, cache);
    expect(inc.stats.pools[POOL].mode).toBe('incremental');
    expect(inc.stats.pools[POOL].events).toBeGreaterThanOrEqual(events ?? 1);
    expect(inc.stats.read).toBe(affected.length);
    expect(inc.stats.reused).toBe(p.prior.length - affected.length);
    expect(p.calls.sort()).toEqual(['event.from', 'pool.get_all_records']);
    const full = await expectAgreesWithFull(p, inc);
    check?.(inc);
    check?.(full);
    if (afterwards) {
      const second = await afterwards();
      const again = await cachedRead(p, cache);
      expect(again.stats.read).toBe(new Set([...affected, ...second.affected]).size);
      const fullAgain = await expectAgreesWithFull(p, again);
      second.check?.(again);
      second.check?.(fullAgain);
    }
  });

  test('reads that scanned a class (the prior spells the SR or host by name) are read again on any event of that class, only those', async () => {
    const [srRef, sr] = p.db.all('SR').find(([, r]) => r.type === 'nfs')!;
    const [isoRef] = p.db.all('SR').find(([, r]) => r.type === 'iso')!;
    const alive = m.alive();
    const srByName = new Set(alive.filter((_, i) => i % 4 === 0));
    const hostByName = new Set(alive.filter((a) => p.db.get('VM', p.vms.get(a)!)!.power_state === 'Running'));
    expect(hostByName.size).toBeGreaterThan(0);
    const host = (a: string) => p.db.get('host', p.db.get('VM', p.vms.get(a)!)!.resident_on as string)!;
    const q = withPrior(p, p.prior.map((inst) => {
      const attrs = { ...inst.attributes };
      if (srByName.has(inst.address)) attrs.disk = disks(attrs).map((d, k) => (k === 0 ? { ...d, sr: sr.name_label as string } : d));
      if (hostByName.has(inst.address)) attrs.host = host(inst.address).name_label as string;
      return { ...inst, attributes: attrs };
    }));
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    const cold = await cachedRead(q, cache);
    expect(cold.stats.read).toBe(q.prior.length);
    for (const a of srByName) expect(disks(stateOf(cold, a))[0].sr).toBe(sr.name_label);
    for (const a of hostByName) expect(stateOf(cold, a)?.host).toBe(host(a).name_label);

    await p.client.call('SR.set_name_description', srRef, 'a field no read looks at, in a scanned class');
    const afterSr = await cachedRead(q, cache);
    expect(afterSr.stats.read).toBe(srByName.size);
    await expectAgreesWithFull(q, afterSr);

    // The records file keeps its token: the SR event comes back, the host event is added.
    await p.client.call('host.set_name_description', p.db.get('VM', p.vms.get([...hostByName][0])!)!.resident_on as string, 'also unread');
    const afterHost = await cachedRead(q, cache);
    expect(afterHost.stats.read).toBe(new Set([...srByName, ...hostByName]).size);
    await expectAgreesWithFull(q, afterHost);

    // Another SR takes the same name: the name no longer says which SR, the state spells the UUID.
    const isoName = p.db.get('SR', isoRef)!.name_label as string;
    await p.client.call('SR.set_name_label', isoRef, sr.name_label as string);
    try {
      const ambiguous = await cachedRead(q, cache);
      expect(ambiguous.stats.read).toBe(new Set([...srByName, ...hostByName]).size);
      await expectAgreesWithFull(q, ambiguous);
      for (const a of srByName) expect(disks(stateOf(ambiguous, a))[0].sr).toBe(sr.uuid);
    } finally {
      await p.client.call('SR.set_name_label', isoRef, isoName);
    }
  });

  test('property: after rounds of random out-of-band changes, the incremental refresh equals a full read on every instance', async () => {
    const random = seededRandom(20240611);
    const pick = (n: number): number => Math.floor(random() * n);
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    expect((await cachedRead(p, cache)).stats.pools[POOL].mode).toBe('full');
    // The records file keeps its token: every later refresh replays the events since the cold read.
    const touched = new Set<string>();
    const kinds = ['describe', 'rename', 'userKey', 'resize', 'dropNic', 'addNic', 'destroy', 'clone', 'unread'] as const;
    for (let round = 0; round < 12; round++) {
      const changes = 1 + pick(4);
      for (let k = 0; k < changes; k++) {
        const kind = kinds[pick(kinds.length)];
        const halted = m.alive(true);
        const any = m.alive();
        if (!halted.length) break;
        const a = kind === 'destroy' || kind === 'clone' ? halted[pick(halted.length)] : any[pick(any.length)];
        const text = `round ${round} change ${k}`;
        const affected = kind === 'describe' ? await m.describe(a, text)
          : kind === 'rename' ? await m.rename(a, `vm-r${round}-${k}`)
            : kind === 'userKey' ? await m.userKey(a, text)
              : kind === 'resize' ? (await m.resize(a)).affected
                : kind === 'dropNic' ? await m.dropNic(a)
                  : kind === 'addNic' ? await m.addNic(a)
                    : kind === 'destroy' ? await m.destroy(a)
                      : kind === 'clone' ? await m.clone(a, `clone-${round}-${k}`)
                        : await m.unreadFields(a, text);
        for (const x of affected) touched.add(x);
      }
      const inc = await cachedRead(p, cache);
      expect(inc.stats.pools[POOL].mode).toBe('incremental');
      expect(inc.stats.read + inc.stats.reused).toBe(p.prior.length);
      expect(inc.stats.read).toBeLessThanOrEqual(touched.size);
      await expectAgreesWithFull(p, inc);
    }
    expect(touched.size).toBeGreaterThan(3);
  });

  test('another state serial (after an apply): entries whose prior state is unchanged are reused, the others read again', async () => {
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    await cachedRead(p, cache);
    const [changedOutOfBand] = m.alive(true);
    await m.describe(changedOutOfBand, 'before the serial changes');
    // As if an apply had written two instances' state (their prior differs now).
    const written = m.alive(true).filter((a) => a !== changedOutOfBand).slice(0, 2);
    const prior = p.prior.map((x) => (written.includes(x.address) ? { ...x, attributes: { ...x.attributes, shutdown_timeout: 300 } } : x));
    const q = withPrior(p, prior);
    const next = { ...STATE, serial: STATE.serial + 3 };
    const r = await cachedRead(q, cache, next);
    expect(r.stats.pools[POOL].mode).toBe('incremental');
    expect(r.stats.read).toBe(3);
    expect(r.stats.reused).toBe(p.prior.length - 3);
    await expectAgreesWithFull(q, r);
    for (const a of written) expect(stateOf(r, a)?.shutdown_timeout).toBe(300);
    // The index now belongs to that serial: only the instance whose VM changed is read again.
    const again = await cachedRead(q, cache, next);
    expect(again.stats.read).toBe(1);
    await expectAgreesWithFull(q, again);
  });

  test('another lineage: records still incremental, every instance read again', async () => {
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    await cachedRead(p, cache);
    const r = await cachedRead(p, cache, { lineage: 'lineage-b', serial: STATE.serial });
    expect(r.stats.pools[POOL].mode).toBe('incremental');
    expect(r.stats.read).toBe(p.prior.length);
    expect(r.stats.reused).toBe(0);
    await expectAgreesWithFull(p, r);
    const again = await cachedRead(p, cache, { lineage: 'lineage-b', serial: STATE.serial });
    expect(again.stats.read).toBe(0);
  });

  describe('damaged or mismatched cache files fall back to a full read', () => {
    const records = (dir: string): string => path.join(dir, `${POOL}.records`);

    test.each([
      ['truncated', async (file: string) => { const b = await fs.readFile(file); await fs.writeFile(file, b.subarray(0, Math.floor(b.length / 2))); }],
      ['cut inside its header', async (file: string) => { const b = await fs.readFile(file); await fs.writeFile(file, b.subarray(0, 60)); }],
      ['garbage', async (file: string) => { await fs.writeFile(file, 'this is not a records file\n{}'); }],
      ['one byte longer', async (file: string) => { await fs.appendFile(file, ' '); }],
      ['empty', async (file: string) => { await fs.writeFile(file, ''); }],
      ['deleted', async (file: string) => { await fs.rm(file); }],
    ] as const)('records file %s: full read with a reason, results correct, cache usable again after', async (_name, damage) => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await m.describe(m.alive(true)[0], `before damage: ${_name}`);
      await damage(records(dir));
      const cache = new RefreshCache(dir);
      const r = await cachedRead(p, cache);
      expect(r.stats.pools[POOL].mode).toBe('full');
      // A damaged file is named with what is wrong with it; a missing one is just missing.
      expect(r.stats.pools[POOL].why).toMatch(_name === 'deleted' ? /^no cached records$/ : /^cached records unreadable \(.*p1\.records: .+\)$/);
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
      // The full read rewrote the file: the next refresh is incremental again.
      const next = await cachedRead(p, new RefreshCache(dir));
      expect(next.stats.pools[POOL].mode).toBe('incremental');
      expect(next.stats.read).toBe(0);
      await expectAgreesWithFull(p, next);
    });

    test('a damaged records file is named in the cache\'s misses', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await fs.writeFile(records(dir), 'garbage');
      const cache = new RefreshCache(dir);
      await cachedRead(p, cache);
      expect(cache.misses).toHaveLength(1);
      expect(cache.misses[0]).toContain(records(dir));
    });

    test('index.json garbage: records incremental, every instance read again, results correct', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await m.describe(m.alive(true)[0], 'before the index is damaged');
      await fs.writeFile(path.join(dir, 'index.json'), '{"format": "xcpform-refresh-index", "version": 1, garbage');
      const cache = new RefreshCache(dir);
      const r = await cachedRead(p, cache);
      expect(r.stats.pools[POOL].mode).toBe('incremental');
      expect(r.stats.read).toBe(p.prior.length);
      expect(r.stats.reused).toBe(0);
      expect(cache.misses.some((x) => x.includes('index.json'))).toBe(true);
      await expectAgreesWithFull(p, r);
    });

    test.each(['null', '[]', '{}', '{"format": "xcpform-refresh-index"}'])('index.json that is JSON but no index (%s): every instance read again', async (text) => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await fs.writeFile(path.join(dir, 'index.json'), text);
      const r = await cachedRead(p, new RefreshCache(dir));
      expect(r.stats.pools[POOL].mode).toBe('incremental');
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
    });

    test('index.json deleted: every instance read again', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await fs.rm(path.join(dir, 'index.json'));
      const r = await cachedRead(p, new RefreshCache(dir));
      expect(r.stats.pools[POOL].mode).toBe('incremental');
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
    });

    test('other classes to read: full read', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      const r = await refreshInstances(p.prior, p.source, new Map([[POOL, new Set<XapiClass>(['PIF'])]]), { cache: new RefreshCache(dir), state: STATE });
      expect(r.stats.pools[POOL]).toEqual({ mode: 'full', why: 'the classes to read changed' });
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
    });
  });

  test('cache files are mode 0600 in a folder of mode 0700', async () => {
    const dir = path.join(await tempDir(), 'cache', 'lineage');
    await cachedRead(p, new RefreshCache(dir));
    expect((await fs.readdir(dir)).sort()).toEqual(['index.json', `${POOL}.records`]);
    for (const f of ['index.json', `${POOL}.records`]) expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  test('saveCache into a folder that cannot be made returns a warning, does not throw', async () => {
    const base = await tempDir();
    await fs.writeFile(path.join(base, 'file'), 'a regular file');
    const dir = path.join(base, 'file', 'cache');
    const r = await refreshInstances(p.prior, p.source, new Map(), { cache: new RefreshCache(dir), state: STATE });
    expect(r.saveCache).toBeDefined();
    const problem = await r.saveCache!();
    expect(typeof problem).toBe('string');
    expect(problem).toContain(`cannot write the refresh cache in ${dir}`);
    await expectAgreesWithFull(p, r);
    // No stray temporary files anywhere under base.
    expect(await fs.readdir(base)).toEqual(['file']);
  });
});
