/**
 * Escaping for generated configuration text. Every string xcpform writes into a configuration
 * comes from somewhere it does not control (an OVF package's names and descriptions, a pool's
 * object names), and Terraform's JSON syntax reads every string value and every object key as a
 * template: `${...}` would be evaluated (a package named `${file("/etc/passwd")}` would read a
 * local file at plan time) and `%{...}` would be a directive. Doubling the introducer (`$${`,
 * `%%{`) is the template language's own escape and evaluates back to the original text.
 */

/** `text` as a template that evaluates to exactly `text`. */
export function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/**
 * `text` safe inside a TypeScript block comment (a generated file's header): `*\/` would end the
 * comment early and make the rest of the name code; control characters and line breaks would
 * break the layout. Non-ASCII stays as it is (the file is UTF-8).
 */
export function commentSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\*\//g, '*\\/').replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}
