import { t } from './cty-type';
import { defineDataSource, defineResource, opt, optc, req, ro } from './dsl';
import { SchemaDefinitionError } from './check';
import { AttributeSchema } from './model';
import { v } from './validators';

function resourceWith(attributes: Record<string, AttributeSchema>) {
  return () => defineResource({ typeName: 'xcp_test', description: 'A test resource.', attributes });
}

describe('schema definitions are checked when built', () => {
  const cases: [string, Record<string, AttributeSchema>, RegExp][] = [
    ['required and computed', { a: { type: t.string, description: 'x', required: true, computed: true, update: 'in-place' } }, /cannot be both required and computed/],
    ['required and optional', { a: { type: t.string, description: 'x', required: true, optional: true, update: 'in-place' } }, /cannot be both required and optional/],
    ['no mode at all', { a: { type: t.string, description: 'x' } }, /must be required, optional or computed/],
    ['configurable without update class', { a: { type: t.string, description: 'x', optional: true } }, /needs an update class/],
    ['read-only with update class', { a: { type: t.string, description: 'x', computed: true, update: 'replace' } }, /read-only attribute cannot have an update class/],
    ['default on a required attribute', { a: { ...req(t.number, 'in-place', 'x'), default: 3 } }, /only an optional attribute can have a default/],
    ['default of the wrong type', { a: opt(t.number, 'in-place', 'x', { default: 'three' }) }, /default "three" is not a number/],
    ['default failing its validator', { a: opt(t.string, 'in-place', 'x', { default: 'blue', validators: [v.oneOf('red', 'green')] }) }, /default "blue" must be one of/],
    ['validator on the wrong type', { a: opt(t.bool, 'in-place', 'x', { validators: [v.range(1, 2)] }) }, /validator range needs number values/],
    ['missing description', { a: opt(t.string, 'in-place', ' ') }, /needs a description/],
    ['meta-argument name', { count: opt(t.number, 'in-place', 'x') }, /is a Terraform meta-argument/],
    ['camelCase name', { nameLabel: opt(t.string, 'in-place', 'x') }, /lower-case snake_case/],
    ['type and nested both absent', { a: { description: 'x', optional: true, update: 'in-place' } }, /exactly one of a type or nested attributes/],
  ];
  test.each(cases)('%s is rejected', (_name, attributes, message) => {
    expect(resourceWith(attributes)).toThrow(SchemaDefinitionError);
    expect(resourceWith(attributes)).toThrow(message);
  });

  test('every problem is reported at once', () => {
    try {
      resourceWith({ a: { type: t.string, description: 'x', required: true, computed: true }, b: opt(t.string, 'in-place', '') })();
      throw new Error('expected a SchemaDefinitionError');
    } catch (err) {
      expect(err).toBeInstanceOf(SchemaDefinitionError);
      expect((err as SchemaDefinitionError).problems.length).toBeGreaterThanOrEqual(3);
    }
  });

  test('a well-formed schema builds', () => {
    const schema = resourceWith({
      name: req(t.string, 'in-place', 'Name.'),
      size: opt(t.number, 'replace', 'Size.', { default: 1, validators: [v.integer(1)] }),
      host: optc(t.string, 'migrate', 'Host.'),
      uuid: ro(t.string, 'UUID.'),
    })();
    expect(Object.keys(schema.block.attributes)).toEqual(['name', 'size', 'host', 'uuid']);
  });

  test('data source attributes carry no update class', () => {
    expect(() => defineDataSource({ typeName: 'xcp_x', description: 'X.', attributes: { a: opt(t.string, 'in-place', 'x') } })).toThrow(/data source attributes have no update class/);
  });

  test('type names must carry the provider prefix', () => {
    expect(() => defineResource({ typeName: 'vm', description: 'X.', attributes: {} })).toThrow(/must start with "xcp_"/);
  });
});
