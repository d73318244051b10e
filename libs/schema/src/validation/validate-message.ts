import { MAX_RECORD_BYTES } from '../limits';
import { recordBytes } from '../mapping/record-size';
import { toRecord } from '../mapping/to-record';
import { RULE_METADATA_FIELDS } from '../settings/mqtt';
import type { MeasureCatalogue } from '../measures';
import type { SensorReading } from '../sensor-reading';
import { describeValue } from './describe-value';
import { dimensionValueProblem } from './dimension-values';
import { measureValueProblem } from './measure-value';
import { ENVELOPE_FIELDS, messageShape } from './shapes';
import { parseTimestamp } from './timestamps';

export interface FieldProblem {
  /** Path inside the message, e.g. `sensors.humidity`. */
  path: string;
  reason: string;
}

export interface MessageValidation {
  reading?: SensorReading;
  problems: FieldProblem[];
}

export interface MessageContext {
  receivedAt: number;
  catalogue: MeasureCatalogue;
}

/**
 * Validates one message object of any accepted shape. Envelope problems (device_id, location,
 * timestamp, publishing client) refuse the whole message; a bad measure refuses only that measure.
 */
export function validateMessage(message: Record<string, unknown>, ctx: MessageContext): MessageValidation {
  const problems: FieldProblem[] = [];
  const envelopeOk = checkEnvelope(message, problems);
  const time = resolveTime(message, ctx.receivedAt, problems);
  const measures = collectMeasures(message, ctx.catalogue, problems);
  if (!envelopeOk || !time) return { problems };
  if (Object.keys(measures).length === 0) {
    if (problems.length === 0) problems.push({ path: '', reason: `the message carries no measure; expected at least one of ${Object.keys(ctx.catalogue).join(', ')}` });
    else problems.push({ path: '', reason: 'no valid measure is left in the message' });
    return { problems };
  }
  const reading: SensorReading = {
    deviceId: message.device_id as string,
    location: message.location as string,
    time: time.ms,
    timeFromReceipt: time.fromReceipt,
    measures,
  };
  const bytes = recordBytes(toRecord(reading, { databaseName: '', tableName: '', catalogue: ctx.catalogue }));
  if (bytes > MAX_RECORD_BYTES) {
    problems.push({ path: '', reason: `the reading is ${bytes} bytes as a Timestream record, above the ${MAX_RECORD_BYTES}-byte record limit` });
    return { problems };
  }
  return { reading, problems };
}

function checkEnvelope(message: Record<string, unknown>, problems: FieldProblem[]): boolean {
  let ok = true;
  for (const field of ['device_id', 'location'] as const) {
    const reason = dimensionValueProblem(field, message[field]);
    if (reason) {
      problems.push({ path: field, reason });
      ok = false;
    }
  }
  const client = message.client_id;
  if (ok && typeof client === 'string' && client !== '' && client !== message.device_id) {
    problems.push({ path: 'device_id', reason: `device_id ${JSON.stringify(message.device_id)} does not match the publishing client ${JSON.stringify(client)}` });
    ok = false;
  }
  return ok;
}

function resolveTime(message: Record<string, unknown>, receivedAt: number, problems: FieldProblem[]): { ms: number; fromReceipt: boolean } | undefined {
  if (message.timestamp !== undefined && message.timestamp !== null) {
    const parsed = parseTimestamp(message.timestamp);
    if (!parsed.ok) {
      problems.push({ path: 'timestamp', reason: parsed.reason });
      return undefined;
    }
    return { ms: parsed.ms, fromReceipt: false };
  }
  const ruleTime = message.received_at;
  if (typeof ruleTime === 'number' && Number.isFinite(ruleTime) && ruleTime > 0) return { ms: Math.floor(ruleTime), fromReceipt: true };
  return { ms: Math.floor(receivedAt), fromReceipt: true };
}

function collectMeasures(message: Record<string, unknown>, catalogue: MeasureCatalogue, problems: FieldProblem[]): Record<string, number> {
  const measures: Record<string, number> = {};
  const accept = (name: string, value: unknown, path: string) => {
    const def = Object.hasOwn(catalogue, name) ? catalogue[name] : undefined;
    if (!def) {
      problems.push({ path, reason: `${name} is not a known measure; known measures are ${Object.keys(catalogue).join(', ')}` });
      return;
    }
    const reason = measureValueProblem(def, value);
    if (reason) problems.push({ path, reason });
    else measures[name] = value as number;
  };
  switch (messageShape(message)) {
    case 'sensors': {
      const sensors = message.sensors;
      if (typeof sensors !== 'object' || sensors === null || Array.isArray(sensors)) {
        problems.push({ path: 'sensors', reason: `sensors must be an object of measure values, got ${describeValue(sensors)}` });
        break;
      }
      for (const [name, value] of Object.entries(sensors)) accept(name, value, `sensors.${name}`);
      break;
    }
    case 'measurement': {
      const name = message.metric_name;
      if (typeof name !== 'string' || name === '') {
        problems.push({ path: 'metric_name', reason: `metric_name ${name === undefined ? 'is missing' : `must be a measure name, got ${describeValue(name)}`}; a single measurement must name one of ${Object.keys(catalogue).join(', ')}` });
        break;
      }
      accept(name, message.measurement, 'measurement');
      break;
    }
    case 'flat':
      for (const [name, value] of Object.entries(message)) {
        if (ENVELOPE_FIELDS.has(name) || (RULE_METADATA_FIELDS as readonly string[]).includes(name)) continue;
        // Non-numeric extras (firmware versions, labels) are metadata; numbers must be catalogued measures.
        if (Object.hasOwn(catalogue, name) || typeof value === 'number') accept(name, value, name);
      }
      break;
  }
  return measures;
}
