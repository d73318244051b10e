import type { LocalCloudConfig } from '../../src';

/** A local cloud on free ports with the direct Timestream action (no Lambda bundle needed), fast timers. */
export function directConfig(dataDir: string): LocalCloudConfig {
  return {
    host: '127.0.0.1', mqttPort: 0, timestreamPort: 0, httpPort: 0, dataDir, action: 'timestream', durability: 'fsync', streamRetentionHours: 24,
    lambdaBundle: '/nonexistent/index.js', functionName: 'ingest', streamName: 'stream', region: 'us-east-1', accountId: '000000000000',
    shardCount: 1, batchSize: 10, batchingWindowMs: 50, maxRecordsPerShard: 100, maxRetryAttempts: 0, lambdaTimeoutMs: 1000, lambdaConcurrency: 1,
    alarmIntervalMs: 200, alarmOverrides: {}, staleAfterSeconds: 300, staleCheckMs: 200, echoLambdaLogs: false,
  };
}
