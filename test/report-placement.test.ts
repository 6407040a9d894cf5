/**
 * The placement view tells the truth about memory: `examples/basic` through the CLI (plan -out,
 * show -html) on the embedded simulator. New VMs appear on the hosts the planner pins them to,
 * with their memory taken from those hosts; a VM the plan stops frees its memory on its host.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoolCapacity } from '../src/plan/model';
import { ROOT, xcpform } from './helpers/cli';

const GIB = 1024 ** 3;

function capacityOf(planFile: string): PoolCapacity[] {
  return JSON.parse(readFileSync(planFile, 'utf8')).plan.capacity;
}

/** `before: 8.5 GiB used, …` → the used part of a bar's label, per bar label. */
function bars(html: string, pool: string): Record<string, string> {
  const section = html.slice(html.indexOf(`data-pool-section="${pool}"`));
  const head = section.slice(0, section.indexOf('<ul class="hosts">'));
  return Object.fromEntries([...head.matchAll(/aria-label="(before|after): ([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe('placement view of examples/basic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-placement-'));
  copyFileSync(join(ROOT, 'examples', 'basic', 'main.tf'), join(dir, 'main.tf'));

  test('the two VMs the plan creates are placed on hosts with room and their 10 GiB leave those hosts', () => {
    expect(xcpform(['plan', '-out', 'p.xcp'], { cwd: dir }).code).toBe(0);
    const [dc1] = capacityOf(join(dir, 'p.xcp'));
    expect(dc1.pool).toBe('dc1');
    // Their disks are on the SR the same plan creates, so the planner does not pin them (it
    // cannot know yet which hosts reach it); the report shows each where XAPI will start it,
    // as the capacity ledger counted it: none is left unplaced.
    expect(dc1.unplacedVms).toEqual([]);
    expect(dc1.hosts.flatMap((h) => h.vms).sort()).toEqual(['xcp_vm.db', 'xcp_vm.web']);
    const taken = dc1.hosts.reduce((sum, h) => sum + (h.freeBefore - h.freeAfter), 0);
    expect(taken).toBeGreaterThanOrEqual(10 * GIB);
    expect(taken).toBeLessThan(10.5 * GIB);

    const show = xcpform(['show', '-html', 'p.xcp', '-o', 'r.html'], { cwd: dir });
    expect(show.code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const pool = bars(html, 'dc1');
    const used = (s: string) => Number(/^([\d.]+) GiB used/.exec(s)![1]);
    expect(used(pool.after) - used(pool.before)).toBeCloseTo(taken / GIB, 1);
    for (const vm of ['xcp_vm.db', 'xcp_vm.web']) expect(html).toContain(`data-address="${vm}"`);
  });

  test('after apply, halting a VM frees its memory on the host it runs on', () => {
    expect(xcpform(['apply', '-auto-approve'], { cwd: dir }).code).toBe(0);
    const tf = readFileSync(join(dir, 'main.tf'), 'utf8').replace('name_label = "web"', 'name_label = "web"\n  power_state = "halted"');
    writeFileSync(join(dir, 'main.tf'), tf);
    expect(xcpform(['plan', '-out', 'halt.xcp'], { cwd: dir }).code).toBe(0);
    const [dc1] = capacityOf(join(dir, 'halt.xcp'));
    const freed = dc1.hosts.map((h) => h.freeAfter - h.freeBefore).filter((d) => d !== 0);
    expect(freed).toHaveLength(1);
    expect(freed[0]).toBeGreaterThanOrEqual(2 * GIB);
    expect(dc1.hosts.flatMap((h) => h.vms)).toEqual(['xcp_vm.db']);
    expect(dc1.unplacedVms).toEqual([]);
  });
});
