/** A simulated device: its id (also its MQTT client id) and where it is installed. */
export interface DeviceSpec {
  deviceId: string;
  location: string;
}

/** The recipe's five sensors. */
export const RECIPE_DEVICES: readonly DeviceSpec[] = [
  { deviceId: 'sensor-001', location: 'factory-floor-1' },
  { deviceId: 'sensor-002', location: 'factory-floor-1' },
  { deviceId: 'sensor-003', location: 'factory-floor-2' },
  { deviceId: 'sensor-004', location: 'warehouse-1' },
  { deviceId: 'sensor-005', location: 'warehouse-2' },
];

const SITES = ['factory-floor', 'warehouse', 'cold-store', 'assembly-line'];

/**
 * The recipe's five devices when `count` <= 5; beyond that, more devices spread over more locations
 * (about 25 devices per location), ids zero-padded to the fleet size.
 */
export function buildFleet(count: number): DeviceSpec[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`the fleet needs at least one device, got ${count}`);
  if (count <= RECIPE_DEVICES.length) return RECIPE_DEVICES.slice(0, count).map((d) => ({ ...d }));
  const width = Math.max(3, String(count).length);
  const perLocation = 25;
  return Array.from({ length: count }, (_, i) => {
    const group = Math.floor(i / perLocation);
    const site = SITES[group % SITES.length];
    const number = Math.floor(group / SITES.length) + 1;
    return { deviceId: `sensor-${String(i + 1).padStart(width, '0')}`, location: `${site}-${number}` };
  });
}
