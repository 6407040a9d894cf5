import { XapiProtocolError } from '../errors';
import { decodeRecord, toIsoDate } from './decode';
import { classFromEventName, XAPI_CLASSES } from './classes';
import { NULL_REF, isRef } from './field-kinds';

describe('decodeRecord', () => {
  it('decodes XML-RPC wire types by the datamodel type', () => {
    const vm = decodeRecord('VM', {
      name_label: 'web',
      VCPUs_max: '4',
      memory_static_max: '17179869184',
      HVM_shadow_multiplier: 1,
      is_a_template: false,
      snapshot_time: new Date(Date.UTC(2025, 2, 19, 4, 16, 24)),
      VBDs: ['OpaqueRef:b'],
      other_config: { 'xcpform:address': 'xcp_vm.web' },
      a_future_field: 'kept',
    });
    expect(vm).toMatchObject({ VCPUs_max: 4, memory_static_max: 17179869184, HVM_shadow_multiplier: 1, snapshot_time: '2025-03-19T04:16:24Z', VBDs: ['OpaqueRef:b'] });
    expect((vm as unknown as Record<string, unknown>).a_future_field).toBe('kept');
  });

  it.each([
    ['20250319T04:16:24Z', '2025-03-19T04:16:24Z'],
    ['20250319T04:16:24', '2025-03-19T04:16:24Z'],
    ['20250319T06:16:24+02:00', '2025-03-19T04:16:24Z'],
    ['2025-03-19T04:16:24.123Z', '2025-03-19T04:16:24Z'],
    ['19700101T00:00:00Z', '1970-01-01T00:00:00Z'],
  ])('reads the datetime %s', (text, iso) => {
    expect(toIsoDate(text)).toBe(iso);
  });

  it.each<[string, Record<string, unknown>]>([
    ['int', { VCPUs_max: 'four' }],
    ['bool', { is_a_template: 'maybe' }],
    ['datetime', { snapshot_time: 'yesterday' }],
    ['set', { VBDs: 'OpaqueRef:b' }],
    ['map', { other_config: [] }],
  ])('rejects a malformed %s with a protocol error naming the field', (_kind, raw) => {
    expect(() => decodeRecord('VM', raw)).toThrow(XapiProtocolError);
    expect(() => decodeRecord('VM', raw)).toThrow(new RegExp(`VM\\.${Object.keys(raw)[0]}`));
  });

  it('decodes int maps (VM_metrics.VCPUs_CPU)', () => {
    expect(decodeRecord('VM_metrics', { VCPUs_CPU: { '0': '3', '1': 2 } }).VCPUs_CPU).toEqual({ '0': 3, '1': 2 });
  });
});

describe('classes and refs', () => {
  it('maps lowercase event classes back to datamodel names', () => {
    for (const cls of XAPI_CLASSES) expect(classFromEventName(cls.toLowerCase())).toBe(cls);
    expect(classFromEventName('vm_guest_metrics')).toBe('VM_guest_metrics');
    expect(classFromEventName('blob')).toBeUndefined();
  });

  it('treats OpaqueRef:NULL and "" as no object', () => {
    expect(isRef(NULL_REF)).toBe(false);
    expect(isRef('')).toBe(false);
    expect(isRef('OpaqueRef:1f2e')).toBe(true);
  });
});
