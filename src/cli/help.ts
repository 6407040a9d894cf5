/**
 * Help text as Terraform writes it: flags with one dash (`-auto-approve`, which is how users
 * type them here too), and each default shown once: a description that already names its
 * default keeps it; otherwise commander's default is added, unless it says nothing (`[]`).
 */
import type { Help, Option } from 'commander';

export const helpConfiguration: Partial<Help> = {
  optionTerm(option: Option): string {
    return option.flags.replace(/(^|[\s,])--(?=[a-z])/g, '$1-');
  },
  optionDescription(option: Option): string {
    const text = option.description ?? '';
    if (/\(default\b/.test(text)) return text;
    const d = option.defaultValue as unknown;
    const shown = d === undefined || (Array.isArray(d) && d.length === 0) || (d === true && option.negate) ? undefined : option.defaultValueDescription ?? JSON.stringify(d);
    return shown === undefined ? text : `${text} (default: ${shown})`;
  },
};
