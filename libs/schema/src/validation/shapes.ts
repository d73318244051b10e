import { z } from 'zod';

/**
 * The device message shapes the pipeline accepts (zod schemas; the types document the wire format).
 * Validation (validate-message.ts) checks them field by field so each problem names its field.
 */
const deviceFields = {
  device_id: z.string().min(1),
  location: z.string().min(1),
  /** ISO-8601 with a zone, or epoch milliseconds. Absent: the receive time is used (and flagged). */
  timestamp: z.union([z.string(), z.number()]).optional(),
  /** Added by the topic rule (`clientid()`): the MQTT client that published the message. */
  client_id: z.string().optional(),
  /** Added by the topic rule (`timestamp()`): the broker's receive time in epoch milliseconds. */
  received_at: z.number().optional(),
};

/** (a) `{device_id, location, timestamp?, sensors: {<measure>: number}}` — the recipe's direct-invocation payload. */
export const sensorsMessageSchema = z.looseObject({ ...deviceFields, sensors: z.record(z.string(), z.number()) });

/** (b) `{device_id, location, timestamp?, measurement, metric_name}` — one measurement. */
export const measurementMessageSchema = z.looseObject({ ...deviceFields, measurement: z.number(), metric_name: z.string() });

/** (c) `{device_id, location, timestamp?, temperature?, humidity?, ...}` — what devices publish to IoT Core. */
export const flatMessageSchema = z.looseObject({ ...deviceFields }).catchall(z.unknown());

export const deviceMessageSchema = z.union([sensorsMessageSchema, measurementMessageSchema, flatMessageSchema]);
export const deviceMessagesSchema = z.union([deviceMessageSchema, z.array(deviceMessageSchema)]);

export type SensorsMessage = z.infer<typeof sensorsMessageSchema>;
export type MeasurementMessage = z.infer<typeof measurementMessageSchema>;
export type FlatMessage = z.infer<typeof flatMessageSchema>;
export type DeviceMessage = z.infer<typeof deviceMessageSchema>;

export type MessageShape = 'sensors' | 'measurement' | 'flat';

/** Which shape a message object claims to be. */
export function messageShape(message: Record<string, unknown>): MessageShape {
  if ('sensors' in message) return 'sensors';
  if ('measurement' in message || 'metric_name' in message) return 'measurement';
  return 'flat';
}

/** Top-level fields that are never measures. */
export const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(Object.keys(deviceFields));
