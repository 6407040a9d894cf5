/**
 * One-to-many links xapi keeps in both directions: setting `VBD.VM` adds the VBD to `VM.VBDs`.
 * The database applies these on every create / update / destroy, so class modules only ever
 * write the child's field.
 */
export interface Relation {
  readonly child: string;
  readonly field: string;
  readonly parent: string;
  readonly parentField: string;
  /** The parent field is a single ref rather than a set (VLAN.untagged_PIF → PIF.VLAN_master_of). */
  readonly single?: boolean;
}

export const RELATIONS: readonly Relation[] = [
  { child: 'VBD', field: 'VM', parent: 'VM', parentField: 'VBDs' },
  { child: 'VBD', field: 'VDI', parent: 'VDI', parentField: 'VBDs' },
  { child: 'VIF', field: 'VM', parent: 'VM', parentField: 'VIFs' },
  { child: 'VIF', field: 'network', parent: 'network', parentField: 'VIFs' },
  { child: 'PIF', field: 'network', parent: 'network', parentField: 'PIFs' },
  { child: 'PIF', field: 'host', parent: 'host', parentField: 'PIFs' },
  { child: 'PBD', field: 'host', parent: 'host', parentField: 'PBDs' },
  { child: 'PBD', field: 'SR', parent: 'SR', parentField: 'PBDs' },
  { child: 'VDI', field: 'SR', parent: 'SR', parentField: 'VDIs' },
  { child: 'VDI', field: 'snapshot_of', parent: 'VDI', parentField: 'snapshots' },
  { child: 'VM', field: 'resident_on', parent: 'host', parentField: 'resident_VMs' },
  { child: 'VTPM', field: 'VM', parent: 'VM', parentField: 'VTPMs' },
  { child: 'VM', field: 'appliance', parent: 'VM_appliance', parentField: 'VMs' },
  { child: 'VM', field: 'snapshot_of', parent: 'VM', parentField: 'snapshots' },
  { child: 'VM', field: 'parent', parent: 'VM', parentField: 'children' },
  { child: 'host_cpu', field: 'host', parent: 'host', parentField: 'host_CPUs' },
  { child: 'task', field: 'subtask_of', parent: 'task', parentField: 'subtasks' },
  { child: 'PIF', field: 'bond_slave_of', parent: 'Bond', parentField: 'slaves' },
  { child: 'Bond', field: 'master', parent: 'PIF', parentField: 'bond_master_of' },
  { child: 'VLAN', field: 'tagged_PIF', parent: 'PIF', parentField: 'VLAN_slave_of' },
  { child: 'VLAN', field: 'untagged_PIF', parent: 'PIF', parentField: 'VLAN_master_of', single: true },
  { child: 'tunnel', field: 'access_PIF', parent: 'PIF', parentField: 'tunnel_access_PIF_of' },
  { child: 'tunnel', field: 'transport_PIF', parent: 'PIF', parentField: 'tunnel_transport_PIF_of' },
];

export const RELATIONS_BY_CHILD: ReadonlyMap<string, readonly Relation[]> = (() => {
  const m = new Map<string, Relation[]>();
  for (const r of RELATIONS) m.set(r.child, [...(m.get(r.child) ?? []), r]);
  return m;
})();
