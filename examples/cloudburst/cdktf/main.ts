/**
 * examples/cloudburst as a CDKTF TypeScript stack (the same as ../main.tf): a datacenter pool
 * with a shared SR and networks, a three-tier application (db, app, web), a cloud pool, a VPN
 * link, and a web tier placed "fill-first" across both pools so that it bursts into the cloud.
 * `npm start` synthesizes it and runs plan / apply / re-plan against the embedded simulator.
 */
import { App, LocalBackend, TerraformCount, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { network, provider, sr, vm, vpnLink } from 'xcpform/cdktf';

const GIB = 1024 ** 3;

export class CloudburstStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State beside cdk.tf.json (CDKTF's default is an absolute path in the folder synth ran from).
    new LocalBackend(this, { path: 'terraform.tfstate' });
    const webCount = new TerraformVariable(this, 'web_count', { type: 'number', default: 8, description: 'Web VMs to run: more than the datacenter holds.' });
    const dbPool = new TerraformVariable(this, 'db_pool', { type: 'string', default: 'dc1', description: 'Pool of the database VM: changing it migrates the running VM and its disk live.' });
    const psk = new TerraformVariable(this, 'vpn_psk', { type: 'string', sensitive: true, default: 'burst-demo-pre-shared-key-0001', description: 'IPsec pre-shared key of the burst link (use a secret store in real life).' });

    new provider.XcpProvider(this, 'xcp', {
      pools: { dc1: { url: 'embedded' }, cloud1: { url: 'embedded' } },
      defaultPool: 'dc1',
      rateCard: { currency: 'USD', vcpuHour: 0.012, memoryGibHour: 0.004, storageGibHour: 0.0002, vpnLinkHour: 0.05, poolMultipliers: { cloud1: 1.6 } },
    });

    const nfs = new sr.Sr(this, 'dc_nfs', {
      pool: 'dc1', nameLabel: 'dc1-nfs', type: 'nfs', shared: true,
      deviceConfig: { server: '10.0.0.20', serverpath: '/exports/dc1' },
    });
    const app = new network.Network(this, 'app', { pool: 'dc1', nameLabel: 'app', mtu: 1500 });
    const appBurst = new network.Network(this, 'app_burst', { pool: 'cloud1', nameLabel: 'app-burst', mtu: 1500 });
    const link = new vpnLink.VpnLink(this, 'burst', {
      pool: 'dc1', remotePool: 'cloud1', nameLabel: 'dc1-to-cloud1',
      network: app.uuid, remoteNetwork: appBurst.uuid,
      protocol: 'ipsec', psk: psk.stringValue,
      localCidrs: ['10.10.0.0/16'], remoteCidrs: ['10.20.0.0/16'],
    });

    const db = new vm.Vm(this, 'db', {
      pool: dbPool.stringValue, nameLabel: 'db', template: 'Debian Bookworm 12', vcpus: 4, memory: 16 * GIB, tags: ['db', 'team-shop'],
      disk: [{ size: 100 * GIB }],
      nic: [{ network: app.uuid }],
    });
    // The disk sits on the datacenter SR in dc1 and on the pool's default SR elsewhere.
    db.addOverride('disk.0.sr', `\${var.db_pool == "dc1" ? ${nfs.fqn}.uuid : null}`);

    const appCount = TerraformCount.of(2);
    const apps = new vm.Vm(this, 'app_tier', {
      count: appCount, pool: 'dc1', nameLabel: 'app-${count.index}', template: 'Debian Bookworm 12', vcpus: 2, memory: 8 * GIB, tags: ['app', 'team-shop'],
      dependsOn: [db],
      disk: [{ size: 20 * GIB, sr: nfs.uuid }],
      nic: [{ network: app.uuid }],
    });
    apps.overrideLogicalId('app');

    const webIndex = TerraformCount.of(webCount.numberValue);
    const web = new vm.Vm(this, 'web', {
      count: webIndex, nameLabel: 'web-${count.index}', template: 'Debian Bookworm 12', vcpus: 2, memory: 12 * GIB, tags: ['web', 'team-shop'],
      // Terraform orders resources by references only: the link must be up before a VM bursts.
      dependsOn: [apps, link],
      placement: { pools: ['dc1', 'cloud1'], strategy: 'fill-first' },
      disk: [{ size: 10 * GIB }],
      nic: [{ network: app.uuid }],
    });

    new TerraformOutput(this, 'web_pools', { value: `\${{ for vm in ${web.fqn} : vm.name_label => vm.pool }}` });
    new TerraformOutput(this, 'vpn_status', { value: link.status });
  }
}

/** Synthesizes the stack; returns the folder holding cdk.tf.json. */
export function synth(outdir: string): string {
  const app = new App({ outdir });
  new CloudburstStack(app, 'cloudburst');
  app.synth();
  return `${outdir}/stacks/cloudburst`;
}

if (require.main === module) {
  process.stdout.write(`${synth(`${__dirname}/cdktf.out`)}\n`);
}
