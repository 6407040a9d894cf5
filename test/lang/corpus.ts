/**
 * The differential corpus: HCL expressions in `corpus/*.hcl`, one a line (`#` lines are
 * comments); a heredoc runs on to its closing marker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusEntry {
  readonly file: string;
  readonly line: number;
  readonly expr: string;
}

export function loadCorpus(dir = join(__dirname, 'corpus')): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hcl')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trimEnd();
      if (line.trim() === '' || line.startsWith('#')) continue;
      const heredoc = /<<-?([A-Za-z_][A-Za-z0-9_]*)$/.exec(line);
      if (!heredoc) { out.push({ file, line: i + 1, expr: line }); continue; }
      const start = i;
      while (i + 1 < lines.length && lines[i + 1].trim() !== heredoc[1]) i++;
      i++;
      out.push({ file, line: start + 1, expr: lines.slice(start, i + 1).join('\n') });
    }
  }
  return out;
}
