import type { Datum, QueryResponse } from '@aws-sdk/client-timestream-query';
import type { CatalogColumn } from '../../src/query/catalog';
import { QueryService, type QueryServiceOptions } from '../../src/query/query-service';
import { createMemoryStorage, type MemoryStorage } from './memory-storage';

export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const DEVICES = ['dev-a', 'dev-b', 'dev-c'];
export const POINTS = 20;
export const STEP_MS = 60_000;

export interface Reading {
  device_id: string;
  location: string;
  measure_name: string;
  time: number;
  temperature: number;
  humidity: number | null;
}

/** Readings one minute apart ending one minute before NOW; humidity missing on every 7th point. */
export function readings(): Reading[] {
  const out: Reading[] = [];
  DEVICES.forEach((device_id, d) => {
    for (let k = 0; k < POINTS; k++) {
      out.push({
        device_id,
        location: d === 2 ? 'hall' : 'lab',
        measure_name: 'metrics',
        time: NOW.getTime() - (POINTS - k) * STEP_MS,
        temperature: Math.round((20 + d * 2 + Math.sin(k) * 3) * 1000) / 1000,
        humidity: k % 7 === 3 ? null : 40 + ((k * 7 + d * 3) % 20),
      });
    }
  });
  return out;
}

export const COLUMNS: CatalogColumn[] = [
  { name: 'device_id', type: 'VARCHAR', kind: 'DIMENSION' },
  { name: 'location', type: 'VARCHAR', kind: 'DIMENSION' },
  { name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' },
  { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' },
  { name: 'temperature', type: 'DOUBLE', kind: 'MULTI' },
  { name: 'humidity', type: 'DOUBLE', kind: 'MULTI' },
];

export const DB = 'iot-db';
export const TABLE = 'sensor.readings';
export const FROM = `"${DB}"."${TABLE}"`;

export async function sensorStorage(): Promise<MemoryStorage> {
  const storage = await createMemoryStorage();
  await storage.addTable(DB, TABLE, COLUMNS, readings() as unknown as Array<Record<string, unknown>>, [
    { name: 'metrics', type: 'MULTI', dimensions: ['device_id', 'location'] },
  ]);
  storage.addDatabase('empty-db');
  return storage;
}

/** Runs a query to the end (all pages) through the QueryService. */
export async function queryAll(service: QueryService, sql: string, maxRows?: number): Promise<{ first: QueryResponse; rows: Datum[][] }> {
  let response = await service.query({ QueryString: sql, MaxRows: maxRows }, NOW);
  const first = response;
  const rows: Datum[][] = response.Rows?.map((r) => r.Data ?? []) ?? [];
  for (let i = 0; response.NextToken && i < 10_000; i++) {
    response = await service.query({ QueryString: sql, MaxRows: maxRows, NextToken: response.NextToken }, NOW);
    rows.push(...(response.Rows?.map((r) => r.Data ?? []) ?? []));
  }
  return { first, rows };
}

/** Scalar value of a datum (undefined for NULL). */
export const scalar = (d: Datum): string | undefined => (d.NullValue ? undefined : d.ScalarValue);

export function newService(storage: MemoryStorage, options?: QueryServiceOptions): QueryService {
  return new QueryService(storage, options);
}

/** Timestream rendering of an epoch-ms time. */
export const tsText = (ms: number): string => `${new Date(ms).toISOString().slice(0, 10)} ${new Date(ms).toISOString().slice(11, 23)}000000`;
