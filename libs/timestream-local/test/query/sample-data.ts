import type { CatalogColumn } from '../../src/query/catalog';
import { NOW } from './fixture';
import type { MemoryStorage } from './memory-storage';

/** Single-measure IoT (trucks) and DevOps (hosts) tables shaped like the Timestream documentation's sample database. */
export interface TruckRecord {
  truck_id: string; fleet: string; fuel_capacity: string; model: string; load_capacity: string; make: string;
  measure_name: string; time: number; 'measure_value::double': number | null; 'measure_value::varchar': string | null;
}
export interface HostRecord {
  region: string; az: string; hostname: string; measure_name: string; time: number; 'measure_value::double': number;
}

export const TRUCKS = [
  { truck_id: '123456781', fleet: 'Alpha', fuel_capacity: '100', model: 'Astro', load_capacity: '500', make: 'GMC' },
  { truck_id: '123456782', fleet: 'Alpha', fuel_capacity: '150', model: 'W900', load_capacity: '1000', make: 'Kenworth' },
  { truck_id: '123456783', fleet: 'Beta', fuel_capacity: '100', model: 'Cascadia', load_capacity: '900', make: 'Freightliner' },
];
export const HOSTS = [
  { region: 'us-east-1', az: 'us-east-1a', hostname: 'host-Hovjv' },
  { region: 'us-east-1', az: 'us-east-1b', hostname: 'host-Fj2v1' },
  { region: 'eu-west-1', az: 'eu-west-1a', hostname: 'host-Zz9Qx' },
];

export function truckRecords(): TruckRecord[] {
  const out: TruckRecord[] = [];
  TRUCKS.forEach((truck, t) => {
    for (let h = 1; h <= 48; h++) {
      const time = NOW.getTime() - h * 3_600_000;
      const v = (x: number) => Math.round(x * 10) / 10;
      out.push({ ...truck, measure_name: 'fuel-reading', time, 'measure_value::double': v(t === 2 && h <= 3 ? 8 + h : 30 + ((h * 7 + t * 13) % 60)), 'measure_value::varchar': null });
      out.push({ ...truck, measure_name: 'load', time, 'measure_value::double': v(300 + ((h * 37 + t * 11) % 500)), 'measure_value::varchar': null });
      out.push({ ...truck, measure_name: 'speed', time, 'measure_value::double': v(40 + ((h * 17 + t * 5) % 50)), 'measure_value::varchar': null });
      out.push({ ...truck, measure_name: 'location', time, 'measure_value::double': null, 'measure_value::varchar': `${40 + t}.${h} N, ${70 + t}.${h} W` });
    }
  });
  return out;
}

/** cpu_utilization every 15 s over the last two hours, with every 9th point missing; memory_utilization every minute. */
export function hostRecords(): HostRecord[] {
  const out: HostRecord[] = [];
  HOSTS.forEach((host, i) => {
    for (let k = 1; k <= 480; k++) {
      if (k % 9 === 0) continue;
      out.push({ ...host, measure_name: 'cpu_utilization', time: NOW.getTime() - k * 15_000, 'measure_value::double': Math.round((50 + 30 * Math.sin(k / 20 + i) + (i === 0 ? 10 : 0)) * 100) / 100 });
    }
    for (let k = 1; k <= 120; k++) {
      out.push({ ...host, measure_name: 'memory_utilization', time: NOW.getTime() - k * 60_000, 'measure_value::double': 40 + ((k + i * 7) % 30) });
    }
  });
  return out;
}

const dim = (name: string): CatalogColumn => ({ name, type: 'VARCHAR', kind: 'DIMENSION' });
const base: CatalogColumn[] = [{ name: 'measure_name', type: 'VARCHAR', kind: 'MEASURE_NAME' }, { name: 'time', type: 'TIMESTAMP', kind: 'TIMESTAMP' }];

export async function addSampleTables(storage: MemoryStorage, db = 'sampleDB'): Promise<void> {
  await storage.addTable(db, 'IoT', [
    ...['truck_id', 'fleet', 'fuel_capacity', 'model', 'load_capacity', 'make'].map(dim), ...base,
    { name: 'measure_value::double', type: 'DOUBLE', kind: 'SINGLE_MEASURE_VALUE' },
    { name: 'measure_value::varchar', type: 'VARCHAR', kind: 'SINGLE_MEASURE_VALUE' },
  ], truckRecords() as unknown as Array<Record<string, unknown>>);
  await storage.addTable(db, 'DevOps', [
    ...['region', 'az', 'hostname'].map(dim), ...base, { name: 'measure_value::double', type: 'DOUBLE', kind: 'SINGLE_MEASURE_VALUE' },
  ], hostRecords() as unknown as Array<Record<string, unknown>>);
}
