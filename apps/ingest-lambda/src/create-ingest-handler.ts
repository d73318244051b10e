import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { PartialItemFailureResponse } from '@aws-lambda-powertools/batch/types';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamEvent, KinesisStreamRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { schemaSeedRecord } from '@iot-timeseries/schema';
import type { IngestConfig } from './config';
import type { DeadLetterSink } from './dead-letter/dead-letter';
import { BatchItemFailedError, TransientWriteError } from './errors';
import { classifyEvent } from './events/classify-event';
import { directMessage, kinesisMessage, sqsMessage } from './events/event-messages';
import type { IncomingMessage } from './events/incoming-message';
import { ingestMessages, type IngestReport } from './ingest/ingest-messages';
import type { WriteClient } from '@iot-timeseries/timestream-writer';
import type { IngestLogger } from './observability/ingest-logger';
import { addIngestMetrics, type IngestMetrics } from './observability/ingest-metrics';

export interface IngestHandlerDependencies {
  readonly writeClient: WriteClient;
  readonly deadLetter: DeadLetterSink;
  readonly config: Pick<IngestConfig, 'databaseName' | 'tableName' | 'writeConcurrency'>;
  readonly logger: IngestLogger & Partial<Pick<Logger, 'addContext'>>;
  readonly metrics: IngestMetrics;
  /** Clock (ms) for receive times of direct invocations; default Date.now. */
  readonly now?: () => number;
  /** Write a put-aside marker per letter for the data-quality rollup (on in the deployed function). */
  readonly putAsideMarkers?: boolean;
}

/** Direct invocation / IoT rule action answer. */
export interface DirectResponse {
  /** Readings stored. */
  ingested: number;
  /** Messages (by index in the payload) put aside, with the reason. */
  rejected: Array<{ index: number; reason: string }>;
}

/** Answer to SCHEMA_SEED_EVENT: the seed record written. */
export interface SeedResponse {
  seeded: { measureName: string; time: string };
}

export type IngestHandler = (event: unknown, context?: Context) => Promise<DirectResponse | PartialItemFailureResponse | SeedResponse>;

/**
 * The Lambda handler. Kinesis and SQS batches are processed in bulk (all records validated, then
 * written together), and Powertools' BatchProcessor turns the items that must be retried into the
 * partial batch response (`batchItemFailures`). Invalid messages and records refused for good are
 * put aside and not retried. A direct invocation answers `{ ingested, rejected }` and throws
 * TransientWriteError when readings could not be written for a transient reason.
 */
export function createIngestHandler(deps: IngestHandlerDependencies): IngestHandler {
  const clock = deps.now ?? Date.now;

  const ingest = async (messages: IncomingMessage[], started: number): Promise<IngestReport> => {
    const report = await ingestMessages(messages, deps, new Date(started));
    addIngestMetrics(deps.metrics, report);
    return report;
  };

  const batch = async <R extends KinesisStreamRecord | SQSRecord>(
    event: { Records: R[] },
    type: (typeof EventType)[keyof typeof EventType],
    toMessage: (record: R) => IncomingMessage,
    context: Context | undefined,
    started: number,
  ): Promise<PartialItemFailureResponse> => {
    const messages = event.Records.map(toMessage);
    const report = await ingest(messages, started);
    deps.logger.info('batch processed', {
      records: messages.length,
      readingsWritten: report.readingsWritten,
      putAside: report.putAside.length,
      itemsToRetry: report.retryItems.size,
      writeRequests: report.writeRequests,
    });
    // Each record "succeeds" unless the bulk pass named it for retry; the processor builds the response.
    return processPartialResponse(
      event,
      async (record: R) => {
        const id = 'kinesis' in record ? record.kinesis.sequenceNumber : record.messageId;
        const reasons = report.retryItems.get(id);
        if (reasons) throw new BatchItemFailedError(id, reasons);
      },
      new BatchProcessor(type),
      context ? { context } : undefined,
    );
  };

  return async (event, context) => {
    if (context) deps.logger.addContext?.(context);
    const started = clock();
    try {
      const classified = classifyEvent(event);
      switch (classified.kind) {
        case 'kinesis':
          return await batch(classified.event as KinesisStreamEvent, EventType.KinesisDataStreams, (r) => kinesisMessage(r, started), context, started);
        case 'sqs':
          return await batch(classified.event as SQSEvent, EventType.SQS, (r) => sqsMessage(r, started), context, started);
        case 'seed': {
          // Any failure is thrown: the deployment that invoked it must not go on to create the scheduled queries.
          const record = schemaSeedRecord(started);
          await deps.writeClient.send(new WriteRecordsCommand({ DatabaseName: deps.config.databaseName, TableName: deps.config.tableName, Records: [record] }));
          deps.logger.info('schema seed record written', { measureName: record.MeasureName, time: new Date(started).toISOString() });
          return { seeded: { measureName: record.MeasureName as string, time: new Date(started).toISOString() } };
        }
        case 'direct': {
          const report = await ingest([directMessage(classified.payload, started)], started);
          const reasons = report.retryItems.get('direct');
          if (reasons) throw new TransientWriteError(`readings were not written, invoke again: ${reasons.join('; ')}`);
          return {
            ingested: report.readingsWritten,
            rejected: report.putAside.map((p) => ({ index: p.index, reason: p.reason })).sort((a, b) => a.index - b.index),
          };
        }
      }
    } finally {
      deps.metrics.publishStoredMetrics();
    }
  };
}
