import fc from 'fast-check';
import { Graph } from './graph';
import { findCycles, isAcyclic, describeCycles } from './cycles';

const cyclesOf = (edges: Array<[string, string]>): string[][] => findCycles(Graph.from([], edges)).cycles.map((c) => [...c]);

describe('findCycles', () => {
  it.each([
    ['acyclic', [['b', 'a']], []],
    ['self loop', [['a', 'a']], [['a']]],
    ['two-cycle, rotated to the smallest vertex', [['b', 'a'], ['a', 'b']], [['a', 'b']]],
    ['three-cycle keeps edge direction', [['c', 'b'], ['b', 'a'], ['a', 'c']], [['a', 'c', 'b']]],
    [
      'two cycles sharing a vertex, sorted',
      [['a', 'b'], ['b', 'a'], ['b', 'c'], ['c', 'b']],
      [['a', 'b'], ['b', 'c']],
    ],
    [
      'every elementary cycle of a component',
      [['a', 'b'], ['b', 'c'], ['c', 'a'], ['b', 'a']],
      [['a', 'b'], ['a', 'b', 'c']],
    ],
    ['separate components', [['y', 'z'], ['z', 'y'], ['q', 'p'], ['p', 'q'], ['p', 'y']], [['p', 'q'], ['y', 'z']]],
  ] as Array<[string, Array<[string, string]>, string[][]]>)('%s', (_name, edges, want) => {
    expect(cyclesOf(edges)).toEqual(want);
  });

  it('reports components and truncates at the limit', () => {
    const g = new Graph();
    const n = 6; // complete digraph: many elementary cycles
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) g.addDependency(`v${i}`, `v${j}`);
    const r = findCycles(g, { limit: 10 });
    expect(r.truncated).toBe(true);
    expect(r.cycles).toHaveLength(10);
    expect(r.components).toEqual([['v0', 'v1', 'v2', 'v3', 'v4', 'v5']]);
    expect(describeCycles(r)).toContain('more cycles not listed');
    expect(findCycles(g, { limit: 1000 }).cycles).toHaveLength(409); // sum over k=2..6 of C(6,k)(k-1)!
  });

  it('is linear on large acyclic graphs', () => {
    const g = new Graph();
    for (let i = 1; i < 100_000; i++) g.addDependency(`v${i}`, `v${i - 1}`);
    expect(isAcyclic(g)).toBe(true);
    expect(findCycles(g).cycles).toEqual([]);
  });

  it('names the same cycles whatever the insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { maxLength: 20 }),
        fc.integer(),
        (pairs, seed) => {
          const edges = pairs.map(([a, b]) => [`n${a}`, `n${b}`] as [string, string]);
          const shuffled = [...edges].sort((x, y) => hash(x.join() + seed) - hash(y.join() + seed));
          const r1 = findCycles(Graph.from([], edges));
          const r2 = findCycles(Graph.from([], shuffled));
          expect(r2).toEqual(r1);
          expect(r1.cycles.length === 0).toBe(isAcyclic(Graph.from([], edges)));
          for (const c of r1.cycles) {
            expect(c[0]).toBe([...c].sort()[0]);
            expect(new Set(c).size).toBe(c.length);
            const g = Graph.from([], edges);
            c.forEach((v, i) => expect(g.hasDependency(v, c[(i + 1) % c.length])).toBe(true));
          }
        },
      ),
    );
  });
});

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
