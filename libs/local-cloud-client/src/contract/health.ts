/** How the topic rule hands messages on: the Kinesis stream and Lambda (default) or the direct Timestream action. */
export type RuleAction = 'kinesis' | 'timestream';

/** GET /health */
export interface HealthReport {
  status: 'ok';
  uptimeSeconds: number;
  dataDir: string;
  action: RuleAction;
  endpoints: { mqtt: string; timestream: string };
  database: string;
  table: string;
  brokerClients: number;
  /** Ids of the alarms in ALARM. */
  alarmsInAlarm: string[];
}
