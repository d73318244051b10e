import { setWholeNumbers } from './environment-values';
import { INGEST_ENVIRONMENT as NAMES, INGEST_ENVIRONMENT_RANGES as RANGES, type IngestEnvironmentValues } from './ingest-environment';

/**
 * The variables a deployment of the ingest function sets, from typed values: only what is given
 * (the parser's defaults cover the rest). Whole numbers are checked against the parser's ranges
 * here already; texts are passed as they are (infra hands in Terraform references, which only
 * become URLs at deploy time).
 */
export function buildIngestEnvironment(values: IngestEnvironmentValues): Record<string, string> {
  const variables: Record<string, string> = {
    [NAMES.databaseName]: values.databaseName,
    [NAMES.tableName]: values.tableName,
  };
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) variables[name] = value;
  };
  set(NAMES.region, values.region);
  set(NAMES.timestreamEndpoint, values.timestreamEndpoint);
  if (values.deadLetter?.kind === 'sqs') set(NAMES.deadLetterQueueUrl, values.deadLetter.queueUrl);
  if (values.deadLetter?.kind === 'directory') set(NAMES.deadLetterDir, values.deadLetter.dir);
  setWholeNumbers(variables, NAMES, RANGES, values);
  set(NAMES.writeRetryMode, values.writeRetryMode);
  set(NAMES.serviceName, values.serviceName);
  set(NAMES.metricsNamespace, values.metricsNamespace);
  set(NAMES.logLevel, values.logLevel);
  return variables;
}
