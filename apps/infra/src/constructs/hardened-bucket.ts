import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from '../policy-document';

export interface HardenedBucketProps {
  bucketPrefix: string;
  /** Objects expire after this many days. */
  expireAfterDays: number;
  /** SSE-KMS with this key; SSE-S3 (AES256) when absent. */
  kmsKeyArn?: string;
  /** Versioning on (replication needs it); old versions expire after `noncurrentVersionDays`. */
  versioning?: { noncurrentVersionDays: number };
  /** The provider of the bucket's region (the stack's default provider when absent). */
  provider?: TerraformProvider;
  tags?: Record<string, string>;
}

/** An S3 bucket with public access blocked, encryption at rest, TLS-only access and lifecycle expiry. */
export class HardenedBucket extends Construct {
  readonly bucket: S3Bucket;
  /** Present when versioning is on: replication configurations depend on it. */
  readonly versioning?: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucket = new S3Bucket(this, 'bucket', { provider, bucketPrefix: props.bucketPrefix, forceDestroy: false, tags: props.tags });
    if (props.versioning) this.versioning = new S3BucketVersioningA(this, 'versioning', { provider, bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketOwnershipControls(this, 'ownership', { provider, bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketPublicAccessBlock(this, 'public-access', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn } : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: Boolean(props.kmsKeyArn),
        },
      ],
    });
    new S3BucketPolicy(this, 'tls-only', {
      provider,
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
    const noncurrent = props.versioning ? { noncurrentVersionExpiration: [{ noncurrentDays: props.versioning.noncurrentVersionDays }] } : {};
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: this.bucket.id,
      rule: [
        { id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.expireAfterDays }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }], ...noncurrent },
      ],
      // The lifecycle of a versioned bucket is applied once versioning is on.
      dependsOn: this.versioning ? [this.versioning] : undefined,
    });
  }
}
