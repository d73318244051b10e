/**
 * The name a function of this engine is registered under in DuckDB. A query cannot name it: the translator knows
 * Timestream's functions only and maps them onto these.
 */
export const engineFunctionName = (name: string): string => `timestream_local_${name}`;
