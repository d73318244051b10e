import { DEFAULT_CATALOGUE, type MeasureCatalogue } from '@iot-timeseries/schema';
import { QueryParameterError } from '../errors';
import { quoteIdentifier, stringLiteral } from './escape';
import { isTemplateToken, type TemplateToken } from './template';

/**
 * Optional filters shared by the analytics: lists of values, or a dashboard variable the front
 * end replaces with a list of quoted literals (`device_id IN ($device)`).
 */
export interface DeviceFilter {
  devices?: readonly string[] | TemplateToken;
  locations?: readonly string[] | TemplateToken;
}

/** `AND device_id IN (...) AND location IN (...)`, every value a quoted literal; '' when unfiltered. */
export function deviceFilterSql(filter: DeviceFilter, alias = ''): string {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const parts: string[] = [];
  const add = (column: string, values: readonly string[] | TemplateToken | undefined, parameter: string) => {
    if (isTemplateToken(values)) parts.push(`${col(column)} IN (${values.text})`);
    else if (values?.length) parts.push(`${col(column)} IN (${values.map((v) => stringLiteral(v, parameter)).join(', ')})`);
  };
  add('device_id', filter.devices, 'devices');
  add('location', filter.locations, 'locations');
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
