/**
 * The published package: only what users run (compiled code, launchers, proto files, schema,
 * docs), small, and working from the tarball — `npx xcpform` in a project that installed it, and
 * both executables from `npm install -g`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';
import { installPacked, installPackedGlobally, packTarball } from '../helpers/packed';

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

jest.setTimeout(600_000);

describe('npm package', () => {
  test('the tarball holds the runtime only: no sources, tests or source maps, under 1.5 MB', () => {
    const { files, size } = packTarball();
    const paths = files.map((f) => f.path);
    const strays = paths.filter((p) => (p.startsWith('src/') && !/^src\/tfplugin\/proto\/[a-z0-9]+\.proto$/.test(p)) || p.startsWith('test/') || p.startsWith('dist/test/') || p.startsWith('examples/') || p.endsWith('.map') || p.endsWith('.test.js'));
    expect(strays).toEqual([]);
    for (const needed of ['bin/xcpform.js', 'bin/terraform-provider-xcp.js', 'dist/package.json', 'dist/src/cli/main.js', 'dist/src/tfplugin/main.js', 'dist/cdktf/index.js', 'dist/cdktf/index.d.ts', 'src/tfplugin/proto/tfplugin6.proto', 'provider-schema/xcp.json', 'docs/index.md', 'README.md']) {
      expect(paths).toContain(needed);
    }
    expect(size).toBeLessThan(1_500_000);
  });

  test('installed from the tarball, `npx xcpform` plans a configuration against the embedded simulator', () => {
    const dir = installPacked();
    const stack = join(dir, 'stack');
    mkdirSync(stack);
    copyFileSync(join(ROOT, 'examples', 'basic', 'main.tf'), join(stack, 'main.tf'));
    const plan = spawnSync('npx', ['--no-install', 'xcpform', 'plan', '-no-color'], { cwd: stack, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
    expect(plan.status).toBe(0);
    const version = spawnSync('npx', ['--no-install', 'xcpform', '--version'], { cwd: dir, encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe(VERSION);
    const help = spawnSync('npx', ['--no-install', 'terraform-provider-xcp', '--version'], { cwd: dir, encoding: 'utf8' });
    expect(help.stderr).toContain(`terraform-provider-xcp ${VERSION} (plugin protocol 6)`);
    // The bindings entry point resolves from the installed package.
    const cdktf = spawnSync(process.execPath, ['-e', 'const b = require("xcpform/cdktf"); process.stdout.write(typeof b.provider.XcpProvider)'], { cwd: dir, encoding: 'utf8' });
    expect(cdktf.stdout).toBe('function');
    rmSync(dir, { recursive: true, force: true });
  });

  test('`npm install -g` gives both executables', () => {
    const prefix = installPackedGlobally();
    for (const exe of ['xcpform', 'terraform-provider-xcp']) expect(existsSync(join(prefix, 'bin', exe))).toBe(true);
    const cli = spawnSync(join(prefix, 'bin', 'xcpform'), ['--version'], { encoding: 'utf8' });
    expect(cli.stdout.trim()).toBe(VERSION);
    const provider = spawnSync(join(prefix, 'bin', 'terraform-provider-xcp'), ['--version'], { encoding: 'utf8' });
    expect(provider.stderr).toContain(`terraform-provider-xcp ${VERSION}`);
    rmSync(prefix, { recursive: true, force: true });
  });
});
