import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { bundleDifferences, DASHBOARDS_PATH, DATASOURCE_UID, grafanaBundle, GrafanaOptionError, writeBundle } from '../src';

const BUNDLE_DIR = path.resolve(__dirname, '../bundle');

describe('the Grafana bundle', () => {
  const files = grafanaBundle();

  it('is committed exactly as the generator writes it (run npx nx run grafana:generate after a change)', () => {
    expect(bundleDifferences(BUNDLE_DIR, files)).toEqual([]);
  });

  it('provisions the data source with a fixed uid, on the local server or on AWS, with the quoted default names', () => {
    const local = parse(files['provisioning/datasources/timestream-local.yaml']).datasources[0];
    expect(local).toMatchObject({
      type: 'grafana-timestream-datasource',
      uid: DATASOURCE_UID,
      jsonData: { authType: 'keys', endpoint: 'http://127.0.0.1:8000', defaultDatabase: '"iot-timeseries-db"', defaultTable: '"sensor-data"', defaultMeasure: 'sensor_reading' },
      secureJsonData: { accessKey: 'local', secretKey: 'local' },
    });
    const aws = parse(files['provisioning/datasources/timestream-aws.yaml']).datasources[0];
    expect(aws).toMatchObject({ uid: DATASOURCE_UID, jsonData: { authType: 'default', defaultRegion: 'eu-west-1' } });
    expect(aws.jsonData.endpoint).toBeUndefined();
    expect(aws.secureJsonData).toBeUndefined();
  });

  it('loads the provisioned dashboards from one folder and the alert rules as one group', () => {
    expect(parse(files['provisioning/dashboards/iot-timeseries.yaml']).providers[0]).toMatchObject({ type: 'file', options: { path: DASHBOARDS_PATH } });
    const group = parse(files['provisioning/alerting/iot-timeseries-rules.yaml']).groups[0];
    expect(group).toMatchObject({ orgId: 1, name: 'iot-timeseries-fleet', folder: 'IoT time series', interval: '1m' });
    expect(group.rules).toHaveLength(6);
    expect(JSON.parse(files['dashboards/provisioned/iot-timeseries-fleet.json']).uid).toBe('iot-timeseries-fleet');
  });

  it('runs Grafana with the plugin on 127.0.0.1, mounting exactly the bundle files it provisions', () => {
    const compose = parse(files['docker-compose.yml']);
    const grafana = compose.services.grafana;
    expect(grafana).toMatchObject({ network_mode: 'host', environment: { GF_SERVER_HTTP_ADDR: '127.0.0.1', GF_PLUGINS_PREINSTALL_SYNC: 'grafana-timestream-datasource@2.13.0' } });
    for (const volume of grafana.volumes as string[]) {
      const [source] = volume.split(':');
      if (source.startsWith('./')) expect(Object.keys(files).some((f) => f === source.slice(2) || f.startsWith(`${source.slice(2)}/`))).toBe(true);
    }
  });

  it('writes the files and removes ones it no longer has; a changed file is reported', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grafana-bundle-'));
    writeFileSync(path.join(dir, 'old.json'), '{}');
    expect(writeBundle(dir, files)).toEqual(Object.keys(files).sort());
    expect(bundleDifferences(dir, files)).toEqual([]);
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'changed');
    expect(bundleDifferences(dir, files)).toEqual(['docker-compose.yml']);
    expect(readFileSync(path.join(dir, 'dashboards/iot-timeseries-fleet.json'), 'utf8')).toBe(files['dashboards/iot-timeseries-fleet.json']);
  });

  it('refuses a malformed region, naming the option', () => {
    expect(() => grafanaBundle({ awsRegion: 'Europe' })).toThrow(GrafanaOptionError);
    expect(() => grafanaBundle({ awsRegion: 'Europe' })).toThrow('awsRegion must look like eu-west-1');
  });
});
