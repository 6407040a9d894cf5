/** The `timeouts` block of the resources whose operations can run long. */
import { t } from '../../schema/cty-type';
import { blockType, opt } from '../../schema/dsl';
import type { BlockTypeSchema } from '../../schema/model';
import { v } from '../../schema/validators';
import { DURATION_PATTERN } from './duration';

/** The operations a timeout can bound. */
export type TimedOperation = 'create' | 'update' | 'delete';

const WORDS: Readonly<Record<TimedOperation, string>> = {
  create: 'the create (with the copies, imports and waits it makes)',
  update: 'an update or migration',
  delete: 'the destroy',
};

/** `timeouts { create = "30m" ... }` for the given operations. */
export function timeoutsBlock(ops: readonly TimedOperation[] = ['create', 'update', 'delete']): BlockTypeSchema {
  return blockType('single', 'How long each operation may take before it is stopped, in Terraform\'s duration syntax (`"30s"`, `"10m"`, `"1h30m"`). '
    + 'An operation over its timeout fails with a diagnostic naming the resource and the timeout, and the XenAPI task running then is cancelled. '
    + 'Left out, an operation takes as long as it needs. Changing a timeout changes only the state.', Object.fromEntries(ops.map((op) => [op,
    opt(t.string, 'in-place', `Longest time ${WORDS[op]} may take.`, { validators: [v.pattern(DURATION_PATTERN, 'must be a duration such as "30s", "10m" or "1h30m"')] }),
  ])), { max: 1 });
}
