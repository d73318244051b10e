import type { CreateScheduledQueryCommandInput, ScheduledQueryDescription, TimestreamConfiguration } from '@aws-sdk/client-timestream-query';

/** The parts of a target mapping that decide what is written, in one order (defaults filled in as the service fills them). */
function canonicalTarget(target: TimestreamConfiguration | undefined): unknown {
  if (!target) return null;
  return {
    database: target.DatabaseName,
    table: target.TableName,
    time: target.TimeColumn,
    dimensions: (target.DimensionMappings ?? []).map((d) => [d.Name, d.DimensionValueType]),
    measureNameColumn: target.MeasureNameColumn || null,
    multi: target.MultiMeasureMappings
      ? {
          name: target.MultiMeasureMappings.TargetMultiMeasureName ?? null,
          attributes: (target.MultiMeasureMappings.MultiMeasureAttributeMappings ?? []).map((a) => [a.SourceColumn, a.MeasureValueType, a.TargetMultiMeasureAttributeName || a.SourceColumn]),
        }
      : null,
    mixed: target.MixedMeasureMappings?.length ? target.MixedMeasureMappings : null,
  };
}

/**
 * What differs between a scheduled query as it is and as the settings define it (empty when nothing does).
 * Only what decides the records is compared: the query, the schedule, the target mapping and where error
 * reports go; the topic and role are placeholders locally.
 */
export function definitionChanges(existing: ScheduledQueryDescription, wanted: CreateScheduledQueryCommandInput): string[] {
  const changes: string[] = [];
  if (existing.QueryString !== wanted.QueryString) changes.push('query');
  if (existing.ScheduleConfiguration?.ScheduleExpression !== wanted.ScheduleConfiguration?.ScheduleExpression) changes.push('schedule');
  if (JSON.stringify(canonicalTarget(existing.TargetConfiguration?.TimestreamConfiguration)) !== JSON.stringify(canonicalTarget(wanted.TargetConfiguration?.TimestreamConfiguration))) changes.push('target');
  const report = (c: { S3Configuration?: { BucketName?: string; ObjectKeyPrefix?: string } } | undefined) => `${c?.S3Configuration?.BucketName}/${c?.S3Configuration?.ObjectKeyPrefix ?? ''}`;
  if (report(existing.ErrorReportConfiguration) !== report(wanted.ErrorReportConfiguration)) changes.push('error reports');
  return changes;
}
