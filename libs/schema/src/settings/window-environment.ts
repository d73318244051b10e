import { IngestEnvironmentError } from '../errors';
import { analyticsSettings, analyticsTables } from './analytics';
import { checkHttpUrl, optionalValue, requiredValue, setWholeNumbers, wholeNumber, type EnvironmentSource } from './environment-values';
import { INGEST_ENVIRONMENT } from './ingest-environment';
import { METRICS_NAMESPACE } from './metrics';

/**
 * The window function's environment contract (the same bundle as the ingest function, handler
 * `index.windowHandler`): infra deploys it with these variables, the local Lambda runner starts it
 * with them. Build with `buildWindowEnvironment`, read with `parseWindowEnvironment`.
 */
export const WINDOW_ENVIRONMENT = {
  databaseName: INGEST_ENVIRONMENT.databaseName,
  /** The readings table (read for nothing today; named so a deployment is explicit). */
  tableName: INGEST_ENVIRONMENT.tableName,
  windowsTableName: 'WINDOWS_TABLE_NAME',
  eventsTableName: 'EVENTS_TABLE_NAME',
  timestreamEndpoint: INGEST_ENVIRONMENT.timestreamEndpoint,
  /** SNS topic for alerts (on AWS). */
  alertTopicArn: 'ALERT_TOPIC_ARN',
  /** A directory alerts are appended to as JSON lines (locally, instead of SNS). */
  alertDir: 'ALERT_DIR',
  forecastHorizonSeconds: 'FORECAST_HORIZON_SECONDS',
  failureAlertWithinSeconds: 'FAILURE_ALERT_WITHIN_SECONDS',
  serviceName: INGEST_ENVIRONMENT.serviceName,
  metricsNamespace: INGEST_ENVIRONMENT.metricsNamespace,
  logLevel: INGEST_ENVIRONMENT.logLevel,
  region: INGEST_ENVIRONMENT.region,
  defaultRegion: INGEST_ENVIRONMENT.defaultRegion,
} as const;

export type AlertTarget = { kind: 'sns'; topicArn: string } | { kind: 'directory'; dir: string } | { kind: 'log' };

export interface WindowEnvironment {
  readonly databaseName: string;
  readonly tableName: string;
  readonly windowsTableName: string;
  readonly eventsTableName: string;
  readonly region: string;
  readonly timestreamEndpoint?: string;
  readonly alerts: AlertTarget;
  readonly forecastHorizonSeconds: number;
  readonly failureAlertWithinSeconds: number;
  readonly serviceName: string;
  readonly metricsNamespace: string;
}

export const WINDOW_ENVIRONMENT_RANGES = {
  forecastHorizonSeconds: { min: 1, max: 7 * 86_400 },
  failureAlertWithinSeconds: { min: 1, max: 365 * 86_400 },
} as const;

export const WINDOW_ENVIRONMENT_DEFAULTS = {
  windowsTableName: analyticsTables.windows.tableName,
  eventsTableName: analyticsTables.events.tableName,
  forecastHorizonSeconds: analyticsSettings.forecast.horizonSeconds,
  failureAlertWithinSeconds: analyticsSettings.failurePrediction.alertWithinSeconds,
  serviceName: 'window-lambda',
  region: 'us-east-1',
} as const;

export interface WindowEnvironmentValues extends Partial<Omit<WindowEnvironment, 'databaseName' | 'tableName'>> {
  readonly databaseName: string;
  readonly tableName: string;
  readonly logLevel?: string;
}

