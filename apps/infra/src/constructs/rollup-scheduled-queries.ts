import { TimestreamqueryScheduledQuery } from '@cdktf/provider-aws/lib/timestreamquery-scheduled-query';
import type { RollupDeployment, RollupScheduledQuery } from '@iot-timeseries/schema';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface RollupScheduledQueriesProps {
  /** libs/schema's `rollupScheduledQueries` for the environment. */
  definitions: readonly RollupScheduledQuery[];
  deployment: RollupDeployment;
  /**
   * What must exist first: the rollup tables, the role's policy, and the seed that gives the readings' table
   * its columns (a scheduled query over a missing column cannot be created: "Column … does not exist").
   */
  dependsOn: ITerraformDependable[];
  kmsKeyArn?: string;
  tags?: Record<string, string>;
}

/** One `aws_timestreamquery_scheduled_query` per rollup, from the same definitions the local cloud creates. */
export class RollupScheduledQueries extends Construct {
  /** By rollup id. */
  readonly queries: Record<string, TimestreamqueryScheduledQuery> = {};

  constructor(scope: Construct, id: string, props: RollupScheduledQueriesProps) {
    super(scope, id);
    for (const q of props.definitions) {
      const target = q.target;
      const multi = target.MultiMeasureMappings;
      this.queries[q.rollup.id] = new TimestreamqueryScheduledQuery(this, q.rollup.id, {
        name: q.name,
        queryString: q.queryString,
        executionRoleArn: props.deployment.executionRoleArn,
        kmsKeyId: props.kmsKeyArn,
        scheduleConfiguration: [{ scheduleExpression: q.scheduleExpression }],
        notificationConfiguration: [{ snsConfiguration: [{ topicArn: props.deployment.topicArn }] }],
        errorReportConfiguration: [
          { s3Configuration: [{ bucketName: props.deployment.errorReportBucket, objectKeyPrefix: q.errorReportKeyPrefix, encryptionOption: props.kmsKeyArn ? 'SSE_KMS' : 'SSE_S3' }] },
        ],
        targetConfiguration: [
          {
            timestreamConfiguration: [
              {
                databaseName: target.DatabaseName as string,
                tableName: target.TableName as string,
                timeColumn: target.TimeColumn as string,
                dimensionMapping: (target.DimensionMappings ?? []).map((d) => ({ name: d.Name as string, dimensionValueType: d.DimensionValueType as string })),
                multiMeasureMappings: multi
                  ? [
                      {
                        targetMultiMeasureName: multi.TargetMultiMeasureName,
                        multiMeasureAttributeMapping: (multi.MultiMeasureAttributeMappings ?? []).map((m) => ({ sourceColumn: m.SourceColumn as string, measureValueType: m.MeasureValueType as string })),
                      },
                    ]
                  : undefined,
              },
            ],
          },
        ],
        tags: props.tags,
        dependsOn: props.dependsOn,
        // provider 5.100.0 plans the removal of these computed-only blocks once a run has filled them
        lifecycle: { ignoreChanges: ['last_run_summary', 'recently_failed_runs'] },
      });
    }
  }
}
