import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTimestreamLocal, type RunningTimestreamLocal } from '../../src/start';

/** A server on 127.0.0.1, port 0, in memory, that records the operations it answered (to see what a client called). */
export interface ClientServer {
  ts: RunningTimestreamLocal;
  endpoint: string;
  /** operations answered since the last `take()`, in order, e.g. `DescribeEndpoints:200` */
  take(): string[];
  close(): Promise<void>;
}

export async function startClientServer(): Promise<ClientServer> {
  let answered: string[] = [];
  const ts = await startTimestreamLocal({ host: '127.0.0.1', port: 0, retentionSweepMs: 0, onRequest: (operation, status) => answered.push(`${operation ?? '?'}:${status}`) });
  return {
    ts,
    endpoint: ts.endpoint,
    take: () => {
      const taken = answered;
      answered = [];
      return taken;
    },
    close: () => ts.close(),
  };
}

let counter = 0;
/** A database name of its own per call (the Timestream rules: 3-256 of letters, digits, `_.-`). */
export const uniqueName = (prefix: string): string => `${prefix}_${process.pid}_${++counter}`;

/**
 * A botocore data directory (for AWS_DATA_PATH) whose endpoint rule sets of both Timestream services resolve to
 * `endpoint`: botocore's own way to change where a service is, which also clients older than AWS_ENDPOINT_URL
 * (boto3 1.28, AWS CLI 1.29 / 2.13) read. Like AWS_ENDPOINT_URL, and unlike endpoint_url= / --endpoint-url, it
 * leaves endpoint discovery on. Returns the directory and a function that removes it.
 */
export function endpointRuleSets(endpoint: string): { dataPath: string; remove(): void } {
  const dataPath = mkdtempSync(path.join(tmpdir(), 'botocore-data-'));
  const ruleSet = {
    version: '1.0',
    parameters: { Region: { builtIn: 'AWS::Region', required: false, documentation: 'The AWS region', type: 'String' } },
    rules: [{ conditions: [], endpoint: { url: endpoint, properties: {}, headers: {} }, type: 'endpoint' }],
  };
  for (const service of ['timestream-write', 'timestream-query']) {
    const dir = path.join(dataPath, service, '2018-11-01');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'endpoint-rule-set-1.json'), JSON.stringify(ruleSet));
  }
  return { dataPath, remove: () => rmSync(dataPath, { recursive: true, force: true }) };
}
