import { closeCandidates, didYouMean } from './candidates';

const TEMPLATES = ['Other install media', 'Debian Bookworm 12', 'Ubuntu Jammy Jellyfish 22.04', 'Rocky Linux 9', 'Windows Server 2022 (64-bit)', 'Windows 10 (64-bit)'];

describe('close candidates for a name that matched nothing', () => {
  test('case, typos, substrings and a misspelt start are close; ranked best first', () => {
    expect(closeCandidates('debian bookworm 12', TEMPLATES)).toEqual(['Debian Bookworm 12']);
    expect(closeCandidates('Debian Bookwrm 12', TEMPLATES)).toEqual(['Debian Bookworm 12']);
    expect(closeCandidates('debian bookwrm', TEMPLATES)).toEqual(['Debian Bookworm 12']);
    expect(closeCandidates('Rocky', TEMPLATES)).toEqual(['Rocky Linux 9']);
    expect(closeCandidates('windows', TEMPLATES)).toEqual(['Windows 10 (64-bit)', 'Windows Server 2022 (64-bit)']);
    expect(closeCandidates('eth7', ['eth0', 'eth1', 'bond0', 'eth10'])).toEqual(['eth0', 'eth1', 'eth10']);
  });

  test('nothing close gives nothing; at most max names, each once', () => {
    expect(closeCandidates('freebsd', TEMPLATES)).toEqual([]);
    expect(didYouMean('freebsd', TEMPLATES)).toBe('');
    const many = Array.from({ length: 12 }, (_, i) => `web-${i}`);
    expect(closeCandidates('web', [...many, ...many])).toHaveLength(5);
    expect(didYouMean('rocky linux', TEMPLATES)).toBe(' Did you mean "Rocky Linux 9"?');
  });
});
