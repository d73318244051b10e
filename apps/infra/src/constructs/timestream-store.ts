import { TimestreamwriteDatabase } from '@cdktf/provider-aws/lib/timestreamwrite-database';
import { TimestreamwriteTable } from '@cdktf/provider-aws/lib/timestreamwrite-table';
import { Construct } from 'constructs';

export interface TimestreamStoreProps {
  databaseName: string;
  tableName: string;
  memoryStoreRetentionHours: number;
  magneticStoreRetentionDays: number;
  /** Late records (older than the memory store) are written to the magnetic store; rejected ones reported here. */
  magneticStoreWrites?: { bucketName: string; keyPrefix: string; kmsKeyArn?: string };
  /** Customer-managed KMS key for the database; the AWS-owned key when absent. */
  kmsKeyArn?: string;
  tags?: Record<string, string>;
}

/** The Timestream database and table with their retention and magnetic-store writes. */
export class TimestreamStore extends Construct {
  readonly database: TimestreamwriteDatabase;
  readonly table: TimestreamwriteTable;

  constructor(scope: Construct, id: string, props: TimestreamStoreProps) {
    super(scope, id);
    this.database = new TimestreamwriteDatabase(this, 'database', { databaseName: props.databaseName, kmsKeyId: props.kmsKeyArn, tags: props.tags });
    const writes = props.magneticStoreWrites;
    this.table = new TimestreamwriteTable(this, 'table', {
      databaseName: this.database.databaseName,
      tableName: props.tableName,
      retentionProperties: {
        memoryStoreRetentionPeriodInHours: props.memoryStoreRetentionHours,
        magneticStoreRetentionPeriodInDays: props.magneticStoreRetentionDays,
      },
      magneticStoreWriteProperties: writes
        ? {
            enableMagneticStoreWrites: true,
            magneticStoreRejectedDataLocation: {
              s3Configuration: {
                bucketName: writes.bucketName,
                objectKeyPrefix: writes.keyPrefix,
                encryptionOption: writes.kmsKeyArn ? 'SSE_KMS' : 'SSE_S3',
                kmsKeyId: writes.kmsKeyArn,
              },
            },
          }
        : { enableMagneticStoreWrites: false },
      tags: props.tags,
    });
  }
}
