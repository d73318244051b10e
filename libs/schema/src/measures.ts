/** The measure catalogue: every measure a device may report, its unit, type and plausible range. */
export interface MeasureDefinition {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** The Timestream measure value type the measure is written as. */
  readonly valueType: 'DOUBLE' | 'BIGINT';
  /** Physically plausible range, inclusive; a value outside it is refused. */
  readonly min: number;
  readonly max: number;
}

export const MEASURES = {
  temperature: { name: 'temperature', unit: '°C', description: 'Air or surface temperature', valueType: 'DOUBLE', min: -50, max: 150 },
  humidity: { name: 'humidity', unit: '%RH', description: 'Relative humidity', valueType: 'DOUBLE', min: 0, max: 100 },
  pressure: { name: 'pressure', unit: 'hPa', description: 'Barometric pressure', valueType: 'DOUBLE', min: 300, max: 1100 },
  vibration: { name: 'vibration', unit: 'g', description: 'RMS vibration acceleration', valueType: 'DOUBLE', min: 0, max: 50 },
} as const satisfies Record<string, MeasureDefinition>;

export type MeasureName = keyof typeof MEASURES;
export const MEASURE_NAMES = Object.keys(MEASURES) as MeasureName[];

/** A catalogue: the built-in one, or one extended with `extendCatalogue`. */
export type MeasureCatalogue = Readonly<Record<string, MeasureDefinition>>;
export const DEFAULT_CATALOGUE: MeasureCatalogue = MEASURES;

/** Returns a new catalogue with the given measures added (or replaced). */
export function extendCatalogue(
  base: MeasureCatalogue,
  extra: readonly MeasureDefinition[],
): MeasureCatalogue {
  return { ...base, ...Object.fromEntries(extra.map((m) => [m.name, m])) };
}
