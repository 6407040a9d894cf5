/** Registers the compute resource types and data sources (one line each). */
export {};
