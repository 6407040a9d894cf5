import { masterUrl } from './master-url';
import { backoffDelay, DEFAULT_RETRY_POLICY } from './retry';
import { isIdempotentMethod } from './failures';

describe('masterUrl', () => {
  it.each([
    ['https://10.0.0.2', '10.0.0.1', 'https://10.0.0.1'],
    ['https://10.0.0.2:8443/', '10.0.0.1', 'https://10.0.0.1:8443/'],
    ['http://member.example:8080', 'master.example', 'http://master.example:8080'],
    ['https://[fd00::2]', 'fd00::1', 'https://[fd00::1]'],
    ['https://root:pw@10.0.0.2', '10.0.0.1', 'https://root:pw@10.0.0.1'],
  ])('%s + %s → %s', (base, address, expected) => {
    expect(masterUrl(base, address)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within the cap, with full jitter', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, p, () => 0)).toBe(0);
  });
});

describe('isIdempotentMethod', () => {
  it.each([
    ['VM.get_all_records', true],
    ['VM.set_name_label', true],
    ['VM.remove_from_other_config', true],
    ['event.from', true],
    ['session.login_with_password', true],
    ['VM.clone', false],
    ['VM.add_to_other_config', false],
    ['Async.VM.start', false],
    ['VDI.destroy', false],
  ])('%s → %s', (method, expected) => {
    expect(isIdempotentMethod(method)).toBe(expected);
  });
});
