/**
 * CDKTF and CDK Terrain as their users work, from an empty folder: `npm install` of the packed
 * xcpform tarball with the framework, its CLI (cdktf-cli 0.21 / cdktn-cli 0.24) and TypeScript; a
 * stack in TypeScript; `get` generating bindings from the provider in the release mirror;
 * `synth` reading cdktf.json; `diff` and `deploy` running real terraform, which installs the
 * provider from the mirror (offline, TF_CLI_CONFIG_FILE); then `xcpform plan` on the synthesized
 * stack sees no changes, and `destroy` removes what was made. CDKTF's stack uses the bindings
 * shipped in the package (`xcpform/cdktf`); CDK Terrain's uses the ones `cdktn get` generated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCdkProject, ok, type CdkFlavour, type CdkProject } from '../helpers/cdk-project';
import { terraformVersion } from '../helpers/tfplugin-terraform';

jest.setTimeout(1_200_000);

const CDKTF_JSON = `${JSON.stringify({
  language: 'typescript',
  app: 'npx ts-node main.ts',
  projectId: '00000000-0000-4000-8000-000000000000',
  sendCrashReports: 'false',
  terraformProviders: ['xcpform/xcp@~> 0.1'],
  terraformModules: [],
  context: {},
}, null, 2)}\n`;

const TSCONFIG = `${JSON.stringify({
  compilerOptions: { target: 'ES2020', module: 'commonjs', lib: ['es2020'], strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'cdktf.out'],
}, null, 2)}\n`;

const stack = (flavour: CdkFlavour): string => {
  const imports = flavour === 'cdktf'
    ? "import { App, TerraformOutput, TerraformStack } from 'cdktf';\nimport { network, provider } from 'xcpform/cdktf';\nconst { XcpProvider } = provider;\nconst { Network } = network;\n"
    : "import { App, TerraformOutput, TerraformStack } from 'cdktn';\nimport { Network } from './.gen/providers/xcp/network';\nimport { XcpProvider } from './.gen/providers/xcp/provider';\n";
  return `${imports}import { Construct } from 'constructs';

class Lab extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new XcpProvider(this, 'xcp', { pools: { dc1: { url: 'embedded' } } });
    const lan = new Network(this, 'lan', { nameLabel: 'lan', mtu: 1500 });
    new TerraformOutput(this, 'lan_name', { value: lan.nameLabel });
  }
}

const app = new App();
new Lab(app, 'lab');
app.synth();
`;
};

describe.each(['cdktf', 'cdktn'] as const)('%s from an empty folder', (flavour) => {
  test(`npm install, ${flavour} get (offline, from the mirror), synth, diff, deploy; xcpform plan agrees; destroy`, async () => {
    terraformVersion();
    const p = createCdkProject(flavour, { 'cdktf.json': CDKTF_JSON, 'tsconfig.json': TSCONFIG, 'main.ts': stack(flavour) });
    process.stdout.write(`${flavour}: npm install took ${p.installSeconds.toFixed(1)} s\n`);
    try {
      await flow(flavour, p);
    } finally {
      p.remove();
    }
  });
});

async function flow(flavour: CdkFlavour, p: CdkProject): Promise<void> {
  const cli = flavour;
  if (flavour === 'cdktn') expect(ok(await p.bin('node', ['--version']), 'node --version').stdout.trim()).toBe('v22.23.5');

  ok(await p.bin(cli, ['get']), `${cli} get`);
  const versions = JSON.parse(readFileSync(join(p.dir, '.gen', 'versions.json'), 'utf8'));
  expect(versions).toEqual({ 'registry.terraform.io/xcpform/xcp': p.release.version });
  const generated = readFileSync(join(p.dir, '.gen', 'providers', 'xcp', 'network', 'index.ts'), 'utf8');
  expect(generated).toContain(`import * as ${flavour} from '${flavour}';`);

  ok(await p.bin(cli, ['synth']), `${cli} synth`);
  const stackDir = join(p.dir, 'cdktf.out', 'stacks', 'lab');
  const synthesized = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  // xcpform's shipped bindings ask for `~> MAJOR.MINOR`; bindings made by `get` pin the version they saw.
  const version = flavour === 'cdktf' ? '~> 0.1' : p.release.version;
  expect(synthesized.terraform.required_providers.xcp).toEqual({ source: expect.stringMatching(/^(registry\.terraform\.io\/)?xcpform\/xcp$/), version });

  // The CLIs run `terraform providers lock`, which asks the public registry whatever the CLI
  // configuration says: with a mirror, --skip-provider-lock (init still locks the h1 hash).
  const diff = ok(await p.bin(cli, ['diff', '--skip-provider-lock']), `${cli} diff`);
  expect(diff.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
  const deploy = ok(await p.bin(cli, ['deploy', '--skip-provider-lock', '--auto-approve']), `${cli} deploy`);
  expect(deploy.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
  expect(readFileSync(join(stackDir, '.terraform.lock.hcl'), 'utf8')).toContain(`"${p.release.h1}",`);

  const plan = await p.bin('xcpform', ['plan', '-detailed-exitcode', '-no-color'], stackDir);
  expect([plan.code, plan.stderr]).toEqual([0, '']);
  expect(plan.stdout).toContain('No changes.');

  const destroy = ok(await p.bin(cli, ['destroy', '--skip-provider-lock', '--auto-approve']), `${cli} destroy`);
  expect(destroy.stdout).toContain('Destroy complete! Resources: 1 destroyed.');
  expect(existsSync(join(p.dir, 'terraform.lab.tfstate'))).toBe(true);
}
