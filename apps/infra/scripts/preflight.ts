import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { ListDatabasesCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { PreflightError } from '../src/errors';

export interface AwsPreflightDeps {
  terraformVersion?: string;
  sts: Pick<STSClient, 'send'>;
  timestream: Pick<TimestreamWriteClient, 'send'>;
  region: string;
}

const MIN_TERRAFORM = [1, 10];

/**
 * Checks, before anything is deployed, that terraform is installed, AWS credentials resolve, and the
 * account can use Timestream for LiveAnalytics in the region. Every missing thing is named at once.
 * Resolves to the account id the credentials belong to.
 */
export async function awsPreflight(deps: AwsPreflightDeps): Promise<{ accountId: string }> {
  const problems: string[] = [];
  const terraformProblem = checkTerraform(deps.terraformVersion);
  if (terraformProblem) problems.push(terraformProblem);
  let accountId: string | undefined;
  try {
    accountId = (await deps.sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    problems.push(`AWS credentials: ${describe(error)} (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`);
  }
  if (accountId) {
    try {
      await deps.timestream.send(new ListDatabasesCommand({ MaxResults: 1 }));
    } catch (error) {
      problems.push(`Timestream for LiveAnalytics in ${deps.region}: ${describe(error)} (it has been closed to new AWS accounts since 20 June 2025; an account that already used it, and IAM rights for timestream:ListDatabases and timestream:DescribeEndpoints, are needed)`);
    }
  }
  if (problems.length || !accountId) throw new PreflightError(`cannot deploy:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { accountId };
}

export interface LocalPreflightDeps {
  terraformVersion?: string;
  mirror?: string;
  endpoint: string;
  timestream: Pick<TimestreamWriteClient, 'send'>;
}

/** Terraform installed and the local Timestream server answering at the configured endpoint. */
export async function localPreflight(deps: LocalPreflightDeps): Promise<void> {
  const problems: string[] = [];
  const terraformProblem = checkTerraform(deps.terraformVersion);
  if (terraformProblem) problems.push(terraformProblem);
  try {
    await deps.timestream.send(new ListDatabasesCommand({ MaxResults: 1 }));
  } catch (error) {
    problems.push(`local Timestream server at ${deps.endpoint}: ${describe(error)} (start it with npm start or npx timestream-local --port 8000, or set LOCAL_TIMESTREAM_ENDPOINT to where it runs)`);
  }
  if (problems.length) throw new PreflightError(`cannot deploy the local stack:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

export function checkTerraform(version: string | undefined): string | undefined {
  if (!version) return 'terraform: not found on the PATH (install terraform >= 1.10)';
  const [major, minor] = version.split('.').map(Number);
  if (major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) return `terraform: ${version} is too old (>= 1.10 is needed for S3 state locking)`;
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    const name = error.name === 'Error' && code ? code : error.name;
    return `${name}: ${error.message || 'no message'}`;
  }
  return String(error);
}
