import type { WriteProblem } from '../../storage/write-types';

/** Reason texts of RejectedRecords (the live service's wording where it is known). */
export const reasons = {
  outsideMemoryStore: (startMs: number, endMs: number) =>
    `The record timestamp is outside the time range [${iso(startMs)}, ${iso(endMs)}) of the memory store.`,
  outsideMagneticStore: (startMs: number, endMs: number) =>
    `The record timestamp is outside the time range [${iso(startMs)}, ${iso(endMs)}) of the magnetic store.`,
  invalidTime: () => 'Invalid time for record.',
  sameVersion: () =>
    'A record already exists with the same time, dimensions, measure name, and record version. A higher record version must be specified in order to update the measure value. Specifying record version is supported by the latest SDKs.',
  lowerVersion: (version: number, existing: number) =>
    `The record version ${version} is lower than the existing version ${existing}. A higher version is required to update the measure value.`,
  timestampNotMulti: () => 'TIMESTAMP is an invalid measure value type. TIMESTAMP measure values are only supported inside MULTI records.',
  measureType: (name: string, existing: string, attempted: string) =>
    `Measure name ${name} was already ingested with measure value type ${existing}; it cannot be ingested as ${attempted}. A measure keeps the type of its first write.`,
  nameClash: (name: string, usedAs: 'dimension' | 'measure') =>
    usedAs === 'dimension'
      ? `Measure name ${name} is already used as a dimension name in this table.`
      : `Dimension name ${name} is already used as a measure name in this table.`,
  dimensionLimit: (limit: number) => `The record would add a dimension beyond the limit of ${limit} dimensions per table.`,
  missingMeasureName: () => 'Measure name must be specified.',
  measureNameTooLong: (max: number) => `Measure name exceeds the maximum length of ${max} bytes.`,
  missingMeasureValue: (type: string) => `Measure value must be specified for measure value type ${type}.`,
  measureValueWithMulti: () => 'MeasureValue must not be specified for a MULTI record; use MeasureValues.',
  missingMeasureValues: () => 'MeasureValues must be specified for a MULTI record.',
  measureValuesWithoutMulti: (type: string) => `MeasureValues can only be specified with measure value type MULTI, not ${type}.`,
  tooManyMeasureValues: (max: number) => `A MULTI record can hold at most ${max} measure values.`,
  duplicateMeasureValue: (name: string) => `Measure value name ${name} appears more than once in the record.`,
  invalidValue: (name: string, value: string, type: string) => `Invalid measure value ${JSON.stringify(value)} for measure ${name} of type ${type}.`,
  multiInsideMulti: (name: string) => `Measure value ${name} has type MULTI; measure values inside a MULTI record must be scalar.`,
  missingTime: () => 'Time must be specified for record.',
  duplicateDimension: (name: string) => `Dimension name ${name} appears more than once in the record (CommonAttributes and record dimensions are merged).`,
  reservedDimension: (name: string) =>
    `Dimension name ${name} is not allowed: dimension names cannot be time, measure_name or measure_value, nor start with ts_ or measure_value.`,
  reservedMeasure: (name: string) => `Measure value name ${name} is not allowed: it cannot be time or measure_name, nor start with ts_ or measure_value.`,
  emptyDimensionName: () => 'Dimension name must not be empty.',
  dimensionNameTooLong: (name: string, max: number) => `Dimension name ${name} exceeds the maximum length of ${max} bytes.`,
  emptyDimensionValue: (name: string) => `Dimension ${name} has an empty value.`,
  dimensionValueTooLong: (name: string, max: number) => `Value of dimension ${name} exceeds the maximum length of ${max} bytes.`,
  recordTooLarge: (size: number, max: number) => `The record size of ${size} bytes exceeds the maximum record size of ${max} bytes.`,
  invalidVersion: () => 'Record version must be a positive integer.',
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function problemReason(problem: WriteProblem): { reason: string; existingVersion?: number } {
  switch (problem.kind) {
    case 'MEASURE_TYPE':
      return { reason: reasons.measureType(problem.measureName, problem.existingType, problem.newType) };
    case 'NAME_CLASH':
      return { reason: reasons.nameClash(problem.name, problem.usedAs) };
    case 'DIMENSION_LIMIT':
      return { reason: reasons.dimensionLimit(problem.limit) };
    case 'VERSION_SAME':
      // the API reference: ExistingVersion "indicates the current record's version" for a same-version conflict too
      return { reason: reasons.sameVersion(), existingVersion: problem.existingVersion };
    case 'VERSION_LOWER':
      return { reason: reasons.lowerVersion(problem.version, problem.existingVersion), existingVersion: problem.existingVersion };
  }
}
