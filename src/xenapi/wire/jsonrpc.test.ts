import fc from 'fast-check';
import {
  JsonRpcRequestError,
  WireFormatError,
  XapiValue,
  decodeJsonRpcRequest,
  decodeJsonRpcResponse,
  encodeJson,
  encodeJsonRpcFailure,
  encodeJsonRpcRequest,
  encodeJsonRpcSuccess,
  xmlrpcDouble,
} from './jsonrpc';

describe('JSON-RPC requests', () => {
  test('2.0 request as Xen Orchestra sends it', () => {
    const text = encodeJsonRpcRequest('session.login_with_password', ['root', 'pw']);
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', method: 'session.login_with_password', params: ['root', 'pw'], id: 0 });
    expect(decodeJsonRpcRequest(text)).toEqual({ version: '2.0', method: 'session.login_with_password', params: ['root', 'pw'], id: 0 });
  });

  test('1.0 when jsonrpc is absent', () => {
    expect(decodeJsonRpcRequest('{"method":"VM.get_all","params":["s"],"id":"x"}').version).toBe('1.0');
  });

  test.each([
    ['malformed', '{', null],
    ['not an object', '[1]', null],
    ['bad version', '{"jsonrpc":"1.1","method":"m","params":[],"id":3}', 3],
    ['null id', '{"jsonrpc":"2.0","method":"m","params":[],"id":null}', null],
    ['params not array', '{"jsonrpc":"2.0","method":"m","params":{},"id":4}', 4],
    ['no method', '{"jsonrpc":"2.0","params":[],"id":5}', 5],
  ])('rejects %s, keeping the id when known', (_n, text, id) => {
    try {
      decodeJsonRpcRequest(text);
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(JsonRpcRequestError);
      expect((err as JsonRpcRequestError).id).toBe(id);
    }
  });

  test('rejects deep nesting and huge input', () => {
    expect(() => decodeJsonRpcRequest(`{"method":"m","id":1,"params":[${'['.repeat(500)}${']'.repeat(500)}]}`)).toThrow(/nested deeper/);
    expect(() => decodeJsonRpcRequest('{"method":"m","id":1,"params":[]}', { maxLength: 10 })).toThrow(/too large/);
  });
});

describe('JSON-RPC responses', () => {
  test('1.0 and 2.0 success shapes', () => {
    expect(JSON.parse(encodeJsonRpcSuccess('1.0', 7, 'x'))).toEqual({ result: 'x', error: null, id: 7 });
    expect(JSON.parse(encodeJsonRpcSuccess('2.0', 7, undefined))).toEqual({ jsonrpc: '2.0', result: '', id: 7 });
  });

  test('1.0 and 2.0 failure shapes decode to [code, ...params]', () => {
    const one = encodeJsonRpcFailure('1.0', 7, ['SESSION_INVALID', 'OpaqueRef:s']);
    const two = encodeJsonRpcFailure('2.0', 7, ['VM_BAD_POWER_STATE', 'OpaqueRef:v', 'halted', 'running']);
    expect(JSON.parse(one)).toEqual({ result: null, error: ['SESSION_INVALID', 'OpaqueRef:s'], id: 7 });
    expect(JSON.parse(two)).toEqual({ jsonrpc: '2.0', error: { code: 1, message: 'VM_BAD_POWER_STATE', data: ['OpaqueRef:v', 'halted', 'running'] }, id: 7 });
    expect(decodeJsonRpcResponse(two)).toEqual({ ok: false, error: ['VM_BAD_POWER_STATE', 'OpaqueRef:v', 'halted', 'running'], id: 7 });
    expect(decodeJsonRpcResponse(one).ok).toBe(false);
  });

  test('dates become xapi datetime strings and hints plain numbers', () => {
    expect(encodeJson({ t: new Date(0), p: xmlrpcDouble(1) })).toBe('{"t":"19700101T00:00:00Z","p":1}');
  });

  test('a response without result or error is malformed', () => {
    expect(() => decodeJsonRpcResponse('{"id":1}')).toThrow(WireFormatError);
  });
});

const jsonValue: fc.Arbitrary<XapiValue> = fc.letrec<{ v: XapiValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.fullUnicodeString({ maxLength: 20 }),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.fullUnicodeString({ maxLength: 8 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

test('property: request and response round-trip', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.array(jsonValue, { maxLength: 4 }), fc.oneof(fc.integer(), fc.string()), fc.constantFrom('1.0' as const, '2.0' as const), (m, params, id, version) => {
      expect(decodeJsonRpcRequest(encodeJsonRpcRequest(m, params, id, version))).toEqual({ version, method: m, params, id });
      const result = params[0] ?? '';
      expect(decodeJsonRpcResponse(encodeJsonRpcSuccess(version, id, result))).toEqual({ ok: true, value: result, id });
    }),
  );
});
