/** The pools' records kept current with `event.from`: see live-world.ts. */
export { LiveWorld, type FullReadReason } from './live-world';
