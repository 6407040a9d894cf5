import { XapiClient } from './client';
import { VirtualClock } from './clock';
import type { EventBatch } from './events';
import { startScriptedServer } from './testing/scripted-server';

const vm = (name: string, memory: string | number) => ({ uuid: 'u1', name_label: name, memory_static_max: memory, power_state: 'Halted' });

describe('watchEvents', () => {
  it('decodes batches, follows the token, and restarts with a reset batch on EVENTS_LOST', async () => {
    const tokens: string[] = [];
    const server = await startScriptedServer((req) => {
      if (req.method === 'session.login_with_password') return { value: 'OpaqueRef:s' };
      if (req.method !== 'event.from') return { value: '' };
      const token = req.params[2] as string;
      tokens.push(token);
      switch (tokens.length) {
        case 1: // full dump; XML-RPC style ints as strings must decode to numbers
          return { value: { events: [{ id: '1', timestamp: '0.0', class: 'vm', operation: 'add', ref: 'OpaqueRef:vm1', snapshot: vm('a', '1073741824') }], valid_ref_counts: { vm: 1 }, token: 'T1' } };
        case 2:
          return { value: { events: [], valid_ref_counts: { vm: 1 }, token: 'T2' } };
        case 3:
          return { value: { events: [{ id: '2', timestamp: '0.0', class: 'vm', operation: 'mod', ref: 'OpaqueRef:vm1', snapshot: vm('b', 2147483648) }], valid_ref_counts: { vm: 1 }, token: 'T3' } };
        case 4:
          return { error: ['EVENTS_LOST'] };
        default:
          return { value: { events: [{ id: '9', timestamp: '0.0', class: 'vm', operation: 'del', ref: 'OpaqueRef:vm1' }, { id: '9', timestamp: '0.0', class: 'sr_stats', operation: 'add', ref: 'OpaqueRef:x', snapshot: { a: 1 } }], valid_ref_counts: { vm: 0 }, token: 'T5' } };
      }
    });
    const client = new XapiClient({ url: server.url, credentials: { username: 'root', password: 'pw' }, clock: new VirtualClock() });
    const batches: EventBatch[] = [];
    try {
      for await (const batch of client.watchEvents(['VM'], { timeoutS: 5 })) {
        batches.push(batch);
        if (batches.length === 3) break;
      }
    } finally {
      await client.close();
      await server.close();
    }
    expect(tokens).toEqual(['', 'T1', 'T2', 'T3', '']);
    expect(batches.map((b) => b.reset)).toEqual([true, false, true]);
    expect(batches[0].events[0]).toMatchObject({ cls: 'VM', operation: 'add', snapshot: { name_label: 'a', memory_static_max: 1073741824 } });
    expect(batches[1].events[0]).toMatchObject({ operation: 'mod', snapshot: { memory_static_max: 2147483648 } });
    expect(batches[2].events[0]).toEqual({ class: 'vm', cls: 'VM', operation: 'del', ref: 'OpaqueRef:vm1', id: '9' });
    expect(batches[2].events[1]).toMatchObject({ class: 'sr_stats', snapshot: { a: 1 } });
    expect(batches[2].events[1].cls).toBeUndefined();
    expect(server.requests.find((r) => r.method === 'event.from')?.params.slice(1)).toEqual([['VM'], '', 5]);
  });
});
