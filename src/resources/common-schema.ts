/**
 * Attributes every resource shares (every resource has `pool`; objects are named,
 * tagged and carry user `other_config` keys). Kept in one place so they read the same in every
 * resource's docs and behave the same in every resource's read and update.
 */
import { t, type CtyType } from '../schema/cty-type';
import { optc, opt, req, ro, type AttrExtras } from '../schema/dsl';
import { AttributeSchema, UpdateClass } from '../schema/model';
import { v } from '../schema/validators';

/** Prefix of the `other_config` keys xcpform owns; users cannot set them. */
export const OWNED_KEY_PREFIX = 'xcpform:';

export function identityAttributes(): Record<string, AttributeSchema> {
  return {
    id: ro(t.string, 'The UUID of the object; the identifier Terraform and `xcpform import` use.'),
    uuid: ro(t.string, 'The UUID XAPI assigned to the object.'),
  };
}

export function poolAttribute(update: UpdateClass = 'replace'): AttributeSchema {
  return optc(t.string, update, 'Name of the pool this object lives in: a key of the provider\'s `pools`. Defaults to the provider\'s `default_pool` (or its first pool).', {
    validators: [v.pattern('^[A-Za-z0-9_-]+$', 'must be a pool name made of letters, digits, "_" and "-"')],
  });
}

/**
 * name_label, name_description, tags and user other_config keys. With `readWhenUnset` every
 * label is optional and computed: left out, it is read from XAPI and never written. For an
 * object another resource may own (the existing network an `xcp_vlan` rides on), "unset" must
 * not mean "reset to empty", or the two resources undo each other on every apply.
 */
export function labelAttributes(nameRequired = true, opts: { readWhenUnset?: boolean } = {}): Record<string, AttributeSchema> {
  const unset = opts.readWhenUnset ? ' Read from XAPI, and left as it is, when left out.' : '';
  const optional = (type: CtyType, description: string, extras: AttrExtras): AttributeSchema => {
    if (!opts.readWhenUnset) return opt(type, 'in-place', description, extras);
    const { default: _none, ...rest } = extras;
    return optc(type, 'in-place', description + unset, rest);
  };
  return {
    name_label: nameRequired
      ? req(t.string, 'in-place', 'The name of the object (XAPI `name_label`).', { validators: [v.length(1, 255)] })
      : optc(t.string, 'in-place', 'The name of the object (XAPI `name_label`). Read from XAPI when left out.'),
    name_description: optional(t.string, 'A free-text description (XAPI `name_description`).', { default: '' }),
    tags: optional(t.set(t.string), 'Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports.', { default: [] }),
    other_config: optional(t.map(t.string), 'User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved.', {
      default: {},
      note: 'Keys that other tools set are preserved',
    }),
  };
}

/** The usual head of a resource: identity, pool, labels. */
export function commonAttributes(opts: { poolUpdate?: UpdateClass; nameRequired?: boolean } = {}): Record<string, AttributeSchema> {
  return { ...identityAttributes(), pool: poolAttribute(opts.poolUpdate), ...labelAttributes(opts.nameRequired ?? true) };
}
