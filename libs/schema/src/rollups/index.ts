export * from './rollup-settings';
export * from './source-records';
export * from './rollup-sql';
export * from './scheduled-queries';
export { minutesInterval, sqlIdentifier, sqlLiteral, sqlTable } from './sql-text';
export * from './deployment';
export { ROLLUP_SEED_EVENT, rollupSeedRecord, rollupSeedRequests } from './rollup-seed';
export * from './baseline-sql';
