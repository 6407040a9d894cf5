/** Public surface of `dag/`: graphs, cycles, orders, the change graph, walker, simulation, renderers. */
export { Graph, compareIds } from './graph';
export { CycleError, findCycles, formatCycle, describeCycles, isAcyclic, stronglyConnectedComponents } from './cycles';
export type { CycleReport, FindCyclesOptions } from './cycles';
export { topologicalOrder } from './topo-order';
export { transitiveReduction } from './transitive-reduction';
export { bottomLevels, criticalPathLength } from './critical-path';
export { buildChangeGraph, destroyVertexId } from './change-graph';
export type { ChangeGraph, ChangeKind, ChangeNode } from './change-graph';
export { DEFAULT_KIND_LIMITS, Scheduler } from './scheduler';
export type { Claim, Priority, SchedulerOptions, VertexPhase } from './scheduler';
export { DagWalker, walk } from './walk';
export type { NodeResult, WalkClock, WalkEvent, WalkOptions, WalkResult, WalkTask, WalkTaskContext } from './walk';
export { makespanLowerBound, simulateWalk } from './simulate';
export type { SimulationOptions, SimulationResult } from './simulate';
export { toDot } from './dot';
export type { DotOptions } from './dot';
export { toMermaid } from './mermaid';
export type { MermaidOptions } from './mermaid';
