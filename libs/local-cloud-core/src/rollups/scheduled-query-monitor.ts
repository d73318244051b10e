import { DescribeScheduledQueryCommand, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import type { ScheduledQueriesReport, ScheduledQueryState } from '@iot-timeseries/local-cloud-client';
import { NOTIFICATIONS_PATH, type SnsNotification } from '@iot-timeseries/timestream-local';
import type { EnsuredRollups } from './ensure-rollups';
import { toNotice, toState } from './scheduled-query-report';

/** How often the route's figures are read from the local server. */
export const SCHEDULED_QUERY_REFRESH_MS = 5_000;
/** How many notifications the route keeps (newest first). */
const NOTICES_SHOWN = 50;

export interface ScheduledQueryMonitorOptions {
  query: Pick<TimestreamQueryClient, 'send'>;
  /** The local Timestream endpoint (its `/_local/scheduled-query-notifications`). */
  endpoint: string;
  rollups: EnsuredRollups;
  now?: () => number;
}

/**
 * Keeps the rollups' scheduled queries as the local server describes them, and the notifications their topic
 * received, for `GET /scheduled-queries`: read every few seconds, so the route answers at once.
 */
export class ScheduledQueryMonitor {
  private states: ScheduledQueryState[] = [];
  private notices: ScheduledQueriesReport['notifications'] = [];
  private refreshedAt: string | null = null;
  private error: string | undefined;
  private readonly names: Map<string, string>;

  constructor(private readonly options: ScheduledQueryMonitorOptions) {
    this.names = new Map(options.rollups.queries.map((q) => [q.arn, q.name]));
  }

  /** Reads every scheduled query and the topic's notifications; a failure is kept for the route (the last figures stay). */
  async refresh(): Promise<void> {
    const { query, rollups } = this.options;
    try {
      const states = await Promise.all(
        rollups.queries.map(async (q) => {
          const { ScheduledQuery } = await query.send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: q.arn }));
          if (!ScheduledQuery) throw new Error(`DescribeScheduledQuery answered nothing for ${q.name}`);
          return toState(q, ScheduledQuery);
        }),
      );
      const url = `${this.options.endpoint}${NOTIFICATIONS_PATH}?topicArn=${encodeURIComponent(rollups.topicArn)}`;
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`${NOTIFICATIONS_PATH} answered ${response.status}`);
      const { Notifications } = (await response.json()) as { Notifications: SnsNotification[] };
      this.states = states;
      this.notices = Notifications.slice(-NOTICES_SHOWN).reverse().map((n) => toNotice(n, this.names));
      this.refreshedAt = new Date((this.options.now ?? Date.now)()).toISOString();
      this.error = undefined;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  report(): ScheduledQueriesReport {
    return {
      refreshedAt: this.refreshedAt,
      ...(this.error ? { error: this.error } : {}),
      topicArn: this.options.rollups.topicArn,
      scheduledQueries: this.states,
      notifications: this.notices,
    };
  }
}
