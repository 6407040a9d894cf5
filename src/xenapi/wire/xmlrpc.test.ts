import fc from 'fast-check';
import {
  WireFormatError,
  XapiValue,
  decodeMethodCall,
  decodeMethodResponse,
  decodeValue,
  decodeXapiResponse,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
  encodeValue,
  failureEnvelope,
  formatDateTime,
  parseDateTime,
  successEnvelope,
  xmlrpcDouble,
  xmlrpcI4,
} from './xmlrpc';

describe('XML-RPC encoding as xapi writes it', () => {
  test.each<[string, Parameters<typeof encodeValue>[0], string]>([
    ['bare string', 'OpaqueRef:abc', '<value>OpaqueRef:abc</value>'],
    ['empty string', '', '<value></value>'],
    ['escaped', 'a&b<c>"d"', '<value>a&amp;b&lt;c&gt;&quot;d&quot;</value>'],
    ['control chars dropped', 'a\u0001b\tc\n', '<value>ab\tc\n</value>'],
    ['int as bare text', 4294967296, '<value>4294967296</value>'],
    ['double', 0.25, '<value><double>0.25</double></value>'],
    ['integral double hint', xmlrpcDouble(1), '<value><double>1</double></value>'],
    ['i4 hint', xmlrpcI4(12), '<value><i4>12</i4></value>'],
    ['true', true, '<value><boolean>1</boolean></value>'],
    ['false', false, '<value><boolean>0</boolean></value>'],
    ['datetime', new Date(Date.UTC(2025, 2, 19, 4, 16, 24)), '<value><dateTime.iso8601>20250319T04:16:24Z</dateTime.iso8601></value>'],
    ['void', undefined, '<value></value>'],
    ['nil', null, '<value><nil/></value>'],
    ['array', ['a', 1], '<value><array><data><value>a</value><value>1</value></data></array></value>'],
    ['struct', { k: 'v' }, '<value><struct><member><name>k</name><value>v</value></member></struct></value>'],
  ])('%s', (_name, value, xml) => {
    expect(encodeValue(value)).toBe(xml);
  });

  test('a success response is one line with the prolog and envelope', () => {
    expect(encodeMethodResponse(successEnvelope('OpaqueRef:5d3a'))).toBe(
      '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>Status</name><value>Success</value></member>' +
        '<member><name>Value</name><value>OpaqueRef:5d3a</value></member></struct></value></param></params></methodResponse>',
    );
  });

  test('void results carry Value as the empty string', () => {
    const out = decodeXapiResponse(encodeMethodResponse(successEnvelope(undefined)));
    expect(out).toEqual({ ok: true, value: '' });
  });

  test('failure envelope round-trips to [code, ...params]', () => {
    const xml = encodeMethodResponse(failureEnvelope('VM_BAD_POWER_STATE', ['OpaqueRef:x', 'halted', 'running']));
    expect(decodeXapiResponse(xml)).toEqual({ ok: false, error: ['VM_BAD_POWER_STATE', 'OpaqueRef:x', 'halted', 'running'] });
  });

  test('ints can be sent as <int>/<i4>/<i8>', () => {
    expect(encodeMethodCall('m', [5], { ints: 'i8' })).toContain('<value><i8>5</i8></value>');
  });
});

