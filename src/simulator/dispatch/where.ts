/**
 * The expression language of `get_all_records_where` (xapi `db_filter`):
 * `field "name_label" = "web" and not (field "power_state" = "Halted")`, `true`, `false`, `or`.
 * Unparseable expressions fail with `INVALID_VALUE ["expr", expr]`.
 */
import { XapiFailure } from '../errors';
import { StoredRecord } from '../model/types';

type Pred = (r: StoredRecord) => boolean;

export function compileWhere(expr: string): Pred {
  const tokens = expr.match(/"(?:[^"\\]|\\.)*"|\(|\)|<>|=|[A-Za-z_]+|\S/g) ?? [];
  let i = 0;
  const bad = (): never => {
    throw new XapiFailure('INVALID_VALUE', ['expr', expr]);
  };
  const peek = (): string | undefined => tokens[i]?.toLowerCase();
  const str = (): string => {
    const t = tokens[i++];
    if (!t || !t.startsWith('"')) return bad();
    return t.slice(1, -1).replace(/\\(.)/g, '$1');
  };
  const atom = (): Pred => {
    const t = peek();
    if (t === '(') {
      i++;
      const e = or();
      if (tokens[i++] !== ')') bad();
      return e;
    }
    if (t === 'not') {
      i++;
      const e = atom();
      return (r) => !e(r);
    }
    if (t === 'true' || t === 'false') {
      i++;
      return () => t === 'true';
    }
    if (t === 'field') {
      i++;
      const name = str();
      const op = tokens[i++];
      if (op !== '=' && op !== '<>') bad();
      const value = str();
      return (r) => (String(r[name] ?? '') === value) === (op === '=');
    }
    return bad();
  };
  const and = (): Pred => {
    let left = atom();
    while (peek() === 'and') {
      i++;
      const l = left;
      const right = atom();
      left = (r) => l(r) && right(r);
    }
    return left;
  };
  const or = (): Pred => {
    let left = and();
    while (peek() === 'or') {
      i++;
      const l = left;
      const right = and();
      left = (r) => l(r) || right(r);
    }
    return left;
  };
  const pred = or();
  if (i !== tokens.length) bad();
  return pred;
}
