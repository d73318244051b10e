export { buildServer, DEFAULT_MAX_BODY_BYTES, DEFAULT_SETTINGS, type BuiltServer, type ServerOptions } from './server';
export { startTimestreamLocal, type RunningTimestreamLocal, type StartOptions } from './start';
export * from './errors';
export type { ColumnMeta, ScalarType, Storage, TableMeta } from './storage/catalog-types';
export type { TimestreamStorage } from './storage/timestream-storage';
export type { Credentials } from './protocol/sigv4-verifier';
export { createQueryOperations, queryOperations } from './operations/query';
export type { QueryServiceOptions } from './query/query-service';
