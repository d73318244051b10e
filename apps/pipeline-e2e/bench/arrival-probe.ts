import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { QueryFailedError, runQuery, type DecodedRow } from '@iot-timeseries/queries';
import { LOCAL_PLACEHOLDER_CREDENTIALS, timestreamSettings } from '@iot-timeseries/schema';
import { readingKey } from './timed-target';

const TABLE = `"${timestreamSettings.databaseName}"."${timestreamSettings.tableName}"`;

/**
 * Polls the Timestream Query API every `pollMs` for readings not seen yet and notes, for each, the
 * time of the first poll that returned it: "queryable at". The latency it gives is an upper bound,
 * late by at most one poll (plus the query's own time) — the figure a dashboard user would see.
 */
export class ArrivalProbe {
  /** Reading key -> time (ms) of the poll that first returned it. */
  readonly seenAt = new Map<string, number>();
  polls = 0;
  private readonly client: TimestreamQueryClient;
  private stopped = false;
  private loop?: Promise<void>;

  /** Index in `acknowledged.order` before which every reading was seen. */
  private head = 0;

  constructor(
    endpoint: string,
    /** The readings acknowledged so far, in the order of their acknowledgements (filled while the probe runs). */
    private readonly acknowledged: { readonly order: ReadonlyArray<{ key: string; timeMs: number }> },
    private readonly pollMs = 250,
  ) {
    this.client = new TimestreamQueryClient({ endpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS });
  }

  start(): void {
    this.loop = this.run();
  }

  /** Polls until every acknowledged reading was seen or `timeoutMs` passed; then stops. */
  async waitForAll(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.head < this.acknowledged.order.length) {
      this.oldestUnseen();
      await sleep(this.pollMs);
    }
    this.stopped = true;
    await this.loop;
    this.client.destroy();
  }

  /** Time of the oldest acknowledged reading not seen yet (now when all were seen). */
  private oldestUnseen(): number {
    const order = this.acknowledged.order;
    while (this.head < order.length && this.seenAt.has(order[this.head].key)) this.head++;
    return this.head < order.length ? order[this.head].timeMs : Date.now();
  }

  private async readSince(since: number): Promise<DecodedRow[]> {
    try {
      return (await runQuery(this.client, `SELECT device_id, time FROM ${TABLE} WHERE time >= from_milliseconds(${since})`, { timeoutMs: 30_000 })).rows;
    } catch (error) {
      // Before the first write the table has no device_id column yet (Timestream's schema follows the writes).
      if (error instanceof QueryFailedError && /Column 'device_id' does not exist/.test(error.message)) return [];
      throw error;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const started = Date.now();
      const since = Math.min(this.oldestUnseen(), started) - LOOK_BACK_MS;
      const rows = await this.readSince(since);
      const returnedAt = Date.now();
      this.polls++;
      for (const row of rows) {
        const key = readingKey(String(row.device_id), (row.time as { date: Date }).date.getTime());
        if (!this.seenAt.has(key)) this.seenAt.set(key, returnedAt);
      }
      await sleep(Math.max(0, this.pollMs - (Date.now() - started)));
    }
  }
}

/** Each poll also looks this far before the oldest reading it waits for (readings published but not yet acknowledged, and not in time order). */
const LOOK_BACK_MS = 1_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
