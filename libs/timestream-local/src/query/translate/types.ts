import type { TypeName } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import { quoteIdent } from './sql-text';

/** Maps a Timestream/Trino type name in CAST to the DuckDB type and the static type of the result. */
export function castType(type: TypeName): { duck: string; type: StaticType } {
  switch (type.name) {
    case 'bigint': return { duck: 'BIGINT', type: T.bigint };
    case 'integer': case 'int': return { duck: 'INTEGER', type: T.integer };
    case 'smallint': case 'tinyint': return { duck: 'INTEGER', type: T.integer };
    case 'double': case 'real': case 'float': case 'decimal': return { duck: 'DOUBLE', type: T.double };
    case 'varchar': case 'char': case 'string': return { duck: 'VARCHAR', type: T.varchar };
    case 'boolean': return { duck: 'BOOLEAN', type: T.boolean };
    case 'varbinary': return { duck: 'BLOB', type: T.varbinary };
    case 'timestamp': return { duck: 'TIMESTAMP_NS', type: T.timestamp };
    case 'date': return { duck: 'DATE', type: T.date };
    case 'time': return { duck: 'TIME', type: T.time };
    case 'interval day to second': return { duck: 'INTERVAL', type: T.dayToSecond };
    case 'interval year to month': return { duck: 'INTERVAL', type: T.yearToMonth };
    case 'array': {
      if (type.args.length !== 1) break;
      const element = castType(type.args[0]);
      return { duck: `${element.duck}[]`, type: { kind: 'array', element: element.type } };
    }
    case 'row': {
      const fields = type.args.map((arg, i) => ({ name: type.fieldNames?.[i] ?? `field${i}`, cast: castType(arg) }));
      return {
        duck: `STRUCT(${fields.map((f) => `${quoteIdent(f.name)} ${f.cast.duck}`).join(', ')})`,
        type: { kind: 'row', fields: fields.map((f) => ({ name: f.name, type: f.cast.type })) },
      };
    }
    default:
      break;
  }
  throw positioned(type.pos, `Unknown type: ${type.name}`);
}
