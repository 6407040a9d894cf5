/**
 * Field tables of `task`, `message` and `secret` (xapi datamodel, API 2.23).
 */
import type { FieldTable, RecordOf } from './field-kinds';

/**
 * `task`: the handle of an `Async.*` call. `result` is the XML-RPC text of the return value
 * (`<value>OpaqueRef:…</value>`, `""` for void) even over JSON-RPC; `error_info` is
 * `[code, params…]` once `status` is `failure`.
 */
export const TASK_FIELDS = {
  uuid: 'string',
  name_label: 'string',
  name_description: 'string',
  status: 'enum:pending|success|failure|cancelling|cancelled',
  progress: 'float',
  created: 'datetime',
  finished: 'datetime',
  type: 'string',
  result: 'string',
  error_info: 'strings',
  resident_on: 'ref:host',
  subtask_of: 'ref:task',
  subtasks: 'refs:task',
  other_config: 'map',
  backtrace: 'string',
  allowed_operations: 'strings',
  current_operations: 'map',
} as const satisfies FieldTable;

/** A decoded `task` record. */
export type TaskRecord = RecordOf<typeof TASK_FIELDS>;

/** `message`: an alert raised by xapi; seen through `event.from` and `message.get_*`. */
export const MESSAGE_FIELDS = {
  uuid: 'string',
  name: 'string',
  priority: 'int',
  cls: 'string',
  obj_uuid: 'string',
  timestamp: 'datetime',
  body: 'string',
} as const satisfies FieldTable;

/** A decoded `message` record. */
export type MessageRecord = RecordOf<typeof MESSAGE_FIELDS>;

/** `secret`: a value readable by pool admins and operators only (xapi's roles). */
export const SECRET_FIELDS = {
  uuid: 'string',
  value: 'string',
  other_config: 'map',
} as const satisfies FieldTable;

/** A decoded `secret` record. */
export type SecretRecord = RecordOf<typeof SECRET_FIELDS>;
