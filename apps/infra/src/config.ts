import { AWS_REGION_PATTERN, disasterRecoverySettings, LOCAL_ENDPOINTS, TUMBLING_WINDOW_RANGE } from '@iot-timeseries/schema';
import path from 'node:path';
import { InfraConfigError } from './errors';
import type { GrafanaAuthentication } from './constructs/managed-grafana';
import { ENVIRONMENTS, type EnvironmentSettings } from './environments';

export interface InfraConfig {
  outdir: string;
  artifactPath: string;
  /** The AWS account the pipeline goes to (IoT policy ARNs); a placeholder for offline synth. */
  accountId: string;
  environments: EnvironmentSettings[];
  localEndpoint: string;
  localStatePath: string;
  /** Local state files of the AWS stacks when no state bucket is given. */
  stateDir: string;
  /** Remote state for the AWS stacks (S3 with lock file); local state files when absent. */
  stateBucket?: { bucket: string; region: string };
  /** The repository's root (the local stack's seed script runs from it). */
  workspaceRoot: string;
}

const ROOT = path.resolve(__dirname, '../../..');
export const PLACEHOLDER_ACCOUNT_ID = '123456789012';

/** Reads the infra app's settings from the environment once; fails naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  const accountId = env.AWS_ACCOUNT_ID ?? PLACEHOLDER_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new InfraConfigError(`AWS_ACCOUNT_ID must be 12 digits, got ${JSON.stringify(accountId)}`);
  const ingestPath = env.INFRA_INGEST_PATH;
  if (ingestPath !== undefined && ingestPath !== 'kinesis' && ingestPath !== 'timestream') {
    throw new InfraConfigError(`INFRA_INGEST_PATH must be "kinesis" or "timestream", got ${JSON.stringify(ingestPath)}`);
  }
  const email = env.INFRA_NOTIFICATION_EMAIL;
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new InfraConfigError(`INFRA_NOTIFICATION_EMAIL is not an e-mail address: ${JSON.stringify(email)}`);
  const localEndpoint = env.LOCAL_TIMESTREAM_ENDPOINT ?? LOCAL_ENDPOINTS.timestream;
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(localEndpoint)) throw new InfraConfigError(`LOCAL_TIMESTREAM_ENDPOINT must be http://127.0.0.1:<port>, got ${JSON.stringify(localEndpoint)}`);
  const grafana = grafanaSettings(env);
  const windowSeconds = windowSecondsSetting(env);
  const stateBucket = env.INFRA_STATE_BUCKET;
  if (stateBucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(stateBucket)) throw new InfraConfigError(`INFRA_STATE_BUCKET is not an S3 bucket name: ${JSON.stringify(stateBucket)}`);
  return {
    outdir: path.resolve(env.CDKTF_OUTDIR ?? path.join(ROOT, 'apps/infra/cdktf.out')),
    artifactPath: path.resolve(ROOT, env.INGEST_LAMBDA_ZIP ?? 'dist/apps/ingest-lambda/ingest-lambda.zip'),
    accountId,
    environments: Object.values(ENVIRONMENTS).map((e: EnvironmentSettings) => ({
      ...e,
      ...regions(e, env),
      ...(ingestPath ? { ingestPath } : {}),
      ...(email ? { notificationEmail: email } : {}),
      ...(grafana ? { grafana } : {}),
      ...(windowSeconds ? { windowSeconds } : {}),
    })),
    localEndpoint,
    localStatePath: path.resolve(env.LOCAL_TERRAFORM_STATE ?? path.join(ROOT, '.local-cloud/terraform/local.tfstate')),
    stateDir: path.resolve(env.INFRA_STATE_DIR ?? path.join(ROOT, 'apps/infra/.state')),
    workspaceRoot: ROOT,
    ...(stateBucket ? { stateBucket: { bucket: stateBucket, region: env.INFRA_STATE_REGION ?? env.AWS_REGION ?? 'eu-west-1' } } : {}),
  };
}

/** INFRA_GRAFANA_WORKSPACE=true adds a Managed Grafana workspace; INFRA_GRAFANA_AUTH and INFRA_GRAFANA_VERSION set it up. */
function grafanaSettings(env: NodeJS.ProcessEnv): EnvironmentSettings['grafana'] {
  const flag = env.INFRA_GRAFANA_WORKSPACE ?? 'false';
  if (flag !== 'true' && flag !== 'false') throw new InfraConfigError(`INFRA_GRAFANA_WORKSPACE must be "true" or "false", got ${JSON.stringify(flag)}`);
  if (flag === 'false') return undefined;
  const named = (env.INFRA_GRAFANA_AUTH ?? 'AWS_SSO').split(',').map((a) => a.trim());
  const auth = named.filter((a): a is GrafanaAuthentication => a === 'AWS_SSO' || a === 'SAML');
  if (auth.length === 0 || auth.length !== named.length) throw new InfraConfigError(`INFRA_GRAFANA_AUTH must be AWS_SSO, SAML or both (comma-separated), got ${JSON.stringify(env.INFRA_GRAFANA_AUTH)}`);
  const version = env.INFRA_GRAFANA_VERSION ?? '10.4';
  const [major, minor] = version.split('.').map(Number);
  if (!/^\d+\.\d+$/.test(version) || major < 10 || (major === 10 && minor < 4)) throw new InfraConfigError(`INFRA_GRAFANA_VERSION must be 10.4 or newer (the Timestream plugin needs it), got ${JSON.stringify(version)}`);
  return { authenticationProviders: auth, grafanaVersion: version };
}

/** INFRA_WINDOW_SECONDS: the window function's TumblingWindowInSeconds (libs/schema's default when absent). */
function windowSecondsSetting(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.INFRA_WINDOW_SECONDS;
  if (text === undefined) return undefined;
  const n = Number(text);
  const { min, max } = TUMBLING_WINDOW_RANGE;
  if (!/^\d+$/.test(text) || n < min || n > max) throw new InfraConfigError(`INFRA_WINDOW_SECONDS must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

/**
 * The stack's region and, for a primary, where its backups and exports are copied: AWS_REGION for the primaries,
 * INFRA_DR_REGION (libs/schema's default second region when absent) for the stand-by and the copies; the two differ.
 */
function regions(e: EnvironmentSettings, env: NodeJS.ProcessEnv): Pick<EnvironmentSettings, 'region' | 'disasterRecovery'> {
  const second = env.INFRA_DR_REGION ?? disasterRecoverySettings.defaultRegion;
  if (!AWS_REGION_PATTERN.test(second)) throw new InfraConfigError(`INFRA_DR_REGION must be an AWS region such as eu-central-1, got ${JSON.stringify(second)}`);
  // The stand-by runs in the second region; the primaries (each checked in its turn) run elsewhere.
  if (e.standby) return { region: second };
  const primary = env.AWS_REGION ?? e.region;
  if (!AWS_REGION_PATTERN.test(primary)) throw new InfraConfigError(`AWS_REGION must be an AWS region such as eu-west-1, got ${JSON.stringify(primary)}`);
  if (primary === second) throw new InfraConfigError(`INFRA_DR_REGION must differ from the primary region (AWS_REGION ${primary}): a copy in the same region does not survive its loss`);
  return { region: primary, ...(e.disasterRecovery ? { disasterRecovery: { ...e.disasterRecovery, region: second } } : {}) };
}
