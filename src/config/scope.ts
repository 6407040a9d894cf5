/**
 * Name resolution for configuration expressions: `var.*` from the resolved inputs, `local.*`
 * evaluated on demand (memoized for one evaluation pass, cycles reported), resources and data
 * sources from the planner's {@link ResourceScope}, `path.*` and `terraform.workspace`.
 */
import { relative, resolve, sep } from 'node:path';
import { MarkedValue } from '../values/sensitive';
import { UNKNOWN } from '../values/value';
import { Step } from './expr/ast';
import { evaluate, ExprScope } from './expr/evaluate';
import { EvalError } from './expr/value-ops';
import { Config, ModuleInstance } from './model';
import { moduleVariable, moduleCallValue } from './modules/values';

/**
 * Values of resources and data sources, by block address (`xcp_vm.web`, `data.xcp_sr.s`): an
 * object for a single instance, a list for `count`, a map for `for_each` (see
 * {@link expansionValue}). Values may hold `Unknown` and `Sensitive`. `undefined` means "not
 * planned yet" and reads as unknown.
 */
export type ResourceScope = (blockAddress: string) => MarkedValue | undefined;

export class ConfigScope implements ExprScope {
  private readonly localValues = new Map<string, MarkedValue>();
  private readonly evaluating = new Set<string>();
  readonly baseDir: string;
  private readonly prefix: string;
  private readonly moduleValues = new Map<string, MarkedValue>();
  private readonly evaluatingModule = new Set<string>();
  private parentScope?: ConfigScope;

  /**
   * @param module the module instance whose expressions this scope evaluates (absent: the
   * root module); `config` is then that module's own configuration, and the resources its
   * blocks name are looked up under the instance's path (`module.app["a"].xcp_vm.web`).
   */
  constructor(private readonly config: Config, private readonly resources: ResourceScope, readonly module?: ModuleInstance) {
    this.baseDir = config.cwd;
    this.prefix = module ? `${module.path}.` : '';
  }

  /** The scope of the module that calls this one (its input expressions are evaluated there). */
  parent(): ConfigScope | undefined {
    const m = this.module;
    if (!m) return undefined;
    this.parentScope ??= new ConfigScope(m.parent?.config ?? m.rootConfig, this.resources, m.parent);
    return this.parentScope;
  }

  /** A scope for another module instance with the same resource values. */
  forModule(m: ModuleInstance): ConfigScope {
    return new ConfigScope(m.config, this.resources, m);
  }

  lookup(root: string, steps: readonly Step[]): { value: MarkedValue; consumed: number } {
    const name = (i: number): string | undefined => (steps[i]?.kind === 'attr' ? (steps[i] as { name: string }).name : undefined);
    switch (root) {
      case 'var': {
        const n = name(0);
        if (n === undefined || (this.module ? !this.config.variables.has(n) : !this.config.variableValues.has(n))) {
          throw new EvalError('Reference to undeclared input variable', `An input variable with the name "${n ?? ''}" has not been declared.`);
        }
        if (this.module) return { value: this.memo(`var.${n}`, () => moduleVariable(this, this.module!, n)), consumed: 1 };
        return { value: this.config.variableValues.get(n)!, consumed: 1 };
      }
      case 'local': {
        const n = name(0);
        if (n === undefined || !this.config.locals.has(n)) throw new EvalError('Reference to undeclared local value', `A local value with the name "${n ?? ''}" has not been declared.`);
        return { value: this.local(n), consumed: 1 };
      }
      case 'count':
        throw new EvalError('Reference to "count" in non-counted context', 'The "count" object can only be used in "resource" and "data" blocks, and only when the "count" argument is set.');
      case 'each':
        throw new EvalError('Reference to "each" in context without for_each', 'The "each" object can be used only in "resource" and "data" blocks, and only when the "for_each" argument is set.');
      case 'self':
        throw new EvalError('Invalid "self" reference', 'The "self" object can be used only in resource provisioner, connection, and postcondition blocks (xcpform runs no provisioners).');
      case 'path': {
        const n = name(0);
        if (n === 'module') return { value: this.config.modulePath, consumed: 1 };
        if (n === 'root') return { value: (this.module?.rootConfig ?? this.config).modulePath, consumed: 1 };
        if (n === 'cwd') return { value: this.config.cwd, consumed: 1 };
        throw new EvalError('Invalid "path" attribute', `The "path" object has no attribute "${n ?? ''}"; use path.module, path.root or path.cwd.`);
      }
      case 'terraform':
        if (name(0) === 'workspace') return { value: 'default', consumed: 1 };
        throw new EvalError('Invalid "terraform" attribute', 'The only attribute of the "terraform" object is "workspace".');
      case 'module': {
        const n = name(0);
        const call = n === undefined ? undefined : this.config.moduleCalls.get(n);
        if (!call) throw new EvalError('Reference to undeclared module', `No module call named "${n ?? ''}" is declared in ${this.module ? this.module.path : 'the root module'}.`);
        const instances = (this.module ? this.module.children : this.config.modules?.roots ?? []).filter((m) => m.call === call);
        return { value: this.memo(`module.${n}`, () => moduleCallValue(this, call, instances)), consumed: 1 };
      }
      case 'data': {
        const type = name(0);
        const n = name(1);
        const address = `data.${type}.${n}`;
        if (!type || !n || !this.config.resources.has(address)) throw new EvalError('Reference to undeclared resource', `A data source "${type ?? ''}" "${n ?? ''}" has not been declared.`);
        return { value: this.resources(this.prefix + address) ?? UNKNOWN, consumed: 2 };
      }
      default: {
        const n = name(0);
        if (n === undefined) throw new EvalError('Invalid reference', `A reference to a resource type must be followed by at least one attribute access, specifying the resource name ("${root}" alone is not a value).`);
        const address = `${root}.${n}`;
        if (!this.config.resources.has(address)) throw new EvalError('Reference to undeclared resource', `A managed resource "${root}" "${n}" has not been declared.`);
        return { value: this.resources(this.prefix + address) ?? UNKNOWN, consumed: 1 };
      }
    }
  }

  private memo(key: string, compute: () => MarkedValue): MarkedValue {
    if (this.moduleValues.has(key)) return this.moduleValues.get(key)!;
    if (this.evaluatingModule.has(key)) throw new EvalError('Cycle in module values', `${key} refers to itself through ${[...this.evaluatingModule].join(' -> ')}.`);
    this.evaluatingModule.add(key);
    try {
      const v = compute();
      this.moduleValues.set(key, v);
      return v;
    } finally {
      this.evaluatingModule.delete(key);
    }
  }

  /** The value of a local, evaluated once per scope. */
  local(name: string): MarkedValue {
    const cached = this.localValues.get(name);
    if (cached !== undefined) return cached;
    if (this.evaluating.has(name)) {
      throw new EvalError('Cycle in local values', `local.${name} refers to itself through ${[...this.evaluating].map((n) => `local.${n}`).join(' -> ')}.`);
    }
    const local = this.config.locals.get(name)!;
    this.evaluating.add(name);
    try {
      const r = evaluate(local.value.expr, this);
      if (r.error) {
        const at = local.value.source;
        throw new EvalError(r.error.summary, `${r.error.detail ?? ''} (in local.${name}, ${at.filename}${at.line ? ` line ${at.line}` : ''}${r.error.text ? `: ${r.error.text}` : ''})`.trim());
      }
      this.localValues.set(name, r.value);
      return r.value;
    } finally {
      this.evaluating.delete(name);
    }
  }
}
