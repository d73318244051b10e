/** A minimal IAM policy document builder: every statement names its actions and resources. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  /** Absent only in trust policies. */
  Resource?: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A role trust policy for an AWS service principal. */
export function assumeRolePolicy(service: string): string {
  return policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole'] }]);
}

/** A role trust policy for an AWS service acting for this account only, from the resources `sourceArn` matches (confused-deputy protection). */
export function serviceTrustPolicy(service: string, accountId: string, sourceArn: string): string {
  return policyDocument([
    { Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': sourceArn } } },
  ]);
}
