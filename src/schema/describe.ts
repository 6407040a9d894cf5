/**
 * Sentences derived from the model, shared by the schema JSON (which CDKTF turns into doc
 * comments) and the generated reference docs, so both say the same thing.
 */
import { AttributeSchema, UpdateClass } from './model';
import { describeValidator } from './validators';

export const UPDATE_CLASS_SENTENCE: Record<UpdateClass, string> = {
  'in-place': 'Updated in place.',
  halt: 'Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.',
  migrate: 'Changing it migrates the object live (no rebuild).',
  replace: 'Changing it forces replacement.',
};

/** How sizes can be written, per tool: Terraform's type check wants a number, xcpform converts. */
export const BYTES_SENTENCE = 'A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself.';

/** The full description: the author's text, allowed values, default, and update class. */
export function fullDescription(attr: AttributeSchema): string {
  const parts = [attr.description.trim()];
  const allowed = (attr.validators ?? []).map(describeValidator);
  if (allowed.length) parts.push(`Must be ${allowed.join('; ')}.`.replace('Must be must', 'Must'));
  if (attr.unit === 'bytes') parts.push(BYTES_SENTENCE);
  if (attr.default !== undefined) parts.push(`Defaults to \`${JSON.stringify(attr.default)}\`.`);
  if (attr.update && attr.update !== 'in-place') parts.push(UPDATE_CLASS_SENTENCE[attr.update]);
  if (attr.note) parts.push(attr.note.trim().replace(/([^.])$/, '$1.'));
  return parts.join(' ');
}
