/** One fact, one owner: a VLAN on an existing network cannot set that network's labels. */
import { labelsOfExistingNetwork } from './plan';

describe('xcp_vlan on an existing network', () => {
  test.each([
    ['no network: the VLAN owns the network it creates', { network: null, name_label: 'v', tags: ['a'] }, []],
    ['network set, labels and MTU left out', { network: 'n-uuid', name_label: null, name_description: null, tags: null, other_config: null, mtu: null }, []],
    ['network set with an MTU', { network: 'n-uuid', mtu: 9000 }, [['mtu']]],
    ['network set with a name', { network: 'n-uuid', name_label: 'v' }, [['name_label']]],
    ['network set with description, tags and other_config', { network: 'n-uuid', name_description: '', tags: [], other_config: { a: 'b' } }, [['name_description'], ['tags'], ['other_config']]],
  ])('%s', (_name, config, paths) => {
    const diags = labelsOfExistingNetwork(config as never);
    expect(diags.map((d) => d.path)).toEqual(paths);
    for (const d of diags) expect([d.severity, d.code]).toEqual(['error', 'xcp_vlan.network-label']);
  });
});
