import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  LOCAL_ENVIRONMENT,
  LOCAL_PLACEHOLDER_CREDENTIALS,
  LOCAL_REJECTED_DATA_BUCKET,
  localRollupDeployment,
  rollupScheduledQueries,
  rollupSettings,
  timestreamSettings,
} from '@iot-timeseries/schema';
import { DataResource, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { RollupScheduledQueries } from '../constructs/rollup-scheduled-queries';
import { RollupTables } from '../constructs/rollup-tables';
import { TimestreamStore } from '../constructs/timestream-store';

/** The local server's region and account, as the local cloud names them (its scheduled queries are the same ones). */
const LOCAL_REGION = 'us-east-1';
const LOCAL_ACCOUNT_ID = '000000000000';

export interface LocalTimestreamStackProps {
  /** The local Timestream server, e.g. http://127.0.0.1:8000 (the local cloud's). */
  endpoint: string;
  /** Where Terraform keeps this stack's state. */
  statePath?: string;
  /** How the seed record is written before the scheduled queries are created: an interpreter and a script (local-exec). */
  seed: { interpreter: string[]; script: string };
}

/**
 * The Timestream side of the pipeline in the local Timestream server, through real Terraform: the database and
 * table, the rollup tables, the seed record and the rollups' scheduled queries (the local server has no SNS, S3
 * or IAM: the scheduled queries name the local cloud's placeholders).
 */
export class LocalTimestreamStack extends TerraformStack {
  readonly store: TimestreamStore;
  readonly rollups: RollupScheduledQueries;

  constructor(scope: Construct, id: string, props: LocalTimestreamStackProps) {
    super(scope, id);
    if (props.statePath) new LocalBackend(this, { path: props.statePath });
    new AwsProvider(this, 'aws', {
      region: LOCAL_REGION,
      // The local server takes libs/schema's placeholder credentials; they are not secrets.
      accessKey: LOCAL_PLACEHOLDER_CREDENTIALS.accessKeyId,
      secretKey: LOCAL_PLACEHOLDER_CREDENTIALS.secretAccessKey,
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
      endpoints: [{ timestreamwrite: props.endpoint, timestreamquery: props.endpoint }],
    });
    this.store = new TimestreamStore(this, 'timestream', {
      databaseName: timestreamSettings.databaseName,
      tableName: timestreamSettings.tableName,
      memoryStoreRetentionHours: timestreamSettings.retention.memoryStoreRetentionHours,
      magneticStoreRetentionDays: timestreamSettings.retention.magneticStoreRetentionDays,
      magneticStoreWrites: timestreamSettings.magneticStoreWrites.enabled
        ? { bucketName: LOCAL_REJECTED_DATA_BUCKET, keyPrefix: timestreamSettings.magneticStoreWrites.rejectedDataKeyPrefix }
        : undefined,
      tags: timestreamSettings.tags,
    });
    const tables = new RollupTables(this, 'rollup-tables', { databaseName: this.store.database.databaseName, settings: rollupSettings, rejectedDataBucket: LOCAL_REJECTED_DATA_BUCKET, tags: timestreamSettings.tags });
    // No Lambda here to invoke: the same seed records (readings and rollup tables), written by a script of this project (node is what runs it).
    const seed = new DataResource(this, 'schema-seed', {
      triggersReplace: { table: this.store.table.arn, rollupTables: tables.all().map((t) => t.arn).join(',') },
      dependsOn: [this.store.table, ...tables.all()],
      provisioners: [{ type: 'local-exec', interpreter: props.seed.interpreter, command: props.seed.script, environment: { LOCAL_TIMESTREAM_ENDPOINT: props.endpoint } }],
    });
    this.rollups = new RollupScheduledQueries(this, 'rollup-queries', {
      definitions: rollupScheduledQueries({ environment: LOCAL_ENVIRONMENT }),
      deployment: localRollupDeployment(LOCAL_REGION, LOCAL_ACCOUNT_ID),
      dependsOn: [seed, ...tables.all()],
      tags: timestreamSettings.tags,
    });
    new TerraformOutput(this, 'table_arn', { value: this.store.table.arn });
  }
}
