/** The payloads of the recipe, as they appear there (Validation step 2, Step 6, Validation step 4, data generator). */

/** Validation & Testing 2: test-payload.json (no timestamp). */
export const testPayload = {
  device_id: 'test-sensor-001',
  location: 'test-location',
  sensors: { temperature: 23.5, humidity: 68.0, pressure: 1015.0, vibration: 0.03 },
};

/** Step 6: sample-iot-data.json (a fixed 2024 timestamp). */
export const sampleIotData = {
  device_id: 'sensor-001',
  location: 'factory-floor-1',
  timestamp: '2024-01-01T10:00:00Z',
  sensors: { temperature: 25.5, humidity: 65.2, pressure: 1013.25, vibration: 0.05 },
};

/** Step 6: sample-data-1..5.json (no timestamp; bc prints 22.50 as 22.50, JSON reads it as 22.5). */
export const sampleData = [1, 2, 3, 4, 5].map((i) => ({
  device_id: `sensor-00${i}`,
  location: `factory-floor-${i}`,
  sensors: { temperature: 20 + i * 2.5, humidity: 60 + i * 3, pressure: 1013.25, vibration: Number(`0.0${i}`) },
}));

/** Validation & Testing 4: the flat message published to topic/sensors (fixed 2024 timestamp). */
export const iotPublishPayload = {
  device_id: 'iot-sensor-001',
  location: 'production-line-1',
  timestamp: '2024-01-01T12:00:00Z',
  temperature: 26.5,
  humidity: 72.0,
  pressure: 1012.0,
};

/** Step 10: generate_sensor_data() output for one device (timestamp = now, isoformat with +00:00). */
export function generatedSensorData(deviceId: string, location: string, now: Date): Record<string, unknown> {
  return {
    device_id: deviceId,
    location,
    timestamp: now.toISOString().replace('Z', '+00:00'),
    sensors: { temperature: 24.12, humidity: 55.3, pressure: 1001.7, vibration: 0.042 },
  };
}
