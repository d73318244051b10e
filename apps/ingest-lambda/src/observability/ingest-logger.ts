import type { Logger } from '@aws-lambda-powertools/logger';

/** The part of Powertools' Logger the handler uses. */
export type IngestLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
