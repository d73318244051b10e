import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Construct } from 'constructs';
import { policyDocument } from '../policy-document';

export interface HardenedBucketProps {
  bucketPrefix: string;
  /** Objects expire after this many days. */
  expireAfterDays: number;
  /** SSE-KMS with this key; SSE-S3 (AES256) when absent. */
  kmsKeyArn?: string;
  tags?: Record<string, string>;
}

/** An S3 bucket with public access blocked, encryption at rest, TLS-only access and lifecycle expiry. */
export class HardenedBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucketPrefix: props.bucketPrefix, forceDestroy: false, tags: props.tags });
    new S3BucketOwnershipControls(this, 'ownership', { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn } : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: Boolean(props.kmsKeyArn),
        },
      ],
    });
    new S3BucketPolicy(this, 'tls-only', {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['s3:*'],
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        { id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.expireAfterDays }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
      ],
    });
  }
}
