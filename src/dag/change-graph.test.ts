import { buildChangeGraph, ChangeNode } from './change-graph';
import { isAcyclic } from './cycles';
import { topologicalOrder } from './topo-order';

const edges = (changes: ChangeNode[]): Array<[string, string]> => buildChangeGraph(changes).graph.edgeList();

describe('buildChangeGraph', () => {
  it('orders creates by dependency and destroys in reverse', () => {
    expect(
      edges([
        { address: 'xcp_sr.a', kind: 'apply', dependsOn: [] },
        { address: 'xcp_vm.b', kind: 'apply', dependsOn: ['xcp_sr.a'] },
        { address: 'xcp_net.old', kind: 'destroy', dependsOn: [] },
        { address: 'xcp_vm.old', kind: 'destroy', dependsOn: ['xcp_net.old'] },
      ]),
    ).toEqual([
      ['xcp_net.old (destroy)', 'xcp_vm.old (destroy)'],
      ['xcp_vm.b', 'xcp_sr.a'],
    ]);
  });

  it('replaces destroy-then-create by default', () => {
    const cg = buildChangeGraph([
      { address: 'xcp_sr.a', kind: 'replace', dependsOn: [] },
      { address: 'xcp_vm.b', kind: 'apply', dependsOn: ['xcp_sr.a'] },
    ]);
    expect(cg.graph.edgeList()).toEqual([
      ['xcp_sr.a', 'xcp_sr.a (destroy)'],
      ['xcp_vm.b', 'xcp_sr.a'],
    ]);
    expect(cg.createBeforeDestroy).toEqual([]);
  });

  it('inverts the destroy edge for create_before_destroy and waits for dependents to move', () => {
    const cg = buildChangeGraph([
      { address: 'xcp_sr.a', kind: 'replace', dependsOn: [], createBeforeDestroy: true },
      { address: 'xcp_vm.b', kind: 'apply', dependsOn: ['xcp_sr.a'] },
    ]);
    expect(cg.graph.edgeList()).toEqual([
      ['xcp_sr.a (destroy)', 'xcp_sr.a'],
      ['xcp_sr.a (destroy)', 'xcp_vm.b'],
      ['xcp_vm.b', 'xcp_sr.a'],
    ]);
    expect(topologicalOrder(cg.graph)).toEqual(['xcp_sr.a', 'xcp_vm.b', 'xcp_sr.a (destroy)']);
  });

  it('forces create_before_destroy on replaced dependencies (no cycle)', () => {
    const changes: ChangeNode[] = [
      { address: 'xcp_net.n', kind: 'replace', dependsOn: [] },
      { address: 'xcp_vm.v', kind: 'replace', dependsOn: ['xcp_net.n'], createBeforeDestroy: true },
    ];
    const cg = buildChangeGraph(changes);
    expect(cg.forcedCreateBeforeDestroy).toEqual(['xcp_net.n']);
    expect(cg.createBeforeDestroy).toEqual(['xcp_net.n', 'xcp_vm.v']);
    expect(isAcyclic(cg.graph)).toBe(true);
    expect(topologicalOrder(cg.graph)).toEqual(['xcp_net.n', 'xcp_vm.v', 'xcp_vm.v (destroy)', 'xcp_net.n (destroy)']);
  });

  it('destroys an object after the dependent that dropped its reference is updated', () => {
    expect(
      edges([
        { address: 'xcp_net.old', kind: 'destroy', dependsOn: [] },
        { address: 'xcp_vm.v', kind: 'apply', dependsOn: [], priorDependsOn: ['xcp_net.old'] },
      ]),
    ).toEqual([['xcp_net.old (destroy)', 'xcp_vm.v']]);
  });

  it('mixes a non-CBD dependent replacement with a CBD dependency without cycles', () => {
    const cg = buildChangeGraph([
      { address: 'a', kind: 'replace', dependsOn: [], createBeforeDestroy: true },
      { address: 'c', kind: 'replace', dependsOn: ['a'] },
      { address: 'd', kind: 'destroy', dependsOn: ['a'] },
      { address: 'e', kind: 'none', dependsOn: ['a'] },
    ]);
    expect(isAcyclic(cg.graph)).toBe(true);
    expect(topologicalOrder(cg.graph)).toEqual(['a', 'c (destroy)', 'c', 'd (destroy)', 'a (destroy)']);
  });
});
