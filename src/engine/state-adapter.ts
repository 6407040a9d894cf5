/**
 * The state model seen through the planner's and executor's ports: prior resources for
 * planning, and a `StateSink` that records each completed change and persists it at once.
 */
import type { ResourceChange } from '../plan/model';
import type { AttrPath } from '../plan/paths';
import type { PriorResource } from '../plan/ports';
import type { StateSink } from '../executor/ports';
import { formatAddress, parseAddress, removeInstance, setInstance, type PathStep, type State } from '../state/model';
import { providerAddressOfKey, providerKeyOfAddress } from '../state/provider-config';
import type { StateManager } from '../state/manager';
import type { ObjectValue } from '../values/value';
import { resourceSchema } from '../provider/schemas';
import { withDefaults } from '../schema/defaults';

/** `xcp` / `xcp.cloud` / `module.own.xcp` from a state provider address `provider["…/xcp"].cloud`, `module.own.provider["…/xcp"]`. */
export function providerConfigOf(provider: string): string {
  return providerKeyOfAddress(provider);
}

/**
 * The current instances of every module, as the planner sees them (full addresses). A managed instance's
 * attributes are read with the schema defaults filled in where the state holds null (a state
 * written by an older terraform-provider-xcp, which stored an unset attribute as null): null
 * and the default mean the same, so such a state neither plans updates nor reports drift.
 */
export function priorResources(state: State): PriorResource[] {
  const out: PriorResource[] = [];
  for (const r of state.resources) {
    for (const i of r.instances) {
      if (i.deposed !== undefined) continue;
      out.push({
        address: formatAddress({ module: r.module, mode: r.mode, type: r.type, name: r.name, key: i.indexKey }),
        mode: r.mode,
        type: r.type,
        name: r.name,
        ...(i.indexKey !== undefined ? { index: i.indexKey } : {}),
        providerConfig: providerConfigOf(r.provider),
        attributes: engineView(r.mode, r.type, i.attributes as ObjectValue),
        dependencies: i.dependencies,
        ...(i.status === 'tainted' ? { tainted: true } : {}),
      });
    }
  }
  return out;
}

function engineView(mode: string, type: string, attributes: ObjectValue): ObjectValue {
  const schema = mode === 'managed' ? resourceSchema(type) : undefined;
  return schema ? withDefaults(schema.block, attributes) : attributes;
}

export function toPathSteps(path: AttrPath): PathStep[] {
  return path.map((seg) => (typeof seg === 'number'
    ? { type: 'index' as const, value: { value: seg, type: 'number' as const } }
    : { type: 'get_attr' as const, value: seg }));
}

/**
 * The executor's StateSink over the state manager: every completed change is applied to the
 * in-memory state and persisted (atomically, group-committed) before its promise resolves.
 */
export class LiveState implements StateSink {
  constructor(private readonly manager: StateManager) {}

  get snapshot(): State {
    return this.manager.state;
  }

  current(): ReadonlyMap<string, ObjectValue> {
    const out = new Map<string, ObjectValue>();
    for (const r of this.manager.state.resources) {
      for (const i of r.instances) if (i.deposed === undefined) out.set(formatAddress({ module: r.module, mode: r.mode, type: r.type, name: r.name, key: i.indexKey }), i.attributes as ObjectValue);
    }
    return out;
  }

  put(change: ResourceChange, attributes: ObjectValue, opts: { readonly tainted?: boolean } = {}): Promise<void> {
    const addr = parseAddress(change.address)!;
    return this.manager.apply((s) => setInstance(s, addr, {
      ...(opts.tainted ? { status: 'tainted' as const } : {}),
      schemaVersion: change.schemaVersion,
      attributes,
      sensitiveAttributes: change.afterSensitive.map(toPathSteps),
      // Data resources are read again by every plan: Terraform records no dependencies for them.
      dependencies: change.mode === 'data' ? [] : [...change.dependsOn].sort(),
    }, providerAddressOfKey(change.providerConfig)));
  }

  remove(change: ResourceChange): Promise<void> {
    return this.manager.apply((s) => removeInstance(s, parseAddress(change.address)!));
  }
}
