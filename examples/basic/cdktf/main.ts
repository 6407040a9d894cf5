/**
 * examples/basic as a CDKTF TypeScript stack: one pool, a shared NFS storage repository, a
 * network and two VMs (the same as ../main.tf). Synthesize with:
 *   npx ts-node examples/basic/cdktf/main.ts      (writes examples/basic/cdktf/cdktf.out)
 * then plan the stack folder cdktf.out/stacks/basic with xcpform or terraform.
 */
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { network, pool, provider, sr, vm } from 'xcpform/cdktf';

export class BasicStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State beside cdk.tf.json (CDKTF's default is an absolute path in the folder synth ran from).
    new LocalBackend(this, { path: 'terraform.tfstate' });
    new provider.XcpProvider(this, 'xcp', { pools: { dc1: { url: 'embedded' } } });

    const nfs = new sr.Sr(this, 'nfs', {
      nameLabel: 'nfs-vms',
      type: 'nfs',
      shared: true,
      deviceConfig: { server: '10.0.0.20', serverpath: '/exports/vms' },
    });
    new pool.Pool(this, 'dc1', { nameLabel: 'dc1', defaultSr: nfs.uuid });
    const lan = new network.Network(this, 'lan', { nameLabel: 'lan', mtu: 1500 });

    const machines: { name: string; vcpus: number; memory: number; disk: number; tag: string }[] = [
      { name: 'web', vcpus: 2, memory: 2 * 1024 ** 3, disk: 20 * 1024 ** 3, tag: 'web' },
      { name: 'db', vcpus: 4, memory: 8 * 1024 ** 3, disk: 50 * 1024 ** 3, tag: 'db' },
    ];
    const vms = machines.map((m) => new vm.Vm(this, m.name, {
      nameLabel: m.name,
      template: 'Debian Bookworm 12',
      vcpus: m.vcpus,
      memory: m.memory,
      tags: [m.tag, 'team-a'],
      disk: [{ size: m.disk, sr: nfs.uuid }],
      nic: [{ network: lan.uuid }],
    }));
    new TerraformOutput(this, 'web_ip', { value: vms[0].ipAddress });
  }
}

/** Synthesizes the stack; returns the path of the written cdk.tf.json. */
export function synth(outdir: string): string {
  const app = new App({ outdir });
  new BasicStack(app, 'basic');
  app.synth();
  return `${outdir}/stacks/basic/cdk.tf.json`;
}

if (require.main === module) {
  process.stdout.write(`${synth(`${__dirname}/cdktf.out`)}\n`);
}
