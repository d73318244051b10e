export { writeReadings, DEFAULT_WRITE_CONCURRENCY, type ReadingWriterOptions } from './write-readings';
export type { UnstoredReading, WriteReport } from './write-report';
export { DEFAULT_RESEND_POLICY, type ResendPolicy } from './resend-policy';
export type { WriteClient } from './send-write-requests';
export { describeError } from './classify-write-failure';
export * from './errors';
