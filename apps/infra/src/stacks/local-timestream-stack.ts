import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LOCAL_PLACEHOLDER_CREDENTIALS, LOCAL_REJECTED_DATA_BUCKET, timestreamSettings } from '@iot-timeseries/schema';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { TimestreamStore } from '../constructs/timestream-store';

export interface LocalTimestreamStackProps {
  /** The local Timestream server, e.g. http://127.0.0.1:8000 (the local cloud's). */
  endpoint: string;
  /** Where Terraform keeps this stack's state. */
  statePath?: string;
}

/** Only the Timestream database and table, created in the local Timestream server through real Terraform. */
export class LocalTimestreamStack extends TerraformStack {
  readonly store: TimestreamStore;

  constructor(scope: Construct, id: string, props: LocalTimestreamStackProps) {
    super(scope, id);
    if (props.statePath) new LocalBackend(this, { path: props.statePath });
    new AwsProvider(this, 'aws', {
      region: 'us-east-1',
      // The local server takes libs/schema's placeholder credentials; they are not secrets.
      accessKey: LOCAL_PLACEHOLDER_CREDENTIALS.accessKeyId,
      secretKey: LOCAL_PLACEHOLDER_CREDENTIALS.secretAccessKey,
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
      endpoints: [{ timestreamwrite: props.endpoint }],
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
    new TerraformOutput(this, 'table_arn', { value: this.store.table.arn });
  }
}
