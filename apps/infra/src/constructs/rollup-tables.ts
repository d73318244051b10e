import { TimestreamwriteTable } from '@cdktf/provider-aws/lib/timestreamwrite-table';
import { rollupList, type RollupSettings } from '@iot-timeseries/schema';
import { Construct } from 'constructs';

export interface RollupTablesProps {
  /** The database (the readings' one: the rollups live beside them). */
  databaseName: string;
  settings: RollupSettings;
  /** Where the rejected-data reports of magnetic-store writes (backfills, late re-runs) go. */
  rejectedDataBucket: string;
  kmsKeyArn?: string;
  tags?: Record<string, string>;
}

/** One Timestream table per rollup of libs/schema: its retention, and magnetic-store writes for bins older than the memory store. */
export class RollupTables extends Construct {
  /** By rollup id. */
  readonly tables: Record<string, TimestreamwriteTable> = {};

  constructor(scope: Construct, id: string, props: RollupTablesProps) {
    super(scope, id);
    for (const rollup of rollupList(props.settings)) {
      const { retention, magneticStoreWrites } = rollup.table;
      this.tables[rollup.id] = new TimestreamwriteTable(this, rollup.id, {
        databaseName: props.databaseName,
        tableName: rollup.table.tableName,
        retentionProperties: {
          memoryStoreRetentionPeriodInHours: retention.memoryStoreRetentionHours,
          magneticStoreRetentionPeriodInDays: retention.magneticStoreRetentionDays,
        },
        magneticStoreWriteProperties: magneticStoreWrites.enabled
          ? {
              enableMagneticStoreWrites: true,
              magneticStoreRejectedDataLocation: {
                s3Configuration: {
                  bucketName: props.rejectedDataBucket,
                  objectKeyPrefix: magneticStoreWrites.rejectedDataKeyPrefix,
                  encryptionOption: props.kmsKeyArn ? 'SSE_KMS' : 'SSE_S3',
                  kmsKeyId: props.kmsKeyArn,
                },
              },
            }
          : { enableMagneticStoreWrites: false },
        tags: props.tags,
      });
    }
  }

  all(): TimestreamwriteTable[] {
    return Object.values(this.tables);
  }
}
