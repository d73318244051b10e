import { BLOB, DuckDBBlobValue, DuckDBScalarFunction, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { BINARY_HASHES, type BinaryHash } from '../duckdb-functions/binary-hashes';
import { capturingGroups } from '../duckdb-functions/capturing-groups';
import { engineFunctionName } from '../duckdb-functions/names';

type Main = Parameters<typeof DuckDBScalarFunction.create>[0]['mainFunction'];

/** A main function applying `compute` row by row; a NULL argument answers NULL, a throw fails the query naming `name`. */
function rowByRow(name: string, arity: number, compute: (args: unknown[]) => unknown): Main {
  return (info, input, output) => {
    try {
      const columns = Array.from({ length: arity }, (_x, i) => input.getColumnVector(i));
      for (let row = 0; row < input.rowCount; row++) {
        const args = columns.map((c) => c.getItem(row));
        output.setItem(row, args.some((a) => a === null) ? null : (compute(args) as never));
      }
      output.flush();
    } catch (error) {
      info.setError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

const hashFunction = (hash: BinaryHash): DuckDBScalarFunction => DuckDBScalarFunction.create({
  name: engineFunctionName(hash.name),
  returnType: BLOB,
  parameterTypes: Array.from({ length: hash.arity }, () => BLOB),
  mainFunction: rowByRow(hash.name, hash.arity, (args) => {
    const [data, key] = (args as DuckDBBlobValue[]).map((a) => a.bytes);
    return new DuckDBBlobValue(hash.compute(data, key));
  }),
});

/** The capturing groups of a pattern that is not a literal (regexp_replace with a function of the groups). */
const groupsFunction = (): DuckDBScalarFunction => DuckDBScalarFunction.create({
  name: engineFunctionName('capturing_groups'),
  returnType: INTEGER,
  parameterTypes: [VARCHAR],
  mainFunction: rowByRow('capturing_groups', 1, ([pattern]) => capturingGroups(pattern as string)),
});

/**
 * Registers the functions this engine computes itself on a database: Trino's binary hashes DuckDB has none of
 * (sha512, hmac_sha512, xxhash64, murmur3, spooky_hash_v2_32/64) and the count of a pattern's capturing groups.
 * Registered through one connection, every connection of the instance sees them.
 */
export function registerEngineFunctions(connection: DuckDBConnection): void {
  for (const hash of BINARY_HASHES) connection.registerScalarFunction(hashFunction(hash));
  connection.registerScalarFunction(groupsFunction());
}
