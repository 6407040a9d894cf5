/**
 * The state and the configuration as an apply step sees them, kept up to date change by change
 * instead of rebuilt for every step. Every step resolves its configuration again (values unknown
 * at plan time); evaluating its block from a scope over the whole state made each step cost
 * O(N) — a block of 1,000 VMs evaluated 1,000 times, 10⁶ instance evaluations per apply. Here a
 * block is evaluated again only when a block it read from changed since.
 */
import type { ConfigPort, InstanceConfig, Scope } from '../plan/ports';
import type { Diagnostic } from '../diagnostics';
import type { ObjectValue, Value } from '../values/value';
import { blockOf } from './graph';
import { stateScope } from './resolve';
import { isNetworkAddress, isPoolLinkAddress } from '../plan/capabilities';

const routes = (address: string): boolean => isNetworkAddress(address) || isPoolLinkAddress(address);

type Evaluation = { instances: InstanceConfig[]; diagnostics: Diagnostic[] };

/** Instances of the state by address, with each block's version bumped when one of them changes. */
export class ApplyView {
  private readonly instances: Map<string, ObjectValue>;
  /** The networks and pool links among them: what routing a VM's NICs reads (resolve.ts). */
  private readonly routing = new Map<string, ObjectValue>();
  private readonly byBlock = new Map<string, Map<string, ObjectValue>>();
  private readonly versions = new Map<string, number>();
  /** Each block's scope value, as of its version. */
  private readonly values = new Map<string, { version: number; value: Value | undefined }>();
  /** Each block's evaluation, with the versions of the blocks it read. */
  private readonly evaluations = new Map<string, { reads: Map<string, number>; result: Evaluation }>();
  /** Blocks whose emptiness is being decided (a guard, as in stateScope). */
  private readonly evaluating = new Set<string>();

  constructor(initial: ReadonlyMap<string, ObjectValue>, private readonly config?: ConfigPort) {
    this.instances = new Map(initial);
    for (const [address, attrs] of initial) {
      this.blockMap(blockOf(address)).set(address, attrs);
      if (routes(address)) this.routing.set(address, attrs);
    }
  }

  /**
   * The instances routing reads (networks, pool links), kept apart so that resolving a VM's
   * NICs reads those instead of scanning every instance of the state for each VM.
   */
  routingInstances(): ReadonlyMap<string, ObjectValue> {
    return this.routing;
  }

  /** Every instance now: what `StateSink.current()` would return, without rebuilding it. */
  current(): ReadonlyMap<string, ObjectValue> {
    return this.instances;
  }

  /** Records that the state now holds `attrs` at `address` (undefined: removed). */
  changed(address: string, attrs: ObjectValue | undefined): void {
    const block = blockOf(address);
    if (attrs === undefined) {
      this.instances.delete(address);
      this.blockMap(block).delete(address);
      this.routing.delete(address);
    } else {
      this.instances.set(address, attrs);
      this.blockMap(block).set(address, attrs);
      if (routes(address)) this.routing.set(address, attrs);
    }
    this.versions.set(block, (this.versions.get(block) ?? 0) + 1);
  }

  /**
   * `config.evaluateBlock(block, scope over the state)`, again only when a block the last
   * evaluation read has changed since.
   */
  evaluate(block: string): Evaluation {
    const config = this.config!;
    const cached = this.evaluations.get(block);
    if (cached && [...cached.reads].every(([b, v]) => (this.versions.get(b) ?? 0) === v)) return cached.result;
    const reads = new Map<string, number>();
    const scope: Scope = (b) => {
      reads.set(b, this.versions.get(b) ?? 0);
      return this.value(b);
    };
    const result = config.evaluateBlock(block, scope);
    this.evaluations.set(block, { reads, result });
    return result;
  }

  private value(block: string): Value | undefined {
    const items = this.byBlock.get(block);
    if (!items?.size) {
      // As stateScope: a block the configuration expands to no instance reads as an empty list.
      if (!this.config?.blocks.some((b) => b.address === block) || this.evaluating.has(block)) return undefined;
      this.evaluating.add(block);
      try {
        return this.evaluate(block).instances.length === 0 ? [] : undefined;
      } finally {
        this.evaluating.delete(block);
      }
    }
    const version = this.versions.get(block) ?? 0;
    const have = this.values.get(block);
    if (have && have.version === version) return have.value;
    // The state scope's rules (count as a list, for_each as a map) over this block alone.
    const value = stateScope(items)(block);
    this.values.set(block, { version, value });
    return value;
  }

  private blockMap(block: string): Map<string, ObjectValue> {
    let m = this.byBlock.get(block);
    if (!m) { m = new Map(); this.byBlock.set(block, m); }
    return m;
  }
}
