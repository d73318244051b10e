export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** One alarm as the local cloud evaluates it (the fields CloudWatch's DescribeAlarms would show). */
export interface AlarmState {
  id: string;
  description: string;
  metric: string;
  state: AlarmStateValue;
  reason: string;
  since: string;
  /** The statistic of each evaluated period, newest first (null = no data). */
  datapoints: Array<number | null>;
  periodSeconds: number;
  evaluationPeriods: number;
  threshold: number;
  comparison: string;
}

export interface AlarmTransition {
  id: string;
  from: AlarmStateValue;
  to: AlarmStateValue;
  reason: string;
  at: string;
}

/** GET /alarms */
export interface AlarmsReport {
  alarms: AlarmState[];
  /** The latest transitions, oldest first (bounded). */
  history: AlarmTransition[];
}
