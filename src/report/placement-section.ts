/**
 * The placement view: pools → hosts → VMs, with each host's memory used and free before and
 * after the plan (from `plan.capacity`, which the planner fills when it places or moves VMs),
 * so a reviewer sees which VMs stay in the datacenter and which overflow into the cloud pool.
 * VMs without a host the plan knows are listed apart ("placed by XAPI at start"); their memory
 * is in the pool's "after" bar, not in any host's.
 */
import type { HostUsage, Plan, PoolCapacity, ResourceChange } from '../plan/model';
import { ACTION_SYMBOL } from '../plan/model';
import { formatBytes } from '../render/format';
import { ACTION_COLOURS } from '../render/plan-graph';
import { actionWords, rowId } from './graph-svg';
import { esc, groupDigits } from './html';
import { filterAction } from './report-graph';

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.min(100, Math.max(0, (part / whole) * 100)).toFixed(1)}%` : '0%';
}

/** One labelled bar: used memory out of total. */
function bar(label: string, used: number, total: number): string {
  const text = `${label}: ${formatBytes(used)} used, ${formatBytes(Math.max(0, total - used))} free of ${formatBytes(total)}`;
  return `<div class="mem"><span class="mem-label">${esc(label)}</span><span class="bar${total > 0 && used / total >= 0.9 ? ' full' : ''}" role="img" aria-label="${esc(text)}"><span class="fill" style="width:${percent(used, total)}"></span></span><span class="mem-text">${esc(formatBytes(used))} used · ${esc(formatBytes(Math.max(0, total - used)))} free</span></div>`;
}

/** The planned memory of a VM change, for the list of VMs XAPI places. */
function vmMemory(c: ResourceChange | undefined): string {
  const m = c?.after?.memory;
  return typeof m === 'number' ? ` <span class="total">${esc(formatBytes(m))}</span>` : '';
}

function vmItem(address: string, pool: string, byAddress: ReadonlyMap<string, ResourceChange>, showMemory = false): string {
  const c = byAddress.get(address);
  const action = c?.action ?? 'no-op';
  const fa = filterAction(action) ?? '';
  const colour = ACTION_COLOURS[action];
  const sym = ACTION_SYMBOL[action].trim();
  const label = c?.action === 'migrate' && c.migration ? ` <span class="from">from ${esc(c.migration.fromPool)}${c.migration.fromHost ? `/${esc(c.migration.fromHost)}` : ''}</span>` : '';
  return `<li class="vm action-${action}" data-address="${esc(address)}" data-filter-action="${fa}" data-pool="${esc(pool)}"><span class="chip" style="background:${colour.fill};border-color:${colour.stroke}" title="${esc(actionWords(action))}">${esc(sym || '·')}</span> <a href="#${esc(rowId(address))}"><code>${esc(address)}</code></a>${label}${showMemory ? vmMemory(c) : ''}</li>`;
}

function hostBlock(h: HostUsage, pool: string, byAddress: ReadonlyMap<string, ResourceChange>): string {
  const usedBefore = h.memoryTotal - h.freeBefore;
  const usedAfter = h.memoryTotal - h.freeAfter;
  const vms = [...h.vms].sort();
  return [
    `<li class="host" data-host="${esc(h.name)}"><h4>host ${esc(h.name)} <span class="total">${esc(formatBytes(h.memoryTotal))}</span></h4>`,
    bar('before', usedBefore, h.memoryTotal),
    bar('after', usedAfter, h.memoryTotal),
    vms.length ? `<ul class="vms" aria-label="VMs on host ${esc(h.name)} after the plan">${vms.map((v) => vmItem(v, pool, byAddress)).join('')}</ul>` : '<p class="none">No VM of this plan on this host.</p>',
    '</li>',
  ].join('\n');
}

function poolBlock(p: PoolCapacity, byAddress: ReadonlyMap<string, ResourceChange>): string {
  const total = p.hosts.reduce((s, h) => s + h.memoryTotal, 0);
  const before = p.hosts.reduce((s, h) => s + h.memoryTotal - h.freeBefore, 0);
  // VMs whose host XAPI picks at start take their memory from the pool, not from one host.
  const unplacedMemory = p.unplacedMemory ?? 0;
  const after = p.hosts.reduce((s, h) => s + h.memoryTotal - h.freeAfter, 0) + unplacedMemory;
  const hosts = [...p.hosts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const count = hosts.reduce((s, h) => s + h.vms.length, 0) + p.unplacedVms.length;
  const out = [
    `<section class="pool-capacity" data-pool-section="${esc(p.pool)}" aria-labelledby="pool-h-${esc(p.pool)}">`,
    `<h3 id="pool-h-${esc(p.pool)}">pool ${esc(p.pool)} <span class="total">${groupDigits(count)} VMs · ${hosts.length} hosts · ${esc(formatBytes(total))}</span></h3>`,
    bar('before', before, total),
    bar('after', after, total),
    `<ul class="hosts">${hosts.map((h) => hostBlock(h, p.pool, byAddress)).join('\n')}</ul>`,
  ];
  if (p.unplacedVms.length) {
    const taken = unplacedMemory > 0 ? ` <span class="total">${esc(formatBytes(unplacedMemory))} taken from the pool</span>` : '';
    out.push(`<div class="unplaced" data-memory="${unplacedMemory}"><h4>Placed by XAPI at start: host chosen when the VM starts${taken}</h4><ul class="vms" aria-label="VMs in pool ${esc(p.pool)} without a fixed host">${[...p.unplacedVms].sort().map((v) => vmItem(v, p.pool, byAddress, true)).join('')}</ul></div>`);
  }
  out.push('</section>');
  return out.join('\n');
}

/** The section; says so when the plan carries no capacity data. */
export function placementSection(plan: Plan): string {
  const head = '<section class="placement" aria-labelledby="placement-h"><h2 id="placement-h">Placement: pools, hosts and VMs after the plan</h2>';
  if (!plan.capacity?.length) return `${head}<p class="none">This plan places and moves no VM, so it carries no capacity data.</p></section>`;
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  const pools = [...plan.capacity].sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0));
  return `${head}\n<div class="pools">${pools.map((p) => poolBlock(p, byAddress)).join('\n')}</div></section>`;
}
