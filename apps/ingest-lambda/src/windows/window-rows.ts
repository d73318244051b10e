import type { AnalysedWindow, DeviceEvent, DeviceWindow, Episode, WindowFeatures } from '@iot-timeseries/analytics';
import type { _Record, MeasureValue } from '@aws-sdk/client-timestream-write';
import type { AlertMessage } from '@iot-timeseries/schema';
import { WINDOW_FEATURES } from '@iot-timeseries/schema';

const num = (Name: string, value: number): MeasureValue => ({ Name, Value: String(value), Type: 'DOUBLE' });

/** A device's analysed window as one multi-measure record of the windows table (time = window start). */
export function windowRecord(w: AnalysedWindow, measureName: string): _Record {
  const values: MeasureValue[] = [num('readings', w.readings), num('window_end', w.end)];
  for (const [measure, f] of Object.entries(w.features)) for (const feature of WINDOW_FEATURES) if (Number.isFinite(f[feature])) values.push(num(`${measure}_${feature}`, f[feature]));
  for (const [measure, f] of Object.entries(w.forecasts)) {
    values.push(num(`${measure}_forecast`, f.value), num(`${measure}_forecast_at`, f.at));
    if (f.lower !== undefined && f.upper !== undefined) values.push(num(`${measure}_forecast_lower`, f.lower), num(`${measure}_forecast_upper`, f.upper));
  }
  if (w.timeToFailureSeconds !== undefined) values.push(num('time_to_failure_s', w.timeToFailureSeconds));
  if (w.wearZ !== undefined && Number.isFinite(w.wearZ)) values.push(num('wear_z', w.wearZ));
  values.push({ Name: 'episodes', Value: JSON.stringify(w.episodes), Type: 'VARCHAR' });
  return {
    Dimensions: [{ Name: 'device_id', Value: w.deviceId }, { Name: 'location', Value: w.location }],
    MeasureName: measureName,
    MeasureValueType: 'MULTI',
    MeasureValues: values,
    Time: String(w.start),
    TimeUnit: 'MILLISECONDS',
  };
}

/** A fired event as one record of the events table (time = the window end; the detector is a dimension, so alert and clear never collide). */
export function eventRecord(e: DeviceEvent, measureName: string): _Record {
  const values: MeasureValue[] = [
    { Name: 'state', Value: e.state, Type: 'VARCHAR' },
    { Name: 'severity', Value: e.severity, Type: 'VARCHAR' },
    { Name: 'evidence', Value: JSON.stringify(e.evidence).slice(0, 2048), Type: 'VARCHAR' },
    num('window_start', e.windowStart),
    num('episode_start', e.episodeStart),
  ];
  if (e.timeToFailureSeconds !== undefined) values.push(num('time_to_failure_s', e.timeToFailureSeconds));
  return {
    Dimensions: [{ Name: 'device_id', Value: e.deviceId }, { Name: 'location', Value: e.location }, { Name: 'kind', Value: e.kind }, { Name: 'detector', Value: e.id }],
    MeasureName: measureName,
    MeasureValueType: 'MULTI',
    MeasureValues: values,
    Time: String(e.time),
    TimeUnit: 'MILLISECONDS',
  };
}

/** The alert message published for an event (SNS body, or a line of the local alert file). */
export function alertMessage(e: DeviceEvent): AlertMessage {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    alertId: `${e.deviceId}:${e.kind}:${e.id}:${e.episodeStart}:${e.state}`,
    deviceId: e.deviceId,
    location: e.location,
    kind: e.kind,
    detector: e.id,
    state: e.state,
    severity: e.severity,
    time: iso(e.time),
    windowStart: iso(e.windowStart),
    windowEnd: iso(e.windowEnd),
    episodeStart: iso(e.episodeStart),
    evidence: e.evidence,
    ...(e.timeToFailureSeconds !== undefined ? { timeToFailureSeconds: e.timeToFailureSeconds, predictedFailureAt: iso(e.time + e.timeToFailureSeconds * 1000) } : {}),
  };
}

/** A row of the windows table read back (the history query) as a DeviceWindow. */
export function windowFromRow(row: Record<string, unknown>, measures: readonly string[]): DeviceWindow {
  const features: Record<string, WindowFeatures> = {};
  for (const measure of measures) {
    const f = Object.fromEntries(WINDOW_FEATURES.map((feature) => [feature, Number(row[`${measure}_${feature}`])])) as WindowFeatures;
    if (WINDOW_FEATURES.every((feature) => Number.isFinite(f[feature]))) features[measure] = f;
  }
  let episodes: Record<string, Episode> = {};
  try {
    episodes = typeof row.episodes === 'string' ? (JSON.parse(row.episodes) as Record<string, Episode>) : {};
  } catch {
    episodes = {};
  }
  const time = row.time as { date?: Date } | undefined;
  const start = time?.date instanceof Date ? time.date.getTime() : Number.NaN;
  return { deviceId: String(row.device_id), location: String(row.location), start, end: Number(row.window_end), readings: Number(row.readings), features, episodes };
}
