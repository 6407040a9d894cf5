/**
 * MACs the simulator derives from a seed (hosts' PIFs, VIF.create without a MAC): the same seed
 * gives the same MAC in every version, so saved worlds and their copies keep their addresses.
 */
import { macFor } from './bootstrap';

test('a seed gives the MAC it always gave, locally administered and in xapi\'s form', () => {
  // Values from the first implementation (byte by byte through toString(16)).
  expect(macFor('host1/eth0')).toBe('02:26:40:b6:6d:be');
  expect(macFor('OpaqueRef:0b5c/0')).toBe('02:d7:5a:b7:8c:40');
  expect(macFor('3f2a9c1e-7b4d-4e2f-9a1b-0c5d6e7f8a9b/0/1234')).toBe('02:10:81:51:d7:42');
  expect(macFor('')).toBe('02:a9:7d:61:86:12');
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const mac = macFor(`vm-${i}/0/${i * 7}`);
    expect(mac).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    seen.add(mac);
  }
  expect(seen.size).toBe(2000);
});
