import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { FailoverQueryClient } from '@iot-timeseries/queries';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import type { SimulatorConfig } from '../config';

/** A target's SDK attempts before the dashboard's queries move to the next one. */
const ATTEMPTS_PER_TARGET = 2;

/**
 * The dashboard's Timestream Query client: the endpoint (or AWS region) first, then the ones to fail over to
 * (`--timestream-endpoint a,b`, `--failover-region`), and how the page names where its queries go now.
 */
export function dashboardQueryClient(config: SimulatorConfig, log: (line: string) => void): { client: Pick<TimestreamQueryClient, 'send'>; source: () => string } {
  const targets = config.timestreamEndpoint
    ? [config.timestreamEndpoint, ...config.timestreamFailover].map((endpoint) => ({
        label: endpoint,
        client: new TimestreamQueryClient({ region: config.region, endpoint, credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: ATTEMPTS_PER_TARGET }),
      }))
    : [config.region, ...config.failoverRegions].map((region) => ({
        label: `Amazon Timestream (${region})`,
        client: new TimestreamQueryClient({ region, maxAttempts: ATTEMPTS_PER_TARGET }),
      }));
  if (targets.length === 1) return { client: targets[0].client, source: () => targets[0].label };
  const client = new FailoverQueryClient(targets, { onSwitch: (from, to, reason) => log(`[simulator] dashboard queries failed over from ${from} to ${to} (${reason})`) });
  return { client, source: () => `${client.active()} (failover: ${targets.map((t) => t.label).join(' → ')})` };
}
