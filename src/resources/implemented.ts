/**
 * Registers every resource type and data source that has its XAPI logic. Each implementation
 * adds one line here.
 */
export {};
