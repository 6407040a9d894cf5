/** Registers the infra resource types and data sources (one line each). */
export {};
