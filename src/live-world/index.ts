/** The pools' records kept current with `event.from`: see live-world.ts and change-reads.ts. */
export { LiveWorld, type FullReadReason, type Need } from './live-world';
export { ChangeReads, WriteLog } from './change-reads';
