import { XapiClient } from './client';
import { VirtualClock } from './clock';
import { XapiError } from './errors';
import { startScriptedServer, type ScriptedReply, type ScriptedRequest, type ScriptedServer } from './testing/scripted-server';

/** A scripted pool with one task whose fate the test decides. */
interface TaskScript {
  /** Final task fields once it finishes. */
  final: Record<string, unknown>;
  /** event.from polls before the task finishes. */
  pendingPolls: number;
  /** Whether the server understands `task/<ref>` filters (else it returns no matching events). */
  filters: boolean;
}

const TASK = 'OpaqueRef:task-1';

function taskRecord(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    uuid: 'u', name_label: 'Async.VM.clone', name_description: '', status: 'pending', progress: 0.5,
    created: new Date(0), finished: new Date(0), type: '', result: '', error_info: [], resident_on: 'OpaqueRef:h',
    subtask_of: 'OpaqueRef:NULL', subtasks: [], other_config: {}, backtrace: '', allowed_operations: ['cancel'], current_operations: {},
    ...fields,
  };
}

async function pool(script: TaskScript): Promise<{ server: ScriptedServer; client: XapiClient; clock: VirtualClock }> {
  let polls = 0;
  let cancelled = false;
  const state = (): Record<string, unknown> =>
    cancelled ? taskRecord({ status: 'cancelled' }) : polls > script.pendingPolls ? taskRecord(script.final) : taskRecord({});
  const server = await startScriptedServer((req: ScriptedRequest): ScriptedReply => {
    switch (req.method) {
      case 'session.login_with_password':
        return { value: 'OpaqueRef:session' };
      case 'Async.VM.clone':
        return { value: TASK };
      case 'event.from': {
        polls++;
        const [, classes, token] = req.params as [string, string[], string];
        const events = script.filters && classes[0] === `task/${TASK}` ? [{ id: String(polls), timestamp: '0.0', class: 'task', operation: token === '' ? 'add' : 'mod', ref: TASK, snapshot: state() }] : [];
        return { value: { events, valid_ref_counts: { task: 1 }, token: `0000${polls},0` } };
      }
      case 'task.get_record':
        polls++;
        return { value: state() };
      case 'task.cancel':
        cancelled = true;
        return { value: '' };
      default:
        return { value: '' };
    }
  });
  const clock = new VirtualClock();
  const client = new XapiClient({ url: server.url, credentials: { username: 'root', password: 'pw' }, clock });
  return { server, client, clock };
}

const cases: Array<[string, boolean]> = [
  ['event.from on the task', true],
  ['polling task.get_record when the server ignores task/<ref>', false],
];

describe.each(cases)('callAsync waiting via %s', (_name, filters) => {
  it('returns the decoded result and destroys the task', async () => {
    const { server, client, clock } = await pool({ filters, pendingPolls: 2, final: { status: 'success', progress: 1, result: '<value>OpaqueRef:new-vm</value>' } });
    try {
      await expect(client.callAsync('VM.clone', 'OpaqueRef:vm', 'copy')).resolves.toBe('OpaqueRef:new-vm');
      // Destroyed off the caller's path, and before the session ends.
      await client.logout();
      const methods = server.requests.map((r) => r.method);
      expect(methods.filter((m) => m === 'task.destroy')).toHaveLength(1);
      expect(server.requests.find((r) => r.method === 'task.destroy')?.params).toEqual(['OpaqueRef:session', TASK]);
      expect(methods.indexOf('task.destroy')).toBeLessThan(methods.indexOf('session.logout'));
      // Event waits block on the server; only polling sleeps (on the injected clock).
      expect(clock.sleeps.length > 0).toBe(!filters);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("fails with the task's error_info and the call", async () => {
    const { server, client } = await pool({ filters, pendingPolls: 1, final: { status: 'failure', error_info: ['SR_FULL', '1024', '512'] } });
    try {
      const err = await client.callAsync('VM.clone', 'OpaqueRef:vm', 'copy').catch((e) => e);
      expect(err).toBeInstanceOf(XapiError);
      expect(err).toMatchObject({ code: 'SR_FULL', params: ['1024', '512'], call: { method: 'Async.VM.clone', args: ['<session>', 'OpaqueRef:vm', 'copy'] } });
      await client.logout();
      expect(server.requests.some((r) => r.method === 'task.destroy')).toBe(true);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('cancels the task when the signal aborts', async () => {
    const { server, client } = await pool({ filters, pendingPolls: 1_000_000, final: {} });
    try {
      const ac = new AbortController();
      const pending = client.invokeAsync('VM.clone', ['OpaqueRef:vm', 'copy'], { signal: ac.signal }).catch((e) => e);
      while (!server.requests.some((r) => r.method === 'event.from' || r.method === 'task.get_record')) await new Promise((r) => setImmediate(r));
      ac.abort();
      const err = await pending;
      expect(err).toMatchObject({ code: 'TASK_CANCELLED', params: [TASK] });
      expect(server.requests.some((r) => r.method === 'task.cancel')).toBe(true);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('the destroy of a finished task', () => {
  it('does not hold the caller up; the logout waits for it', async () => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => { answer = resolve; });
    let destroyed = false;
    const server = await startScriptedServer(async (req: ScriptedRequest): Promise<ScriptedReply> => {
      switch (req.method) {
        case 'session.login_with_password':
          return { value: 'OpaqueRef:session' };
        case 'Async.VM.clone':
          return { value: TASK };
        case 'event.from':
          return { value: { events: [{ id: '1', timestamp: '0.0', class: 'task', operation: 'mod', ref: TASK, snapshot: taskRecord({ status: 'success', progress: 1, result: '<value>OpaqueRef:new-vm</value>' }) }], valid_ref_counts: { task: 1 }, token: '1,0' } };
        case 'task.destroy':
          await held;
          destroyed = true;
          return { value: '' };
        default:
          return { value: '' };
      }
    });
    const client = new XapiClient({ url: server.url, credentials: { username: 'root', password: 'pw' }, clock: new VirtualClock() });
    try {
      let timer: NodeJS.Timeout | undefined;
      const waitedFor = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('callAsync waited for the task to be destroyed')), 2000); });
      await expect(Promise.race([client.callAsync('VM.clone', 'OpaqueRef:vm', 'copy'), waitedFor])).resolves.toBe('OpaqueRef:new-vm');
      clearTimeout(timer);
      expect(destroyed).toBe(false);
      const loggedOut = client.logout();
      answer();
      await loggedOut;
      expect(destroyed).toBe(true);
      const methods = server.requests.map((r) => r.method);
      expect(methods.indexOf('task.destroy')).toBeLessThan(methods.indexOf('session.logout'));
    } finally {
      answer();
      await client.close();
      await server.close();
    }
  });
});