describe('XML-RPC decoding', () => {
  test('tolerates Python-style whitespace between elements', () => {
    const xml = `<?xml version='1.0'?>\n<methodCall>\n<methodName>VM.start</methodName>\n<params>\n<param>\n<value><string>OpaqueRef:s</string></value>\n</param>\n<param>\n<value><boolean>0</boolean></value>\n</param>\n<param>\n<value><int>7</int></value>\n</param>\n</params>\n</methodCall>\n`;
    expect(decodeMethodCall(xml)).toEqual({ method: 'VM.start', params: ['OpaqueRef:s', false, 7] });
  });

  test('bare strings keep their whitespace', () => {
    expect(decodeValue('<value>  a b  </value>')).toBe('  a b  ');
  });

  test('reads every scalar tag xapi accepts', () => {
    const xml =
      '<value><array><data><value><i4>1</i4></value><value><int>-2</int></value><value><i8>4294967296</i8></value>' +
      '<value><double>1.5</double></value><value><dateTime.iso8601>20250319T04:16:24</dateTime.iso8601></value>' +
      '<value><dateTime.iso8601>20250319T06:16:24+02:00</dateTime.iso8601></value><value><nil/></value>' +
      '<value><base64>aGk=</base64></value></data></array></value>';
    const d = new Date(Date.UTC(2025, 2, 19, 4, 16, 24));
    expect(decodeValue(xml)).toEqual([1, -2, 4294967296, 1.5, d, d, null, 'hi']);
  });

  test('an empty struct and array', () => {
    expect(decodeValue('<value><struct></struct></value>')).toEqual({});
    expect(decodeValue('<value><array><data/></array></value>')).toEqual([]);
  });

  test('__proto__ keys stay plain data', () => {
    const v = decodeValue('<value><struct><member><name>__proto__</name><value>x</value></member></struct></value>') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  test('faults are decoded', () => {
    expect(decodeMethodResponse(encodeFault(3, 'boom'))).toEqual({ kind: 'fault', code: 3, message: 'boom' });
  });

  test('system.listMethods bare array is a success', () => {
    const xml = encodeMethodResponse(['VM.get_all', 'VM.start']);
    expect(decodeXapiResponse(xml)).toEqual({ ok: true, value: ['VM.get_all', 'VM.start'] });
  });

  test.each([
    ['not xml', 'hello'],
    ['unclosed', '<methodCall><methodName>x</methodName>'],
    ['wrong root', '<foo/>'],
    ['missing method name', '<methodCall><params/></methodCall>'],
    ['bad boolean', '<methodCall><methodName>m</methodName><params><param><value><boolean>true</boolean></value></param></params></methodCall>'],
    ['bad int', '<methodCall><methodName>m</methodName><params><param><value><int>x</int></value></param></params></methodCall>'],
    ['doctype', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><methodCall><methodName>m</methodName></methodCall>'],
    ['undefined entity', '<methodCall><methodName>&boom;</methodName></methodCall>'],
    ['member without value', '<value><struct><member><name>a</name></member></struct></value>'],
    ['mixed content', '<value>x<int>1</int></value>'],
    ['two roots', '<value>a</value><value>b</value>'],
  ])('rejects %s with a WireFormatError', (_name, xml) => {
    expect(() => (xml.startsWith('<value>') ? decodeValue(xml) : decodeMethodCall(xml))).toThrow(WireFormatError);
  });

  test('rejects documents nested too deeply', () => {
    const deep = '<value><array><data>'.repeat(300) + '<value>x</value>' + '</data></array></value>'.repeat(300);
    expect(() => decodeValue(deep)).toThrow(/nested deeper/);
  });

  test('rejects documents that are too long', () => {
    expect(() => decodeValue(`<value>${'a'.repeat(2000)}</value>`, { maxLength: 1000 })).toThrow(/too large/);
  });
});

describe('datetimes', () => {
  test('formats and parses the epoch default', () => {
    expect(formatDateTime(new Date(0))).toBe('19700101T00:00:00Z');
    expect(parseDateTime('19700101T00:00:00Z')?.getTime()).toBe(0);
    expect(parseDateTime('nope')).toBeUndefined();
  });
});

// Values that survive XML-RPC unchanged: strings without chars XML drops, non-integral doubles
// (integers become strings by design), booleans, second-precision dates, arrays and structs.
const xmlSafeString = fc
  .fullUnicodeString({ maxLength: 20 })
  .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
const leaf: fc.Arbitrary<XapiValue> = fc.oneof(
  xmlSafeString,
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.integer({ min: 0, max: 4102444800 }).map((s) => new Date(s * 1000)),
);
const valueArb: fc.Arbitrary<XapiValue> = fc.letrec<{ v: XapiValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(xmlSafeString, tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('property: encode then decode returns the value', () => {
  test('values', () => {
    fc.assert(fc.property(valueArb, (v) => expect(decodeValue(encodeValue(v))).toEqual(v)));
  });
  test('method calls with integers sent as <int>', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() === s && /^[\x21-\x7e]+$/.test(s)), fc.array(fc.oneof(valueArb, fc.integer()), { maxLength: 5 }), (m, params) => {
        expect(decodeMethodCall(encodeMethodCall(m, params, { ints: 'int' }))).toEqual({ method: m, params });
      }),
    );
  });
  test('integers sent the xapi way come back as decimal strings', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => expect(decodeValue(encodeValue(n))).toBe(String(n))));
  });
  test('responses', () => {
    fc.assert(fc.property(valueArb, (v) => expect(decodeXapiResponse(encodeMethodResponse(successEnvelope(v)))).toEqual({ ok: true, value: v })));
  });
});
