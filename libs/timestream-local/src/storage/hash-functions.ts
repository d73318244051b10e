import { BLOB, DuckDBBlobValue, DuckDBScalarFunction, type DuckDBConnection } from '@duckdb/node-api';
import { BINARY_HASHES, hashSqlName, type BinaryHash } from '../hashes/binary-hashes';

/** One hash as a DuckDB scalar function over BLOBs; a NULL argument answers NULL. */
function scalarFunction(hash: BinaryHash): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: hashSqlName(hash.name),
    returnType: BLOB,
    parameterTypes: Array.from({ length: hash.arity }, () => BLOB),
    mainFunction: (info, input, output) => {
      try {
        const columns = Array.from({ length: hash.arity }, (_x, i) => input.getColumnVector(i));
        for (let row = 0; row < input.rowCount; row++) {
          const [data, key] = columns.map((c) => (c.getItem(row) as DuckDBBlobValue | null)?.bytes);
          output.setItem(row, data && (hash.arity === 1 || key) ? new DuckDBBlobValue(hash.compute(data, key)) : null);
        }
        output.flush();
      } catch (error) {
        info.setError(`${hash.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
}

/**
 * Registers Trino's binary hashes that DuckDB has no function for (sha512, hmac_sha512, xxhash64, murmur3,
 * spooky_hash_v2_32/64) on a database: registered through one connection, every connection of the instance sees them.
 */
export function registerHashFunctions(connection: DuckDBConnection): void {
  for (const hash of BINARY_HASHES) connection.registerScalarFunction(scalarFunction(hash));
}
