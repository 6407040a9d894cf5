import { Graph } from './graph';
import { topologicalOrder } from './topo-order';
import { transitiveReduction } from './transitive-reduction';
import { bottomLevels, criticalPathLength } from './critical-path';
import { CycleError } from './cycles';

describe('Graph', () => {
  const g = Graph.from(['c', 'b', 'a'], [
    ['c', 'b'],
    ['b', 'a'],
    ['c', 'a'],
  ]);

  it('indexes both directions and counts edges once', () => {
    g.addDependency('c', 'b');
    expect(g.edgeCount).toBe(3);
    expect([...g.dependenciesOf('c')].sort()).toEqual(['a', 'b']);
    expect([...g.dependentsOf('a')].sort()).toEqual(['b', 'c']);
    expect([...g.descendantsOf('a')].sort()).toEqual(['b', 'c']);
    expect([...g.ancestorsOf('c')].sort()).toEqual(['a', 'b']);
  });

  it('reverses for destroy order', () => {
    const r = g.reverse();
    expect(r.edgeList()).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(topologicalOrder(r)).toEqual(['c', 'b', 'a']);
  });

  it('removes vertices with their edges', () => {
    const h = g.clone().removeVertex('b');
    expect(h.vertices()).toEqual(['c', 'a']);
    expect(h.edgeList()).toEqual([['c', 'a']]);
    expect(g.edgeCount).toBe(3);
  });

  it('takes induced subgraphs', () => {
    expect(g.subgraph(['a', 'c', 'zz']).edgeList()).toEqual([['c', 'a']]);
  });
});

describe('topologicalOrder', () => {
  it.each([
    ['empty', [], [], []],
    ['independent vertices sort by id', ['z', 'a', 'm'], [], ['a', 'm', 'z']],
    ['diamond', ['d', 'c', 'b', 'a'], [['d', 'b'], ['d', 'c'], ['b', 'a'], ['c', 'a']], ['a', 'b', 'c', 'd']],
    ['id order yields to edges', ['a', 'b'], [['a', 'b']], ['b', 'a']],
  ] as Array<[string, string[], Array<[string, string]>, string[]]>)('%s', (_name, vs, es, want) => {
    expect(topologicalOrder(Graph.from(vs, es))).toEqual(want);
  });

  it('throws a CycleError naming the cycle', () => {
    const g = Graph.from(['x'], [['b', 'a'], ['a', 'b'], ['x', 'a']]);
    expect(() => topologicalOrder(g)).toThrow(CycleError);
    expect(() => topologicalOrder(g)).toThrow('Cycle: a → b → a');
  });
});

describe('transitiveReduction', () => {
  it('drops implied edges only', () => {
    const g = Graph.from([], [['c', 'b'], ['b', 'a'], ['c', 'a'], ['d', 'a']]);
    expect(transitiveReduction(g).edgeList()).toEqual([
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'a'],
    ]);
  });

  it('keeps reachability', () => {
    const g = new Graph();
    for (let i = 1; i < 30; i++) for (let j = 0; j < i; j++) if ((i * 7 + j * 3) % 4 === 0) g.addDependency(`v${i}`, `v${j}`);
    const r = transitiveReduction(g);
    for (const v of g.vertices()) expect([...r.ancestorsOf(v)].sort()).toEqual([...g.ancestorsOf(v)].sort());
    expect(r.edgeCount).toBeLessThanOrEqual(g.edgeCount);
  });
});

describe('bottomLevels', () => {
  it('adds the longest chain below each vertex', () => {
    // a ← b ← d, a ← c ; durations a1 b5 c2 d1
    const g = Graph.from([], [['b', 'a'], ['c', 'a'], ['d', 'b']]);
    const dur: Record<string, number> = { a: 1, b: 5, c: 2, d: 1 };
    const lv = bottomLevels(g, (v) => dur[v]);
    expect(Object.fromEntries(lv)).toEqual({ a: 7, b: 6, c: 2, d: 1 });
    expect(criticalPathLength(g, (v) => dur[v])).toBe(7);
    expect(criticalPathLength(g, () => NaN)).toBe(0);
  });
});
