import { IngestEnvironmentError } from '../errors';
import { checkHttpUrl, optionalValue, requiredValue, wholeNumber, type EnvironmentSource } from './environment-values';
import {
  INGEST_ENVIRONMENT as NAMES,
  INGEST_ENVIRONMENT_DEFAULTS as DEFAULTS,
  INGEST_ENVIRONMENT_RANGES as RANGES,
  type DeadLetterTarget,
  type IngestEnvironment,
  type WriteRetryMode,
} from './ingest-environment';

/**
 * Reads and checks the ingest function's environment (pure: pass `process.env` or any object).
 * Throws IngestEnvironmentError naming the first variable that is missing or malformed.
 */
export function parseIngestEnvironment(env: EnvironmentSource): IngestEnvironment {
  const deadLetter = deadLetterTarget(env);
  const endpoint = optionalValue(env, NAMES.timestreamEndpoint);
  if (endpoint) checkHttpUrl(NAMES.timestreamEndpoint, endpoint);
  return {
    databaseName: requiredValue(env, NAMES.databaseName),
    tableName: requiredValue(env, NAMES.tableName),
    region: optionalValue(env, NAMES.region) ?? optionalValue(env, NAMES.defaultRegion) ?? DEFAULTS.region,
    timestreamEndpoint: endpoint,
    deadLetter,
    writeConcurrency: optionalWholeNumber(env, 'writeConcurrency'),
    writeMaxAttempts: optionalWholeNumber(env, 'writeMaxAttempts'),
    writeRetryMode: retryMode(env),
    serviceName: optionalValue(env, NAMES.serviceName) ?? DEFAULTS.serviceName,
    metricsNamespace: optionalValue(env, NAMES.metricsNamespace) ?? DEFAULTS.metricsNamespace,
    staleAfterSeconds: optionalWholeNumber(env, 'staleAfterSeconds'),
  };
}

function deadLetterTarget(env: EnvironmentSource): DeadLetterTarget {
  const queueUrl = optionalValue(env, NAMES.deadLetterQueueUrl);
  const dir = optionalValue(env, NAMES.deadLetterDir);
  if (queueUrl && dir) throw new IngestEnvironmentError(NAMES.deadLetterDir, `set either ${NAMES.deadLetterQueueUrl} or ${NAMES.deadLetterDir}, not both`);
  if (queueUrl) {
    checkHttpUrl(NAMES.deadLetterQueueUrl, queueUrl);
    return { kind: 'sqs', queueUrl };
  }
  return dir ? { kind: 'directory', dir } : { kind: 'log' };
}

function optionalWholeNumber(env: EnvironmentSource, key: keyof typeof RANGES): number {
  const text = optionalValue(env, NAMES[key]);
  return text === undefined ? DEFAULTS[key] : wholeNumber(NAMES[key], text, RANGES[key]);
}

function retryMode(env: EnvironmentSource): WriteRetryMode {
  const text = optionalValue(env, NAMES.writeRetryMode) ?? DEFAULTS.writeRetryMode;
  if (text !== 'standard' && text !== 'adaptive') throw new IngestEnvironmentError(NAMES.writeRetryMode, `"${text}" must be standard or adaptive`);
  return text;
}