/** The variables a deployment of the window function sets (only what is given). */
export function buildWindowEnvironment(values: WindowEnvironmentValues): Record<string, string> {
  const out: Record<string, string> = { [WINDOW_ENVIRONMENT.databaseName]: values.databaseName, [WINDOW_ENVIRONMENT.tableName]: values.tableName };
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined) out[name] = String(value);
  };
  set(WINDOW_ENVIRONMENT.windowsTableName, values.windowsTableName);
  set(WINDOW_ENVIRONMENT.eventsTableName, values.eventsTableName);
  set(WINDOW_ENVIRONMENT.region, values.region);
  set(WINDOW_ENVIRONMENT.timestreamEndpoint, values.timestreamEndpoint);
  if (values.alerts?.kind === 'sns') set(WINDOW_ENVIRONMENT.alertTopicArn, values.alerts.topicArn);
  if (values.alerts?.kind === 'directory') set(WINDOW_ENVIRONMENT.alertDir, values.alerts.dir);
  setWholeNumbers(out, WINDOW_ENVIRONMENT, WINDOW_ENVIRONMENT_RANGES, values);
  set(WINDOW_ENVIRONMENT.serviceName, values.serviceName);
  set(WINDOW_ENVIRONMENT.metricsNamespace, values.metricsNamespace);
  set(WINDOW_ENVIRONMENT.logLevel, values.logLevel);
  return out;
}

/** Reads and checks the window function's environment; throws IngestEnvironmentError naming the variable. */
export function parseWindowEnvironment(env: EnvironmentSource): WindowEnvironment {
  const endpoint = optionalValue(env, WINDOW_ENVIRONMENT.timestreamEndpoint);
  if (endpoint) checkHttpUrl(WINDOW_ENVIRONMENT.timestreamEndpoint, endpoint);
  const topicArn = optionalValue(env, WINDOW_ENVIRONMENT.alertTopicArn);
  const dir = optionalValue(env, WINDOW_ENVIRONMENT.alertDir);
  if (topicArn && dir) throw new IngestEnvironmentError(WINDOW_ENVIRONMENT.alertDir, `set either ${WINDOW_ENVIRONMENT.alertTopicArn} or ${WINDOW_ENVIRONMENT.alertDir}, not both`);
  if (topicArn && !topicArn.startsWith('arn:')) throw new IngestEnvironmentError(WINDOW_ENVIRONMENT.alertTopicArn, `"${topicArn}" is not an SNS topic ARN`);
  const whole = (key: keyof typeof WINDOW_ENVIRONMENT_RANGES) => {
    const text = optionalValue(env, WINDOW_ENVIRONMENT[key]);
    return text === undefined ? WINDOW_ENVIRONMENT_DEFAULTS[key] : wholeNumber(WINDOW_ENVIRONMENT[key], text, WINDOW_ENVIRONMENT_RANGES[key]);
  };
  return {
    databaseName: requiredValue(env, WINDOW_ENVIRONMENT.databaseName),
    tableName: requiredValue(env, WINDOW_ENVIRONMENT.tableName),
    windowsTableName: optionalValue(env, WINDOW_ENVIRONMENT.windowsTableName) ?? WINDOW_ENVIRONMENT_DEFAULTS.windowsTableName,
    eventsTableName: optionalValue(env, WINDOW_ENVIRONMENT.eventsTableName) ?? WINDOW_ENVIRONMENT_DEFAULTS.eventsTableName,
    region: optionalValue(env, WINDOW_ENVIRONMENT.region) ?? optionalValue(env, WINDOW_ENVIRONMENT.defaultRegion) ?? WINDOW_ENVIRONMENT_DEFAULTS.region,
    timestreamEndpoint: endpoint,
    alerts: topicArn ? { kind: 'sns', topicArn } : dir ? { kind: 'directory', dir } : { kind: 'log' },
    forecastHorizonSeconds: whole('forecastHorizonSeconds'),
    failureAlertWithinSeconds: whole('failureAlertWithinSeconds'),
    serviceName: optionalValue(env, WINDOW_ENVIRONMENT.serviceName) ?? WINDOW_ENVIRONMENT_DEFAULTS.serviceName,
    metricsNamespace: optionalValue(env, WINDOW_ENVIRONMENT.metricsNamespace) ?? METRICS_NAMESPACE,
  };
}
