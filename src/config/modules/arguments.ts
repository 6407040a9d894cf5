/**
 * A module call's arguments against the called module's variables: an argument the module
 * does not declare, and a variable without default that the call does not set, are errors
 * (Terraform's "Unsupported argument" and "Missing required argument").
 */
import { Diagnostic, error } from '../../diagnostics';
import { Config, ModuleCall } from '../model';

export function checkModuleArguments(call: ModuleCall, child: Config, key: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, attr] of Object.entries(call.inputs)) {
    if (child.variables.has(name)) continue;
    out.push(error('config.module-unsupported-argument', `module.${key}: Unsupported argument`, {
      detail: `An argument named "${name}" is not expected here: the module at "${call.source}" declares no variable "${name}".`,
      source: attr.source,
    }));
  }
  for (const v of child.variables.values()) {
    if (v.default !== undefined || name(v.name, call)) continue;
    out.push(error('config.module-missing-argument', `module.${key}: Missing required argument`, {
      detail: `The argument "${v.name}" is required, but no definition was found. The module's variable "${v.name}" has no default value.`,
      source: call.sourceRef,
    }));
  }
  return out;
}

const name = (n: string, call: ModuleCall): boolean => Object.prototype.hasOwnProperty.call(call.inputs, n);

/**
 * A module that configures its own provider (a "legacy module"), or that calls one, cannot be
 * called with count, for_each or depends_on: Terraform's "Module is incompatible with count,
 * for_each, and depends_on", naming the module that holds the provider block. Undefined when the
 * call is fine.
 */
export function checkLegacyModuleCall(call: ModuleCall, child: Config, key: string): Diagnostic | undefined {
  const at = call.count ?? call.forEach;
  if (!at && !call.dependsOn.length) return undefined;
  const legacy = legacyModule(child, key, call.source);
  if (!legacy) return undefined;
  const path = legacy.key.split('.').map((n) => `module.${n}`).join('.');
  return error('config.module-legacy-providers', 'Module is incompatible with count, for_each, and depends_on', {
    detail: `The module at ${path} is a legacy module which contains its own local provider configurations, and so calls to it may not use the count, for_each, or depends_on arguments.\n\nIf you also control the module "${legacy.source}", consider updating this module to instead expect provider configurations to be passed by its caller.`,
    source: at ? at.source : call.sourceRef,
  });
}

/** The first module (itself, then its calls by name, depth first) that declares a provider block. */
function legacyModule(config: Config, key: string, source: string): { key: string; source: string } | undefined {
  if (config.providers.size) return { key, source };
  for (const name of [...config.children.keys()].sort()) {
    const found = legacyModule(config.children.get(name)!, `${key}.${name}`, config.moduleCalls.get(name)?.source ?? '');
    if (found) return found;
  }
  return undefined;
}
