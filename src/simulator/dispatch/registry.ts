/**
 * Every message the simulator answers: the implicit ones generated from the class tables, then
 * the custom ones of the class modules (which override an implicit message of the same name),
 * plus `system.listMethods`.
 */
import { CLASSES } from '../schema/misc';
import { setOf, str } from '../model/types';
import { implicitMethods } from './implicit';
import { MethodSpec, method } from './method';
import { CUSTOM_METHODS } from '../classes';

export const METHODS = new Map<string, MethodSpec>();

for (const spec of CLASSES.values()) {
  if (spec.name === 'session') continue;
  for (const m of implicitMethods(spec)) METHODS.set(m.name, m);
}
for (const m of CUSTOM_METHODS) METHODS.set(m.name, m);
METHODS.set(
  'system.listMethods',
  method('system.listMethods', [], setOf(str), () => [...METHODS.keys()].sort(), { session: false, async: false }),
);
