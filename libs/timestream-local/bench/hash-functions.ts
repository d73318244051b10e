/**
 * The registered hash functions over many rows: `tsx libs/timestream-local/bench/hash-functions.ts [rows]` (default
 * 1,000,000) hashes one short text per row with each function, in DuckDB, and prints the time and the time per row.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { BINARY_HASHES } from '../src/duckdb-functions/binary-hashes';
import { engineFunctionName } from '../src/duckdb-functions/names';
import { registerEngineFunctions } from '../src/storage/registered-functions';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  registerEngineFunctions(connection);
  for (const hash of BINARY_HASHES) {
    const args = hash.arity === 1 ? "encode('device-' || i::VARCHAR)" : "encode('device-' || i::VARCHAR), encode('key')";
    const started = performance.now();
    const result = await connection.runAndReadAll(`SELECT count(DISTINCT ${engineFunctionName(hash.name)}(${args})) FROM range(${rows}) t(i)`);
    const ms = performance.now() - started;
    console.log(`${hash.name.padEnd(18)} ${String(result.getRowsJS()[0][0]).padStart(9)} distinct  ${(ms / 1000).toFixed(2)} s  ${((ms * 1000) / rows).toFixed(2)} µs/row`);
  }
  connection.closeSync();
}

void main();
