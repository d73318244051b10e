import { IngestEnvironmentError, parseIngestEnvironment, type EnvironmentSource, type IngestEnvironment } from '@iot-timeseries/schema';
import { ConfigError } from './errors';

/** The function's settings: libs/schema's environment contract (`INGEST_ENVIRONMENT`), parsed. */
export type IngestConfig = IngestEnvironment;

/** Reads and checks the environment once (cold start); throws ConfigError naming the variable. */
export function loadConfig(env: EnvironmentSource): IngestConfig {
  try {
    return parseIngestEnvironment(env);
  } catch (error) {
    if (error instanceof IngestEnvironmentError) throw new ConfigError(error.variable, error.reason, { cause: error });
    throw error;
  }
}
