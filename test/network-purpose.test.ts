/**
 * xcp_network purposes as XAPI takes them: nbd and insecure_nbd together are a plan error (so an
 * apply never stops after network.create with a network missing part of its settings), and
 * switching one for the other applies (the old purpose goes before the new one comes).
 * Against the embedded simulator, with the xcpform CLI.
 */
import { xcpform } from './helpers/cli';
import { configFolders, planErrors, DC1 } from './helpers/config-folder';

const { workdir, write, lineOf, applyAndSettle } = configFolders(DC1, 'xcpform-net-purpose-');
const net = (purpose: string[]): string => `resource "xcp_network" "storage" {\n  name_label = "storage"\n  purpose    = ${JSON.stringify(purpose)}\n}\n`;

test('nbd and insecure_nbd together: a plan error on purpose, and apply creates no network', async () => {
  const dir = workdir(net(['nbd', 'insecure_nbd']));
  const errors = await planErrors(dir);
  expect(errors.map((d) => ({ code: d.code, path: d.path, line: d.source?.line }))).toEqual([
    { code: 'xcp_network.incompatible-purposes', path: ['purpose'], line: lineOf(dir, 'resource "xcp_network" "storage"') },
  ]);
  const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
  expect(apply.code).toBe(1);
  expect(apply.stderr).toContain('purpose cannot hold both "nbd" and "insecure_nbd"');
  expect(apply.stdout).not.toContain('Creating');
  // Nothing was made: with one purpose the network is created fresh, not adopted.
  write(dir, net(['nbd']));
  const fixed = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
  expect(fixed.code).toBe(0);
  expect(fixed.stdout).not.toContain('adopting');
}, 120_000);

test('purpose nbd → insecure_nbd applies and settles', () => {
  const dir = workdir(net(['nbd']));
  applyAndSettle(dir);
  write(dir, net(['insecure_nbd']));
  applyAndSettle(dir);
  write(dir, net([]));
  applyAndSettle(dir);
}, 180_000);
