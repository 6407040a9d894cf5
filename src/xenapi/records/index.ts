/** Typed records and branded refs of the classes xcpform manages. */
export * from './field-kinds';
export * from './classes';
export { decodeRecord, decodeRecordInPlace, decodeWithTable, decodeField, toIsoDate } from './decode';
export * from './pool-host';
export * from './storage';
export * from './network';
export * from './vm';
export * from './task-message';
