/** The dimensions every reading is written with, in this order. */
export const DIMENSION_NAMES = ['device_id', 'location'] as const;
export type DimensionName = (typeof DIMENSION_NAMES)[number];
