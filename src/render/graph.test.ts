import { kitchenSink, scenarios, bigPlan } from '../../test/helpers/plan-fixtures';
import { renderPlanDot } from './graph-dot';
import { renderPlanMermaid } from './graph-mermaid';
import { planGraph } from './plan-graph';

describe('plan graphs', () => {
  test('planGraph groups by pool (a migration by its target pool) and links dependencies', () => {
    const g = planGraph(scenarios.create().changes);
    expect(g.nodes.map((n) => [n.id, n.address, n.action, n.pool ?? null])).toEqual([
      ['n1', 'xcp_network.lan', 'create', null],
      ['n2', 'xcp_vm.web', 'create', 'dc1'],
    ]);
    expect(g.edges).toEqual([['n1', 'n2']]);
    expect(planGraph(scenarios.migrate().changes).pools.map((p) => p.name)).toEqual(['cloud1', 'dc1']);
  });

  test('changedOnly (default) drops no-ops; maxNodes keeps destroys first and counts the rest', () => {
    expect(planGraph(scenarios['count-for-each']().changes).nodes.map((n) => n.address)).not.toContain('xcp_vm.web[0]');
    expect(planGraph(scenarios['count-for-each']().changes, { changedOnly: false }).nodes).toHaveLength(5);
    const g = planGraph(bigPlan(20).changes, { maxNodes: 5 });
    expect(g.omitted).toBe(15);
    expect(g.nodes.every((n) => n.action === 'delete' || n.action === 'replace')).toBe(true);
  });

  test('DOT: clusters per pool, colours per action, escaped labels', () => {
    const dot = renderPlanDot(kitchenSink().changes);
    expect(dot.startsWith('digraph "xcpform plan" {\n  rankdir = "LR";\n')).toBe(true);
    expect(dot).toContain('  subgraph cluster_pool_1 {\n    label = "pool cloud1";');
    expect(dot).toMatch(/n\d+ \[label = "- xcp_vm\.svc\[\\"b\\"\]", tooltip = "xcp_vm\.svc\[\\"b\\"\]", fillcolor = "#ffebe9", color = "#cf222e"\];/);
    expect(renderPlanDot(scenarios.create().changes)).toContain('  n1 -> n2;\n}\n');
    expect(dot.endsWith('}\n')).toBe(true);
  });

  test('Mermaid: subgraphs, classes, entity-escaped quotes, overflow node', () => {
    const mm = renderPlanMermaid(kitchenSink().changes);
    expect(mm.startsWith('flowchart LR\n  subgraph pool_1 ["pool cloud1"]\n')).toBe(true);
    expect(mm).toContain('["- xcp_vm.svc[#quot;b#quot;]"]');
    expect(mm).toMatch(/classDef replace fill:#fff1e5,stroke:#bc4c00/);
    expect(renderPlanMermaid(bigPlan(20).changes, { maxNodes: 3 })).toContain('  more["… 17 more not shown"]\n');
    expect(renderPlanMermaid(scenarios.update().changes, { direction: 'TB' }).startsWith('flowchart TB\n')).toBe(true);
  });
});
