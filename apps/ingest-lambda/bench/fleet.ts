/** A deterministic fleet: `devices` devices, each sending one 4-sensor message every `intervalMs`. */
export interface FleetMessage {
  device_id: string;
  location: string;
  timestamp: string;
  sensors: { temperature: number; humidity: number; pressure: number; vibration: number };
}

const LOCATIONS = ['factory-floor-1', 'factory-floor-2', 'factory-floor-3', 'warehouse-1', 'warehouse-2'];

/** Messages in arrival order (round by round), ending just before `endMs`. */
export function fleetMessages(count: number, devices: number, intervalMs: number, endMs: number): FleetMessage[] {
  const rounds = Math.ceil(count / devices);
  const start = endMs - rounds * intervalMs;
  const out: FleetMessage[] = [];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i++) {
    const d = i % devices;
    const round = Math.floor(i / devices);
    out.push({
      device_id: `sensor-${String(d + 1).padStart(4, '0')}`,
      location: LOCATIONS[d % LOCATIONS.length],
      timestamp: new Date(start + round * intervalMs + d).toISOString(),
      sensors: {
        temperature: Math.round((22 + random() * 13 - 5) * 100) / 100,
        humidity: Math.round((50 + random() * 30 - 10) * 100) / 100,
        pressure: Math.round((1013.25 + random() * 100 - 50) * 100) / 100,
        vibration: Math.round((0.01 + random() * 0.09) * 1000) / 1000,
      },
    });
  }
  return out;
}
