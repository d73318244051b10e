import type { ScalarType } from './catalog-types';
import type { NormalizedRecord } from './resource-types';

/** A record the operation validated and placed in a store (memory or magnetic). */
export interface RecordToStore extends NormalizedRecord {
  store: 'MEMORY' | 'MAGNETIC';
}

export type WriteProblem =
  | { kind: 'MEASURE_TYPE'; measureName: string; existingType: ScalarType | 'MULTI'; newType: ScalarType | 'MULTI' }
  | { kind: 'NAME_CLASH'; name: string; usedAs: 'dimension' | 'measure' }
  | { kind: 'VERSION_SAME'; existingVersion: number }
  | { kind: 'VERSION_LOWER'; existingVersion: number; version: number }
  | { kind: 'DIMENSION_LIMIT'; limit: number };

export type StoreResult = { status: 'STORED' | 'UNCHANGED' } | { status: 'REJECTED'; problem: WriteProblem };

export const MAX_DIMENSIONS_PER_TABLE = 128;
