/** DeploymentOptionSection and OVF 0.9 at the reader level (pure: descriptor text in, model out). */
import { readEnvelope } from './envelope-reader';

const env = (body: string, ns = 'http://schemas.dmtf.org/ovf/envelope/1'): string => `<?xml version="1.0"?>
<Envelope xmlns="${ns}" xmlns:ovf="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
${body}
</Envelope>`;

const cpu = (n: number, conf?: string): string => `<Item${conf !== undefined ? ` ovf:configuration="${conf}"` : ''}><rasd:InstanceID>${n}</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>${n}</rasd:VirtualQuantity></Item>`;

function system(items: string, options: string): string {
  return env(`<DeploymentOptionSection><Info>x</Info>${options}</DeploymentOptionSection>
<VirtualSystem ovf:id="vm"><Info>x</Info><VirtualHardwareSection><Info>x</Info>${items}</VirtualHardwareSection></VirtualSystem>`);
}

const vcpus = (text: string, deployment?: string): number | undefined => {
  const { envelope } = readEnvelope(text, 't.ovf', 't.ovf', { deployment });
  return envelope?.content.kind === 'system' ? envelope.content.hardware.vcpus : undefined;
};

describe('DeploymentOptionSection', () => {
  const options = '<Configuration ovf:id="small"><Label>S</Label></Configuration><Configuration ovf:id="big" ovf:default="true"><Label>B</Label></Configuration>';
  const items = `${cpu(1, 'small')}${cpu(4, 'big')}${cpu(2, 'small big')}`;

  test('the ovf:default configuration is chosen; items of others are dropped; an item may name several', () => {
    expect(vcpus(system(items, options))).toBe(6);
    expect(vcpus(system(items, options), 'small')).toBe(3);
  });

  test('without ovf:default the first configuration is chosen; items without ovf:configuration are in all', () => {
    const text = system(`${cpu(1, 'a')}${cpu(8, 'b')}${cpu(2)}`, '<Configuration ovf:id="a"/><Configuration ovf:id="b"/>');
    expect(vcpus(text)).toBe(3);
    const { envelope } = readEnvelope(text, 't.ovf', 't.ovf');
    expect(envelope!.deployment).toEqual({ chosen: 'a', options: [{ id: 'a', default: false }, { id: 'b', default: false }] });
  });

  test('a Configuration without ovf:id is an error', () => {
    const { envelope, diagnostics } = readEnvelope(system(cpu(1), '<Configuration><Label>?</Label></Configuration>'), 't.ovf', 't.ovf');
    expect(envelope).toBeUndefined();
    expect(diagnostics[0].summary).toBe('t.ovf: DeploymentOptionSection Configuration: has no ovf:id');
  });
});

describe('OVF 0.9', () => {
  test('typed Section and Content elements, InstanceId and the 0.9 namespace read as 1.0', () => {
    const text = env(`<Section xsi:type="ovf:NetworkSection_Type"><Info>n</Info><Network ovf:name="lan"/></Section>
<Content ovf:id="old" xsi:type="ovf:VirtualSystem_Type"><Info>x</Info>
  <Section xsi:type="ovf:VirtualHardwareSection_Type"><Info>x</Info>
    <Item><rasd:InstanceId>1</rasd:InstanceId><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
    <Item><rasd:Caption>eth0</rasd:Caption><rasd:Connection>lan</rasd:Connection><rasd:InstanceId>2</rasd:InstanceId><rasd:ResourceType>10</rasd:ResourceType></Item>
  </Section>
</Content>`, 'http://www.vmware.com/schema/ovf/1/envelope');
    const { envelope, diagnostics } = readEnvelope(text, 'old.ovf', 'old.ovf');
    expect(diagnostics).toEqual([]);
    expect(envelope!.version).toBe('0.9');
    expect(envelope!.networks).toEqual([{ name: 'lan' }]);
    const vm = envelope!.content;
    expect(vm.kind === 'system' && [vm.id, vm.hardware.vcpus, vm.hardware.nics.map((n) => [n.instanceId, n.network]), vm.hardware.items[1].fields.ElementName]).toEqual(['old', 2, [['2', 'lan']], 'eth0']);
  });

  test('a 1.0 descriptor keeps rasd:Caption apart from ElementName', () => {
    const text = env(`<VirtualSystem ovf:id="v"><Info>x</Info><VirtualHardwareSection><Info>x</Info>
<Item><rasd:Caption>cap</rasd:Caption><rasd:ElementName>name</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType></Item>
</VirtualHardwareSection></VirtualSystem>`);
    const vm = readEnvelope(text, 't.ovf', 't.ovf').envelope!.content;
    expect(vm.kind === 'system' && [vm.hardware.items[0].fields.Caption, vm.hardware.items[0].fields.ElementName]).toEqual(['cap', 'name']);
  });
});
