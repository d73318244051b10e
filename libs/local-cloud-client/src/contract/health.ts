/** How the topic rule hands messages on: the Kinesis stream and Lambda (default) or the direct Timestream action. */
export type RuleAction = 'kinesis' | 'timestream';

/** GET /health */
export interface HealthReport {
  status: 'ok';
  uptimeSeconds: number;
  dataDir: string;
  action: RuleAction;
  /** `s3`: the local S3 (path-style), holding the rejected-data and export buckets. */
  endpoints: { mqtt: string; timestream: string; s3: string };
  database: string;
  table: string;
  brokerClients: number;
  /** Ids of the alarms in ALARM. */
  alarmsInAlarm: string[];
}
