/** Public surface of `state/`: model, file format v4, atomic writes, locks, backends, manager. */
export * from './model';
export { decodeStateV4, encodeStateV4 } from './file-v4';
export type { DecodeResult } from './file-v4';
export { writeFileAtomic, removeStaleTemps, processAlive } from './atomic-write';
export { systemClock } from './clock';
export type { StateClock } from './clock';
export { LockError, describeHolder, parseLockInfo } from './lock';
export type { LockInfo, LockRequest } from './lock';
export type { StateBackend, StateBytes } from './backends/backend';
export { LocalBackend } from './backends/local';
export type { LocalBackendOptions } from './backends/local';
export { StateManager } from './manager';
export type { OpenStateOptions, OpenStateResult, StateMutation } from './manager';
export { openBackend } from './backends/open-backend';
export type { BackendBlock, BackendContext, OpenBackendResult, WorkspaceBackend } from './backends/open-backend';
export { initializedBackend } from './backends/backend-record';
