import { QueryValidationError } from '../../src/query/errors';
import type { QueryService } from '../../src/query/query-service';
import type { MemoryStorage } from './memory-storage';
import { FROM, newService, queryAll, sensorStorage } from './fixture';

let storage: MemoryStorage;
let service: QueryService;
beforeAll(async () => {
  storage = await sensorStorage();
  service = newService(storage);
});
afterAll(() => storage.close());

const refusal = async (sql: string): Promise<string> => {
  try {
    await queryAll(service, sql);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryValidationError);
    return (error as Error).message;
  }
  throw new Error(`expected ${sql} to be refused`);
};

describe('refusals in the service words', () => {
  it('unknown columns name the line and column', async () => {
    expect(await refusal(`SELECT device_id, vehicleName FROM ${FROM}`)).toBe("line 1:19: Column 'vehicleName' does not exist");
    expect(await refusal(`SELECT r.nope FROM ${FROM} r`)).toBe("line 1:8: Column 'r.nope' cannot be resolved");
    expect(await refusal(`SELECT device_id FROM ${FROM}\nWHERE\n  humidty > 1`)).toBe("line 3:3: Column 'humidty' does not exist");
  });

  it('unknown databases and tables', async () => {
    expect(await refusal('SELECT * FROM abc.sampleDB')).toBe("Requested database 'abc' not found for identifier 'abc.sampleDB' at line 1:15");
    expect(await refusal('SELECT * FROM "empty-db".nothing')).toBe("line 1:15: Table 'empty-db.nothing' does not exist");
    expect(await refusal('SELECT * FROM readings')).toBe('line 1:15: Schema must be specified when session schema is not set');
  });

  it('unsupported constructs are named', async () => {
    expect(await refusal('SELECT geo_distance(1, 2)')).toBe('line 1:8: Function geo_distance not registered');
    expect(await refusal(`SELECT row_number() FROM ${FROM}`)).toBe('line 1:8: Window function row_number requires an OVER clause');
    expect(await refusal(`SELECT now() AT TIME ZONE 'Mars/Olympus'`)).toBe('line 1:27: Time zone not supported: Mars/Olympus');
    expect(await refusal(`SELECT CAST(1 AS ipaddress)`)).toBe('line 1:18: Unknown type: ipaddress');
  });

  it('limits that protect the process are refused in words', async () => {
    expect(await refusal('SELECT cardinality(SEQUENCE(1, 20000))')).toBe('Result of sequence function must not have more than 10000 entries');
    expect(await refusal(`SELECT SEQUENCE(min(time), max(time), 1ms) FROM ${FROM}`)).toBe('Result of sequence function must not have more than 10000 entries');
    expect(await refusal(`SELECT ${'('.repeat(500)}1${')'.repeat(500)}`)).toMatch(/^line 1:\d+: Expression is nested more than 200 levels deep$/);
  });

  it('DuckDB error texts never reach the client', async () => {
    const message = await refusal(`SELECT device_id + 1 FROM ${FROM}`);
    expect(message).not.toMatch(/Binder|DuckDB|Error:|Conversion/i);
    expect(message).toContain('could not be run');
  });
});
