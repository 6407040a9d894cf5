/** session.* (login, logout, who am I), task.* and message.* custom messages. */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { datetime, enumOf, int, mapOf, ref, str } from '../model/types';
import { recordType } from '../dispatch/implicit';
import { message } from '../schema/misc';

function login(ctx: CallContext, user: string, password: string, originator: string): string {
  const pool = ctx.pool;
  // A member answers every login with the master's address; clients redirect there.
  if (ctx.host !== pool.master) throw new XapiFailure('HOST_IS_SLAVE', [pool.masterAddress]);
  return pool.login(user, password, originator, ctx.host);
}

export const sessionMethods: MethodSpec[] = [
  method('session.login_with_password', [p('uname', str), p('pwd', str), p('version', str, '1.1'), p('originator', str, '')], ref('session'),
    (ctx, [u, pw, , orig]) => login(ctx, u as string, pw as string, orig as string), { session: false, async: false }),
  method('session.slave_local_login_with_password', [p('uname', str), p('pwd', str)], ref('session'),
    (ctx, [u, pw]) => ctx.pool.login(u as string, pw as string, 'slave_local', ctx.host), { session: false, async: false }),
  method('session.logout', [], null, (ctx) => void ctx.pool.sessions.delete(ctx.session), { async: false }),
  method('session.local_logout', [], null, (ctx) => void ctx.pool.sessions.delete(ctx.session), { async: false }),
  method('session.get_this_host', [p('self', ref('session'))], ref('host'), (ctx, [s]) => {
    const info = ctx.pool.sessions.get(s as string);
    if (!info) throw new XapiFailure('HANDLE_INVALID', ['session', s as string]);
    return info.host;
  }, { async: false }),
  method('session.get_originator', [p('self', ref('session'))], str, (ctx, [s]) => ctx.pool.sessions.get(s as string)?.originator ?? '', { async: false }),
];

export const taskMethods: MethodSpec[] = [
  method('task.create', [p('label', str), p('description', str)], ref('task'), (ctx, [label, description]) =>
    ctx.db.create('task', { name_label: label, name_description: description, status: 'pending', created: ctx.now(), resident_on: ctx.pool.master }), { async: false }),
  method('task.cancel', [p('task', ref('task'))], null, (ctx, [t]) => {
    const task = ctx.db.require('task', t as string);
    if (task.status !== 'pending') throw new XapiFailure('OPERATION_NOT_ALLOWED', [`task is ${task.status as string}`]);
    ctx.db.set('task', t as string, 'status', 'cancelling');
  }),
  method('task.destroy', [p('self', ref('task'))], null, (ctx, [t]) => {
    ctx.db.require('task', t as string);
    ctx.db.destroy('task', t as string);
  }, { async: false }),
  method('task.set_status', [p('self', ref('task')), p('value', enumOf('task_status_type', 'pending', 'success', 'failure', 'cancelling', 'cancelled'))], null,
    (ctx, [t, v]) => ctx.db.set('task', t as string, 'status', v), { async: false }),
  method('task.set_progress', [p('self', ref('task')), p('value', { k: 'float' })], null,
    (ctx, [t, v]) => ctx.db.set('task', t as string, 'progress', v), { async: false }),
];

const messageClasses = enumOf('cls', 'VM', 'Host', 'SR', 'Pool', 'VMPP', 'VMSS', 'PVS_proxy', 'VDI', 'Certificate');
const messageRecords = mapOf(ref('message'), recordType(message));

export const messageMethods: MethodSpec[] = [
  method('message.create', [p('name', str), p('priority', int), p('cls', messageClasses), p('obj_uuid', str), p('body', str)], ref('message'),
    (ctx, [name, priority, cls, objUuid, body]) => ctx.db.create('message', { name, priority, cls, obj_uuid: objUuid, body, timestamp: ctx.now() })),
  method('message.destroy', [p('self', ref('message'))], null, (ctx, [m]) => {
    ctx.db.require('message', m as string);
    ctx.db.destroy('message', m as string);
  }),
  method('message.get_since', [p('since', datetime)], messageRecords, (ctx, [since]) =>
    Object.fromEntries(ctx.db.all('message').filter(([, m]) => (m.timestamp as string) > (since as string)))),
  method('message.get', [p('cls', messageClasses), p('obj_uuid', str), p('since', datetime)], messageRecords, (ctx, [cls, uuid, since]) =>
    Object.fromEntries(ctx.db.all('message').filter(([, m]) => m.cls === cls && m.obj_uuid === uuid && (m.timestamp as string) > (since as string)))),
];
