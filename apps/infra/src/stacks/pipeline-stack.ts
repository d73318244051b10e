import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  ALARM_DEFINITIONS,
  ANALYTICS_ALARM_DEFINITIONS,
  ANALYTICS_METRICS,
  analyticsSettings,
  buildIngestEnvironment,
  disasterRecoverySettings,
  DIMENSION_NAMES,
  MEASURE_NAMES,
  METRICS_NAMESPACE,
  STALE_DEVICE_AFTER_SECONDS,
  MQTT_TOPIC,
  PIPELINE_METRICS,
  ROLLUP_SEED_EVENT,
  baselineSourceRollup,
  rollupScheduledQueries,
  rollupSettings,
  SCHEMA_SEED_EVENT,
  streamConsumerSettings,
  timestreamSettings,
  topicRule,
  type AlarmDefinition,
  type AlarmScope,
  type BackupSettings,
  type ExportSettings,
} from '@iot-timeseries/schema';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { LambdaArtifact } from '../artifact';
import { DevicePolicy } from '../constructs/device-policy';
import { DisasterRecovery } from '../constructs/disaster-recovery';
import { HardenedBucket } from '../constructs/hardened-bucket';
import { DISCOVER_ENDPOINTS, PipelineFunction } from '../constructs/pipeline-function';
import { IngestStream } from '../constructs/ingest-stream';
import { ManagedGrafana, type GrafanaAuthentication } from '../constructs/managed-grafana';
import { PipelineAlarms } from '../constructs/pipeline-alarms';
import { PipelineDashboard } from '../constructs/pipeline-dashboard';
import { RollupScheduledQueries } from '../constructs/rollup-scheduled-queries';
import { RollupTables } from '../constructs/rollup-tables';
import { ScheduledQueryRole } from '../constructs/scheduled-query-role';
import { ScheduledQueryTopic } from '../constructs/scheduled-query-topic';
import { Schedule } from '../constructs/schedule';
import { SensorTopicRule } from '../constructs/sensor-topic-rule';
import { TimestreamStore } from '../constructs/timestream-store';
import { WindowAnalytics } from '../constructs/window-analytics';

export interface PipelineStackProps {
  /** Environment name (dev, prod, …): part of every resource name. */
  environment: string;
  region: string;
  accountId: string;
  lambdaArtifact: LambdaArtifact;
  /** kinesis (default): rule → stream → Lambda; timestream: the rule's direct Timestream action. */
  ingestPath?: 'kinesis' | 'timestream';
  databaseName?: string;
  tableName?: string;
  memoryStoreRetentionHours?: number;
  magneticStoreRetentionDays?: number;
  /** Overrides of the shared alarm thresholds, by alarm id. */
  alarmThresholds?: Record<string, number>;
  notificationEmail?: string;
  /** Customer-managed KMS key for the database and the rejected-data bucket. */
  kmsKeyArn?: string;
  logRetentionDays?: number;
  /** The stale-device probe's threshold (default from libs/schema). */
  staleAfterSeconds?: number;
  tags?: Record<string, string>;
  /** An Amazon Managed Grafana workspace reading the table (off unless given). */
  grafana?: { authenticationProviders: GrafanaAuthentication[]; grafanaVersion: string };
  /** The window function's TumblingWindowInSeconds (default from libs/schema); it runs on the Kinesis ingest path only. */
  windowSeconds?: number;
  /** AWS Backup of the tables with copies to `region`'s vault, and the export bucket replicated there (off unless given). */
  disasterRecovery?: { region: string; backup?: BackupSettings; exports?: ExportSettings };
}

