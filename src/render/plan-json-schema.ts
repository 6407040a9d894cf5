/**
 * JSON Schema (draft-07) of the plan JSON, written from the documented format (Terraform's
 * "JSON Output Format", `internal/command/jsonplan`, as summarised in tfplugin.md 5(a)) rather
 * than from xcpform's output, so a test can hold the renderer to the format. Unknown keys are
 * allowed at every level, as Terraform adds keys between releases and consumers must ignore them.
 */

const pathStep = { type: ['string', 'integer'] } as const;
const attrPath = { type: 'array', items: pathStep } as const;
const index = { type: ['string', 'integer'] } as const;
const addr = { type: 'string', minLength: 1 } as const;
const mode = { enum: ['managed', 'data'] } as const;

/** Every `actions` list Terraform writes. */
export const PLAN_ACTION_LISTS: readonly (readonly string[])[] = [
  ['no-op'], ['create'], ['read'], ['update'], ['delete', 'create'], ['create', 'delete'], ['delete'], ['forget'], ['create', 'forget'],
];

/** Every `action_reason` Terraform writes. */
export const PLAN_ACTION_REASONS: readonly string[] = [
  'replace_because_cannot_update', 'replace_because_tainted', 'replace_by_request', 'replace_by_triggers',
  'delete_because_no_resource_config', 'delete_because_wrong_repetition', 'delete_because_count_index',
  'delete_because_each_key', 'delete_because_no_module', 'delete_because_no_move_target',
  'read_because_config_unknown', 'read_because_dependency_pending', 'read_because_check_nested',
];

const change = {
  type: 'object',
  required: ['actions', 'before', 'after', 'after_unknown', 'before_sensitive', 'after_sensitive'],
  properties: {
    actions: { enum: PLAN_ACTION_LISTS },
    before: {},
    after: {},
    after_unknown: { type: ['boolean', 'object', 'array'] },
    before_sensitive: { type: ['boolean', 'object', 'array'] },
    after_sensitive: { type: ['boolean', 'object', 'array'] },
    replace_paths: { type: 'array', items: attrPath },
    importing: { type: 'object' },
    generated_config: { type: 'string' },
  },
} as const;

