import { payloadBytes, type StoredPayload } from './dead-letter-entry';

/** How one dead letter goes back into the pipeline, or why it cannot. */
export type ReplayPlan =
  | { via: 'rule'; topic: string; clientId: string; receivedAt: number; payload: Buffer }
  | { via: 'action'; message: Record<string, unknown>; clientId: string; receivedAt: number }
  | { via: 'none'; why: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const timeOf = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  return undefined;
};

/**
 * Decides how a letter is replayed (pure): what the topic rule could not read goes through the rule
 * again with its original bytes, topic, client and receive time; a message the rule had selected
 * (the stream's, the direct action's, the Lambda's invalid messages) goes into the rule's action;
 * a reading Timestream refused (the Lambda's rejected records) goes in as the message it came from.
 * The receive time is the original one, so a replayed reading is the same Timestream record.
 */
export function replayPlan(entry: Record<string, unknown>): ReplayPlan {
  const origin = isObject(entry.origin) ? entry.origin : {};
  const receivedAt = timeOf(origin.receivedAt) ?? timeOf(entry.at) ?? Date.now();
  const clientId = typeof origin.clientId === 'string' ? origin.clientId : '';
  if (entry.stage === 'rule') {
    const payload = entry.payload as StoredPayload | undefined;
    if (!payload || typeof payload.data !== 'string' || typeof origin.topic !== 'string') return { via: 'none', why: 'the letter has no original payload or topic' };
    if (payload.truncated) return { via: 'none', why: `only the first bytes of the ${payload.bytes}-byte payload were kept` };
    return { via: 'rule', topic: origin.topic, clientId, receivedAt, payload: payloadBytes(payload) };
  }
  if (isObject(entry.message)) {
    const message = entry.message;
    const client = clientId || (typeof message.client_id === 'string' ? message.client_id : '');
    return { via: 'action', message, clientId: client, receivedAt: timeOf(message.received_at) ?? receivedAt };
  }
  if (isObject(entry.reading) && typeof entry.reading.deviceId === 'string' && isObject(entry.reading.measures)) {
    const r = entry.reading;
    const time = timeOf(r.time) ?? receivedAt;
    return {
      via: 'action',
      message: { device_id: r.deviceId, location: r.location, timestamp: new Date(time).toISOString(), sensors: r.measures, client_id: r.deviceId, received_at: time },
      clientId: String(r.deviceId),
      receivedAt: time,
    };
  }
  if (entry.message !== undefined) return { via: 'none', why: 'the message was not a JSON object, so the rule never selected it' };
  return { via: 'none', why: 'the letter holds neither a message nor its original payload' };
}
