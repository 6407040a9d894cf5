/**
 * Differences from Terraform that xcpform keeps on purpose, by expression text, each with its
 * reason. The differential test fails on any difference not listed here, and on any entry here
 * that no longer differs (so the list never goes stale).
 */
export const DELIBERATE: Readonly<Record<string, string>> = {};
