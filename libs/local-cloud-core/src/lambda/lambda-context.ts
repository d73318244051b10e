import { INGEST_ENVIRONMENT, LOCAL_PLACEHOLDER_CREDENTIALS, LOCAL_PLACEHOLDER_SESSION_TOKEN, LOOPBACK_HOST } from '@iot-timeseries/schema';
import { randomUUID } from 'node:crypto';

/** The settings a local function runs with. */
export interface LambdaFunctionSettings {
  functionName: string;
  /** Path of the CommonJS bundle (dist/apps/ingest-lambda/index.js). */
  bundlePath: string;
  handlerName: string;
  timeoutMs: number;
  memorySizeMb: number;
  region: string;
  accountId: string;
  /** The function's own environment variables (DATABASE_NAME, TABLE_NAME, ...). */
  environment: Record<string, string>;
  /** Most invocations running at once (execution environments). */
  concurrency: number;
  /**
   * The environments' CPU priority (nice value, 0-19; 0 when absent). On AWS every function has its
   * own compute; here they share the machine's cores, and a function that may lag (the window
   * function) runs below the one devices wait for (the ingest function).
   */
  niceness?: number;
}

/** The serialisable part of the context object; the runtime adds getRemainingTimeInMillis and friends. */
export interface SerializableContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
}

export function functionArn(settings: LambdaFunctionSettings): string {
  return `arn:aws:lambda:${settings.region}:${settings.accountId}:function:${settings.functionName}`;
}

export function logStreamName(now: Date, instanceId: string): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${instanceId}`;
}

export function buildContext(settings: LambdaFunctionSettings, streamName: string, requestId = randomUUID()): SerializableContext {
  return {
    functionName: settings.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(settings),
    memoryLimitInMB: String(settings.memorySizeMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${settings.functionName}`,
    logStreamName: streamName,
  };
}

/** The variables the Lambda service sets in every execution environment, plus the function's own. */
export function runtimeEnvironment(settings: LambdaFunctionSettings, streamName: string): Record<string, string> {
  return {
    [INGEST_ENVIRONMENT.region]: settings.region,
    [INGEST_ENVIRONMENT.defaultRegion]: settings.region,
    AWS_LAMBDA_FUNCTION_NAME: settings.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${settings.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: streamName,
    AWS_LAMBDA_RUNTIME_API: `${LOOPBACK_HOST}:9001`,
    // Placeholder credentials (libs/schema): the local Timestream server does not check signatures.
    AWS_ACCESS_KEY_ID: LOCAL_PLACEHOLDER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_PLACEHOLDER_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: LOCAL_PLACEHOLDER_SESSION_TOKEN,
    TZ: 'UTC',
    ...settings.environment,
  };
}