/** The whole pipeline in one AWS account and region. Defaults come from libs/schema's settings. */
export class PipelineStack extends TerraformStack {
  readonly store: TimestreamStore;
  readonly ingest: PipelineFunction;
  readonly staleProbe: PipelineFunction;
  /** Seeds the rollup tables at deployment (invoked once they exist). */
  readonly rollupSeed: PipelineFunction;
  readonly stream: IngestStream;
  readonly rule: SensorTopicRule;
  readonly alarms: PipelineAlarms;
  /** Predictive maintenance (the window function and its tables, topic and alarm), on the Kinesis path. */
  readonly windows?: WindowAnalytics;
  readonly rollupTables: RollupTables;
  readonly rollups: RollupScheduledQueries;
  readonly grafana?: ManagedGrafana;
  readonly disasterRecovery?: DisasterRecovery;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id);
    const prefix = `iot-timeseries-${props.environment}`;
    const tags = { ...timestreamSettings.tags, Environment: props.environment, ...props.tags };
    new AwsProvider(this, 'aws', { region: props.region, defaultTags: [{ tags }] });

    const rejected = new HardenedBucket(this, 'rejected-data', { bucketPrefix: `${prefix}-rejected-`, expireAfterDays: 90, kmsKeyArn: props.kmsKeyArn });
    this.store = new TimestreamStore(this, 'timestream', {
      databaseName: props.databaseName ?? timestreamSettings.databaseName,
      tableName: props.tableName ?? timestreamSettings.tableName,
      memoryStoreRetentionHours: props.memoryStoreRetentionHours ?? timestreamSettings.retention.memoryStoreRetentionHours,
      magneticStoreRetentionDays: props.magneticStoreRetentionDays ?? timestreamSettings.retention.magneticStoreRetentionDays,
      magneticStoreWrites: timestreamSettings.magneticStoreWrites.enabled
        ? { bucketName: rejected.bucket.bucket, keyPrefix: timestreamSettings.magneticStoreWrites.rejectedDataKeyPrefix, kmsKeyArn: props.kmsKeyArn }
        : undefined,
      kmsKeyArn: props.kmsKeyArn,
    });

    this.stream = new IngestStream(this, 'stream', {
      streamName: `${prefix}-readings`,
      batchSize: 500,
      batchingWindowSeconds: 5,
      maximumRetryAttempts: 5,
      maximumRecordAgeSeconds: 6 * 3600,
      parallelizationFactor: streamConsumerSettings.parallelizationFactor,
    });
    const functionName = `${prefix}-ingest`;
    const functionEnvironment = {
      databaseName: this.store.database.databaseName,
      tableName: this.store.table.tableName,
      // The pipeline's metrics (and the alarms on them) carry this service name, whichever function emits them.
      serviceName: functionName,
      metricsNamespace: METRICS_NAMESPACE,
    };
    this.ingest = new PipelineFunction(this, 'ingest', {
      functionName,
      handler: 'index.handler',
      artifact: props.lambdaArtifact,
      logRetentionDays: props.logRetentionDays ?? 30,
      environment: buildIngestEnvironment({ ...functionEnvironment, deadLetter: { kind: 'sqs', queueUrl: this.stream.deadLetterQueue.url } }),
      statements: [
        { Sid: 'WriteReadings', Effect: 'Allow', Action: ['timestream:WriteRecords'], Resource: this.store.table.arn },
        DISCOVER_ENDPOINTS,
        ...this.stream.consumerStatements(),
      ],
    });
    this.stream.connect(this.ingest.function.functionName);

    // Publishes StaleDevices every minute from the same stale-devices analytic the dashboard uses.
    this.staleProbe = new PipelineFunction(this, 'stale-probe', {
      functionName: `${prefix}-stale-devices`,
      handler: 'index.staleDevicesHandler',
      artifact: props.lambdaArtifact,
      logRetentionDays: props.logRetentionDays ?? 30,
      timeoutSeconds: 30,
      environment: buildIngestEnvironment({ ...functionEnvironment, staleAfterSeconds: props.staleAfterSeconds ?? STALE_DEVICE_AFTER_SECONDS }),
      statements: [{ Sid: 'QueryReadings', Effect: 'Allow', Action: ['timestream:Select'], Resource: this.store.table.arn }, DISCOVER_ENDPOINTS],
    });
    new Schedule(this, 'stale-probe-schedule', {
      ruleName: `${prefix}-stale-devices`,
      description: 'Runs the stale-device probe, which publishes the StaleDevices metric',
      scheduleExpression: 'rate(1 minute)',
      functionName: this.staleProbe.function.functionName,
      functionArn: this.staleProbe.function.arn,
    });

    // Rollups: derived tables written by scheduled queries, from libs/schema's definitions (the local cloud creates the same).
    const databaseName = props.databaseName ?? timestreamSettings.databaseName;
    const rollups = { ...rollupSettings, databaseName };
    this.rollupTables = new RollupTables(this, 'rollup-tables', { databaseName: this.store.database.databaseName, settings: rollups, rejectedDataBucket: rejected.bucket.bucket, kmsKeyArn: props.kmsKeyArn });
    const errorReports = new HardenedBucket(this, 'scheduled-query-errors', { bucketPrefix: `${prefix}-sq-errors-`, expireAfterDays: 90, kmsKeyArn: props.kmsKeyArn });
    const queryTopic = new ScheduledQueryTopic(this, 'scheduled-query-topic', { topicName: `${prefix}-scheduled-queries`, notificationEmail: props.notificationEmail });
    const queryRole = new ScheduledQueryRole(this, 'scheduled-query-role', {
      roleName: `${prefix}-scheduled-queries`,
      region: props.region,
      accountId: props.accountId,
      sourceTableArn: this.store.table.arn,
      targetTableArns: this.rollupTables.all().map((t) => t.arn),
      sourceRollupTableArns: [this.rollupTables.tables[baselineSourceRollup(rollups).id].arn],
      topicArn: queryTopic.topic.arn,
      errorReports: { bucketArn: errorReports.bucket.arn, keyPrefix: rollups.errorReportKeyPrefix },
      kmsKeyArn: props.kmsKeyArn,
    });
    // A scheduled query over a column nothing was written to cannot be created: the ingest function writes the seed record first.
    const seed = new LambdaInvocation(this, 'schema-seed', {
      functionName: this.ingest.function.functionName,
      input: JSON.stringify(SCHEMA_SEED_EVENT),
      dependsOn: [this.ingest.policy, this.ingest.logGroup],
    });
    // The rollup tables have no columns until a run writes to them, so long-range readers would fail for up to an
    // hour: a function of its own (only it may write to them, not the ingest function) writes each one's seed record.
    this.rollupSeed = new PipelineFunction(this, 'rollup-seed', {
      functionName: `${prefix}-rollup-seed`,
      handler: 'index.rollupSeedHandler',
      artifact: props.lambdaArtifact,
      logRetentionDays: props.logRetentionDays ?? 30,
      timeoutSeconds: 30,
      environment: buildIngestEnvironment(functionEnvironment),
      statements: [{ Sid: 'SeedRollupTables', Effect: 'Allow', Action: ['timestream:WriteRecords'], Resource: this.rollupTables.all().map((t) => t.arn) }, DISCOVER_ENDPOINTS],
    });
    const rollupSeed = new LambdaInvocation(this, 'rollup-tables-seed', {
      functionName: this.rollupSeed.function.functionName,
      input: JSON.stringify(ROLLUP_SEED_EVENT),
      // a replaced rollup table is seeded again
      triggers: { tables: this.rollupTables.all().map((t) => t.arn).join(',') },
      dependsOn: [this.rollupSeed.policy, this.rollupSeed.logGroup, ...this.rollupTables.all()],
    });
    this.rollups = new RollupScheduledQueries(this, 'rollup-queries', {
      definitions: rollupScheduledQueries({
        environment: props.environment,
        settings: rollups,
        source: { databaseName, tableName: props.tableName ?? timestreamSettings.tableName, multiMeasureName: timestreamSettings.multiMeasureName },
      }),
      deployment: { topicArn: queryTopic.topic.arn, executionRoleArn: queryRole.role.arn, errorReportBucket: errorReports.bucket.bucket },
      dependsOn: [seed, rollupSeed, queryRole.policy, ...this.rollupTables.all()],
      kmsKeyArn: props.kmsKeyArn,
    });

    const deadLetters = { url: this.stream.deadLetterQueue.url, arn: this.stream.deadLetterQueue.arn };
    const ingestPath = props.ingestPath ?? topicRule.defaultAction;
    if (ingestPath === 'kinesis') {
      this.windows = new WindowAnalytics(this, 'windows', {
        namePrefix: prefix,
        databaseName: this.store.database.databaseName,
        readingsTableName: this.store.table.tableName,
        stream: { arn: this.stream.stream.arn, readStatement: this.stream.readStatement() },
        artifact: props.lambdaArtifact,
        windowSeconds: props.windowSeconds ?? analyticsSettings.windowSeconds,
        logRetentionDays: props.logRetentionDays ?? 30,
        notificationEmail: props.notificationEmail,
      });
    }

    const ruleName = `${topicRule.name}_${props.environment.replace(/[^a-zA-Z0-9_]/g, '_')}`;
    this.rule =
      ingestPath === 'kinesis'
        ? new SensorTopicRule(this, 'rule', {
            action: 'kinesis',
            ruleName,
            topic: topicRule.topic,
            sql: topicRule.sql,
            sqlVersion: topicRule.sqlVersion,
            stream: { name: this.stream.stream.name, arn: this.stream.stream.arn },
            partitionKeyTemplate: topicRule.kinesisPartitionKey,
            errorQueue: deadLetters,
          })
        : new SensorTopicRule(this, 'rule', {
            action: 'timestream',
            ruleName,
            topic: topicRule.topic,
            sqlVersion: topicRule.sqlVersion,
            database: this.store.database.databaseName,
            table: { name: this.store.table.tableName, arn: this.store.table.arn },
            measures: MEASURE_NAMES,
            dimensions: DIMENSION_NAMES,
            errorQueue: deadLetters,
          });
    new DevicePolicy(this, 'device-policy', { policyName: `${prefix}-device`, region: props.region, accountId: props.accountId, topic: MQTT_TOPIC });

    const dimensions: Record<AlarmScope, Record<string, string>> = {
      'timestream-write': { DatabaseName: this.store.database.databaseName, TableName: this.store.table.tableName, Operation: 'WriteRecords' },
      'timestream-query': { Operation: 'Query' },
      lambda: { FunctionName: functionName },
      pipeline: { service: functionName },
    };
    const definitions: AlarmDefinition[] = ALARM_DEFINITIONS.map((d) => ({ ...d, threshold: props.alarmThresholds?.[d.id] ?? d.threshold }));
    this.alarms = new PipelineAlarms(this, 'alarms', { namePrefix: prefix, definitions, dimensions, notificationEmail: props.notificationEmail });
    if (this.windows) {
      const windowFunction = this.windows.function.function.functionName;
      this.alarms.add(ANALYTICS_ALARM_DEFINITIONS.map((d) => ({ ...d, threshold: props.alarmThresholds?.[d.id] ?? d.threshold })), { ...dimensions, lambda: { FunctionName: windowFunction }, pipeline: { service: windowFunction } });
    }
    new PipelineDashboard(this, 'dashboard', {
      dashboardName: `${prefix}-pipeline`,
      region: props.region,
      definitions,
      dimensions,
      extraMetrics: [
        { title: 'Readings ingested', namespace: METRICS_NAMESPACE, metric: PIPELINE_METRICS.readingsIngested, dimensions: dimensions.pipeline, stat: 'Sum' },
        { title: 'Invalid messages', namespace: METRICS_NAMESPACE, metric: PIPELINE_METRICS.messagesInvalid, dimensions: dimensions.pipeline, stat: 'Sum' },
        { title: 'WriteRecords calls', namespace: METRICS_NAMESPACE, metric: PIPELINE_METRICS.writeRecordsCalls, dimensions: dimensions.pipeline, stat: 'Sum' },
        ...(this.windows
          ? [
              { title: 'Predicted failures', namespace: METRICS_NAMESPACE, metric: ANALYTICS_METRICS.predictedFailures, dimensions: { service: this.windows.function.function.functionName }, stat: 'Sum' },
              { title: 'Device alerts raised', namespace: METRICS_NAMESPACE, metric: ANALYTICS_METRICS.alertsRaised, dimensions: { service: this.windows.function.function.functionName }, stat: 'Sum' },
            ]
          : []),
      ],
    });

    new TerraformOutput(this, 'database_name', { value: this.store.database.databaseName });
    new TerraformOutput(this, 'table_name', { value: this.store.table.tableName });
    new TerraformOutput(this, 'table_arn', { value: this.store.table.arn });
    new TerraformOutput(this, 'ingest_function', { value: this.ingest.function.functionName });
    new TerraformOutput(this, 'stream_name', { value: this.stream.stream.name });
    new TerraformOutput(this, 'dead_letter_queue_url', { value: deadLetters.url });
    new TerraformOutput(this, 'topic_rule', { value: this.rule.rule.name });
    new TerraformOutput(this, 'alarm_topic_arn', { value: this.alarms.topic.arn });
    new TerraformOutput(this, 'scheduled_query_topic_arn', { value: queryTopic.topic.arn });
    new TerraformOutput(this, 'scheduled_query_error_bucket', { value: errorReports.bucket.bucket });

    if (this.windows) {
      new TerraformOutput(this, 'window_function', { value: this.windows.function.function.functionName });
      new TerraformOutput(this, 'alert_topic_arn', { value: this.windows.alertTopic.arn });
      new TerraformOutput(this, 'events_table_name', { value: this.windows.eventsTable.tableName });
      new TerraformOutput(this, 'windows_table_name', { value: this.windows.windowsTable.tableName });
    }

    if (props.disasterRecovery) {
      const dr = props.disasterRecovery;
      const secondRegion = new AwsProvider(this, 'aws-dr', { alias: 'dr', region: dr.region, defaultTags: [{ tags }] });
      this.disasterRecovery = new DisasterRecovery(this, 'disaster-recovery', {
        namePrefix: prefix,
        accountId: props.accountId,
        region: props.region,
        secondRegion: dr.region,
        secondRegionProvider: secondRegion,
        databaseName,
        // every table the stack writes: the readings, the rollups and the window function's forecasts and alerts
        tableArns: [this.store.table.arn, ...this.rollupTables.all().map((t) => t.arn), ...(this.windows ? [this.windows.windowsTable.arn, this.windows.eventsTable.arn] : [])],
        tableKmsKeyArn: props.kmsKeyArn,
        backup: dr.backup ?? disasterRecoverySettings.backup,
        exports: dr.exports ?? disasterRecoverySettings.exports,
      });
      const { vault, copyVault, roles, exports } = this.disasterRecovery;
      new TerraformOutput(this, 'backup_vault_arn', { value: vault.vault.arn });
      new TerraformOutput(this, 'backup_copy_vault_arn', { value: copyVault.vault.arn });
      new TerraformOutput(this, 'backup_restore_role_arn', { value: roles.restoreRole.arn });
      new TerraformOutput(this, 'export_bucket', { value: exports.source.bucket.bucket });
      new TerraformOutput(this, 'export_replica_bucket', { value: exports.replica.bucket.bucket });
    }

    if (props.grafana) {
      this.grafana = new ManagedGrafana(this, 'grafana', {
        workspaceName: `${prefix}-grafana`,
        region: props.region,
        accountId: props.accountId,
        database: { arn: this.store.database.arn },
        tables: [this.store.table, ...this.rollupTables.all()],
        ...props.grafana,
      });
      new TerraformOutput(this, 'grafana_workspace_endpoint', { value: this.grafana.workspace.endpoint });
      new TerraformOutput(this, 'grafana_role_arn', { value: this.grafana.role.arn });
    }
  }
}
