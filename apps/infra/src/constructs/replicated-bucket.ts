import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from '../policy-document';
import { HardenedBucket } from './hardened-bucket';

export interface ReplicatedBucketProps {
  /** Prefix of both buckets' names (the replica's ends in `dr-`). */
  bucketPrefix: string;
  /** Name of the replication role. */
  roleName: string;
  /** Current versions expire after this many days, old ones after `noncurrentVersionDays`, in both buckets. */
  expireAfterDays: number;
  noncurrentVersionDays: number;
  /** The provider of the replica's region. */
  replicaProvider: TerraformProvider;
  tags?: Record<string, string>;
}

/**
 * A hardened, versioned bucket whose every new object is replicated to a hardened, versioned
 * bucket in another region. Deletions are not replicated, so the replica survives a delete in the
 * source. SSE-S3 in both (a single-region KMS key could not encrypt the replica).
 */
export class ReplicatedBucket extends Construct {
  readonly source: HardenedBucket;
  readonly replica: HardenedBucket;
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly replication: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: ReplicatedBucketProps) {
    super(scope, id);
    const common = { expireAfterDays: props.expireAfterDays, versioning: { noncurrentVersionDays: props.noncurrentVersionDays }, tags: props.tags };
    this.source = new HardenedBucket(this, 'source', { ...common, bucketPrefix: props.bucketPrefix });
    this.replica = new HardenedBucket(this, 'replica', { ...common, bucketPrefix: `${props.bucketPrefix}dr-`, provider: props.replicaProvider });
    const source = this.source.bucket.arn;
    const replica = this.replica.bucket.arn;
    const statements: PolicyStatement[] = [
      { Sid: 'ReadReplicationConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: source },
      { Sid: 'ReadSourceVersions', Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: `${source}/*` },
      { Sid: 'WriteReplicas', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateTags'], Resource: `${replica}/*` },
    ];
    this.role = new IamRole(this, 'role', { name: props.roleName, assumeRolePolicy: assumeRolePolicy('s3.amazonaws.com'), tags: props.tags });
    this.policy = new IamRolePolicy(this, 'policy', { role: this.role.id, name: 'replicate-exports', policy: policyDocument(statements) });
    const versioned = [this.source.versioning, this.replica.versioning].filter((v) => v !== undefined);
    this.replication = new S3BucketReplicationConfigurationA(this, 'replication', {
      bucket: this.source.bucket.id,
      role: this.role.arn,
      rule: [
        {
          id: 'to-second-region',
          status: 'Enabled',
          priority: 1,
          filter: { prefix: '' },
          deleteMarkerReplication: { status: 'Disabled' },
          destination: { bucket: replica, storageClass: 'STANDARD' },
        },
      ],
      // S3 refuses a replication configuration before versioning is on in both buckets.
      dependsOn: [...versioned, this.policy],
    });
  }
}
