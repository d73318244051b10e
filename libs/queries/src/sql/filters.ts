import { DEFAULT_CATALOGUE, type MeasureCatalogue } from '@iot-timeseries/schema';
import { QueryParameterError } from '../errors';
import { quoteIdentifier, stringLiteral } from './escape';

/** Optional filters shared by the analytics. */
export interface DeviceFilter {
  devices?: readonly string[];
  locations?: readonly string[];
}

/** `AND device_id IN (...) AND location IN (...)`, every value a quoted literal; '' when unfiltered. */
export function deviceFilterSql(filter: DeviceFilter, alias = ''): string {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const parts: string[] = [];
  if (filter.devices?.length) parts.push(`${col('device_id')} IN (${filter.devices.map((d) => stringLiteral(d, 'devices')).join(', ')})`);
  if (filter.locations?.length) parts.push(`${col('location')} IN (${filter.locations.map((l) => stringLiteral(l, 'locations')).join(', ')})`);
  return parts.map((p) => ` AND ${p}`).join('');
}

/** Checks measure names against the catalogue and returns them as quoted column names. */
export function measureColumn(name: string, catalogue: MeasureCatalogue = DEFAULT_CATALOGUE): string {
  if (!Object.hasOwn(catalogue, name)) {
    throw new QueryParameterError(`measure ${JSON.stringify(name)} is not in the catalogue (${Object.keys(catalogue).join(', ')})`);
  }
  return quoteIdentifier(name, 'measure');
}

export function measureList(names: readonly string[] | undefined, catalogue: MeasureCatalogue = DEFAULT_CATALOGUE): string[] {
  const list = names && names.length > 0 ? [...new Set(names)] : Object.keys(catalogue);
  list.forEach((n) => measureColumn(n, catalogue));
  return list;
}
