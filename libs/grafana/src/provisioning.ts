import { LOCAL_ENDPOINTS, LOCAL_PLACEHOLDER_CREDENTIALS, timestreamSettings } from '@iot-timeseries/schema';
import { ALERT_FOLDER, ALERT_GROUP, type ProvisionedRule } from './alert-rules';
import { quotedName } from './dashboard';
import { TIMESTREAM_PLUGIN } from './plugin';

/** The provisioned data source's fixed uid: provisioned dashboards and alert rules name it. */
export const DATASOURCE_UID = 'iot-timeseries-timestream';
/** Where the docker-compose Grafana reads the provisioned dashboards from. */
export const DASHBOARDS_PATH = '/var/lib/grafana/dashboards/iot-timeseries';

const defaults = {
  defaultDatabase: quotedName(timestreamSettings.databaseName),
  defaultTable: quotedName(timestreamSettings.tableName),
  defaultMeasure: timestreamSettings.multiMeasureName,
};

/** The data source on the local Timestream server: a custom endpoint (no endpoint discovery) and its placeholder keys. */
export function localDatasource(endpoint: string = LOCAL_ENDPOINTS.timestream) {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: 'Timestream (local)',
        type: TIMESTREAM_PLUGIN.id,
        uid: DATASOURCE_UID,
        editable: true,
        jsonData: { authType: 'keys', defaultRegion: 'us-east-1', endpoint, ...defaults },
        // libs/schema's placeholder credentials: the local server checks no signature unless told to; not valid on AWS.
        secureJsonData: { accessKey: LOCAL_PLACEHOLDER_CREDENTIALS.accessKeyId, secretKey: LOCAL_PLACEHOLDER_CREDENTIALS.secretAccessKey },
      },
    ],
  };
}

/**
 * The data source on Amazon Timestream: credentials from the AWS SDK's default chain (the instance
 * or task role; in Amazon Managed Grafana choose the workspace IAM role, `ec2_iam_role`).
 */
export function awsDatasource(region: string) {
  return {
    apiVersion: 1,
    datasources: [{ name: 'Amazon Timestream', type: TIMESTREAM_PLUGIN.id, uid: DATASOURCE_UID, editable: true, jsonData: { authType: 'default', defaultRegion: region, ...defaults } }],
  };
}

/** The dashboards folder provider: every JSON under DASHBOARDS_PATH, in one folder. */
export function dashboardProvider() {
  return {
    apiVersion: 1,
    providers: [
      { name: 'iot-timeseries', orgId: 1, folder: ALERT_FOLDER, type: 'file', disableDeletion: false, allowUiUpdates: false, updateIntervalSeconds: 60, options: { path: DASHBOARDS_PATH, foldersFromFilesStructure: false } },
    ],
  };
}

/** The alert rules as an alerting provisioning file: one group, evaluated every minute. */
export function alertRulesFile(rules: ProvisionedRule[]) {
  return { apiVersion: 1, groups: [{ orgId: 1, name: ALERT_GROUP, folder: ALERT_FOLDER, interval: '1m', rules }] };
}

/** Grafana OSS with the plugin, on the host's network so it reaches the local server on 127.0.0.1, listening on 127.0.0.1:3000. */
export function dockerCompose(grafanaImage: string) {
  return {
    name: 'iot-timeseries-grafana',
    services: {
      grafana: {
        image: grafanaImage,
        network_mode: 'host',
        environment: {
          GF_SERVER_HTTP_ADDR: '127.0.0.1',
          GF_SERVER_HTTP_PORT: '3000',
          GF_PLUGINS_PREINSTALL_SYNC: `${TIMESTREAM_PLUGIN.id}@${TIMESTREAM_PLUGIN.version}`,
        },
        volumes: [
          './provisioning/datasources/timestream-local.yaml:/etc/grafana/provisioning/datasources/timestream-local.yaml:ro',
          './provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro',
          './provisioning/alerting:/etc/grafana/provisioning/alerting:ro',
          `./dashboards/provisioned:${DASHBOARDS_PATH}:ro`,
          'grafana-data:/var/lib/grafana',
        ],
      },
    },
    volumes: { 'grafana-data': {} },
  };
}