/** The JSON Schema object; compile it with ajv. */
export const PLAN_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://xcpform.dev/schemas/plan-json-1.2.json',
  title: 'Plan JSON (terraform show -json), format 1.2, with xcpform extensions',
  type: 'object',
  required: ['format_version', 'terraform_version', 'planned_values', 'timestamp', 'applyable', 'complete', 'errored'],
  properties: {
    format_version: { const: '1.2' },
    terraform_version: { type: 'string', minLength: 1 },
    variables: { type: 'object', additionalProperties: { type: 'object', required: ['value'], properties: { value: {} } } },
    planned_values: { $ref: '#/definitions/stateValues' },
    resource_drift: { type: 'array', items: { $ref: '#/definitions/resourceChange' } },
    resource_changes: { type: 'array', items: { $ref: '#/definitions/resourceChange' } },
    deferred_changes: {
      type: 'array',
      items: { type: 'object', required: ['reason', 'resource_change'], properties: { reason: { type: 'string' }, resource_change: { $ref: '#/definitions/resourceChange' } } },
    },
    output_changes: { type: 'object', additionalProperties: change },
    prior_state: {
      type: 'object',
      required: ['format_version'],
      properties: { format_version: { const: '1.0' }, terraform_version: { type: 'string' }, values: { $ref: '#/definitions/stateValues' } },
    },
    configuration: {
      type: 'object',
      properties: {
        provider_config: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, full_name: { type: 'string' }, alias: { type: 'string' }, version_constraint: { type: 'string' }, module_address: { type: 'string' }, expressions: { type: 'object' } },
          },
        },
        root_module: { $ref: '#/definitions/configModule' },
      },
    },
    relevant_attributes: {
      type: 'array',
      items: { type: 'object', required: ['resource', 'attribute'], properties: { resource: addr, attribute: attrPath } },
    },
    checks: { type: 'array' },
    timestamp: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' },
    applyable: { type: 'boolean' },
    complete: { type: 'boolean' },
    errored: { type: 'boolean' },
    xcpform: { $ref: '#/definitions/xcpform' },
  },
  definitions: {
    resourceChange: {
      type: 'object',
      required: ['address', 'mode', 'type', 'name', 'provider_name', 'change'],
      properties: {
        address: addr,
        previous_address: addr,
        module_address: addr,
        mode,
        type: { type: 'string' },
        name: { type: 'string' },
        index,
        deposed: { type: 'string', pattern: '^[0-9a-f]{8}$' },
        provider_name: { type: 'string', pattern: '^[^/]+/[^/]+/[^/]+$' },
        change,
        action_reason: { enum: PLAN_ACTION_REASONS },
      },
    },
    stateValues: {
      type: 'object',
      properties: {
        outputs: {
          type: 'object',
          additionalProperties: { type: 'object', required: ['sensitive'], properties: { sensitive: { type: 'boolean' }, type: {}, value: {} } },
        },
        root_module: { $ref: '#/definitions/stateModule' },
      },
    },
    stateModule: {
      type: 'object',
      properties: {
        address: addr,
        resources: { type: 'array', items: { $ref: '#/definitions/stateResource' } },
        child_modules: { type: 'array', items: { $ref: '#/definitions/stateModule' } },
      },
    },
    stateResource: {
      type: 'object',
      required: ['address', 'mode', 'type', 'name', 'provider_name', 'schema_version', 'values', 'sensitive_values'],
      properties: {
        address: addr,
        mode,
        type: { type: 'string' },
        name: { type: 'string' },
        index,
        provider_name: { type: 'string' },
        schema_version: { type: 'integer', minimum: 0 },
        values: { type: 'object' },
        sensitive_values: { type: 'object' },
        depends_on: { type: 'array', items: { type: 'string' } },
        tainted: { type: 'boolean' },
        deposed_key: { type: 'string' },
      },
    },
    configModule: {
      type: 'object',
      properties: {
        resources: {
          type: 'array',
          items: {
            type: 'object',
            required: ['address', 'mode', 'type', 'name'],
            properties: { address: addr, mode, type: { type: 'string' }, name: { type: 'string' }, provider_config_key: { type: 'string' }, schema_version: { type: 'integer' }, expressions: { type: 'object' } },
          },
        },
        outputs: { type: 'object', additionalProperties: { type: 'object', properties: { sensitive: { type: 'boolean' } } } },
        module_calls: { type: 'object' },
        variables: { type: 'object' },
      },
    },
    xcpform: {
      type: 'object',
      required: ['format_version', 'mode', 'prior_state', 'summary', 'bytes_to_move', 'resources'],
      properties: {
        format_version: { const: '1.0' },
        mode: { enum: ['normal', 'destroy', 'refresh-only'] },
        prior_state: { type: 'object', required: ['lineage', 'serial'], properties: { lineage: { type: 'string' }, serial: { type: 'integer', minimum: 0 } } },
        summary: {
          type: 'object',
          required: ['add', 'change', 'destroy', 'migrate'],
          properties: { add: { type: 'integer' }, change: { type: 'integer' }, destroy: { type: 'integer' }, migrate: { type: 'integer' } },
        },
        bytes_to_move: { type: 'integer', minimum: 0 },
        cost: { type: 'object', required: ['currency', 'before', 'after', 'delta'], properties: { currency: { type: 'string' }, before: { type: 'number' }, after: { type: 'number' }, delta: { type: 'number' } } },
        targets: { type: 'array', items: { type: 'string' } },
        resources: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['action'],
            properties: {
              action: { enum: ['create', 'update', 'migrate', 'replace', 'replace-cbd', 'delete', 'read', 'no-op'] },
              migration: {
                type: 'object',
                required: ['from_pool', 'to_pool', 'bytes'],
                properties: { from_pool: { type: 'string' }, to_pool: { type: 'string' }, from_host: { type: 'string' }, to_host: { type: 'string' }, bytes: { type: 'integer', minimum: 0 }, via: { type: 'string' } },
              },
              migrate_paths: { type: 'array', items: attrPath },
              halt_paths: { type: 'array', items: attrPath },
              notes: { type: 'array', items: { type: 'string' } },
              cost: { type: 'object', required: ['before', 'after'], properties: { before: { type: 'number' }, after: { type: 'number' } } },
              depends_on: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        diagnostics: { type: 'array', items: { type: 'object', required: ['severity', 'summary'], properties: { severity: { enum: ['error', 'warning'] }, summary: { type: 'string' } } } },
        rehearsal: {
          type: 'object',
          required: ['ok', 'changes', 'failures', 'skipped', 'pools', 'estimated_seconds', 'estimate_method', 'parallelism', 'limits'],
          properties: {
            ok: { type: 'boolean' },
            changes: { type: 'integer', minimum: 0 },
            failures: {
              type: 'array',
              items: {
                type: 'object',
                required: ['address', 'verb', 'message'],
                properties: {
                  address: { type: 'string' }, verb: { type: 'string' }, message: { type: 'string' },
                  xapi_error: { type: 'object', required: ['code', 'params'], properties: { code: { type: 'string' }, params: { type: 'array', items: { type: 'string' } }, method: { type: 'string' } } },
                },
              },
            },
            skipped: { type: 'array', items: { type: 'string' } },
            pools: { type: 'array', items: { type: 'object', required: ['pool', 'calls', 'round_trip_ms'], properties: { pool: { type: 'string' }, calls: { type: 'integer', minimum: 0 }, round_trip_ms: { type: 'number', minimum: 0 } } } },
            estimated_seconds: { type: 'number', minimum: 0 },
            estimate_method: { type: 'string' },
            parallelism: { type: 'integer', minimum: 1 },
            elapsed_ms: { type: 'number', minimum: 0 },
            limits: { type: 'string' },
          },
        },
      },
    },
  },
} as const;
