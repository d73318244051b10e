import type { TimestreamConfiguration } from '@aws-sdk/client-timestream-query';
import type { ResultType, ScalarTypeName } from '../query/result-types';
import type { ScalarType } from '../storage/catalog-types';
import { recordPlans } from './target-rules';

export interface ResultColumn {
  name: string;
  type: ResultType;
}

/** Result column types a target type reads (a NULL literal's UNKNOWN fits every one). */
const ACCEPTS: Record<ScalarType, ScalarTypeName[]> = {
  DOUBLE: ['DOUBLE', 'BIGINT', 'INTEGER'],
  BIGINT: ['BIGINT', 'INTEGER'],
  VARCHAR: ['VARCHAR'],
  BOOLEAN: ['BOOLEAN'],
  TIMESTAMP: ['TIMESTAMP'],
};

const typeName = (type: ResultType): string => (type.kind === 'scalar' ? type.scalar : type.kind.toUpperCase());

/** What is wrong between the mapping and the query's result columns (empty when every mapped column exists with a fitting type). */
export function mappingColumnProblems(target: TimestreamConfiguration, columns: ResultColumn[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, ResultColumn>();
  for (const c of columns) if (!byName.has(c.name)) byName.set(c.name, c);
  const need = (name: string, as: string, type: ScalarType) => {
    const column = byName.get(name);
    if (!column) {
      problems.push(`the query result has no column ${name} (mapped as ${as})`);
      return;
    }
    const fits = column.type.kind === 'scalar' && (column.type.scalar === 'UNKNOWN' || ACCEPTS[type].includes(column.type.scalar));
    if (!fits) problems.push(`column ${name} of the query result is ${typeName(column.type)}; ${as} needs ${type}`);
  };
  need(target.TimeColumn as string, 'TimeColumn', 'TIMESTAMP');
  for (const d of target.DimensionMappings ?? []) need(d.Name as string, 'a dimension', 'VARCHAR');
  if (target.MeasureNameColumn) need(target.MeasureNameColumn, 'MeasureNameColumn', 'VARCHAR');
  for (const plan of recordPlans(target)) {
    if (plan.kind === 'single') need(plan.source, `measure ${plan.measureName}`, plan.type);
    else for (const a of plan.attributes) need(a.source, `multi-measure attribute ${a.target}`, a.type);
  }
  return [...new Set(problems)];
}
