/**
 * Differences from Terraform that xcpform keeps on purpose, by expression text, each with its
 * reason. The differential test fails on any difference not listed here, and on any entry here
 * that no longer differs (so the list never goes stale).
 */
export const DELIBERATE: Readonly<Record<string, string>> = {
  'format("%v", null)':
    'xcpform values carry no static type, so a bare null literal (of dynamic type, for which cty skips the call and returns an unknown) cannot be told from a typed null; xcpform reports "null value cannot be formatted" for both, which is what Terraform says for a typed null.',
};
