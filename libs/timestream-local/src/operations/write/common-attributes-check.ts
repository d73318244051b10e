import type { _Record } from '@aws-sdk/client-timestream-write';
import { ValidationException } from '../../errors';

/**
 * The model's rule for CommonAttributes: its dimensions "may not overlap" a record's, "or a ValidationException will
 * be thrown" — the whole call is refused, naming the first record and dimension that overlap.
 */
export function checkCommonDimensions(common: _Record | undefined, records: _Record[]): void {
  const commonDimensions = common?.Dimensions;
  if (!commonDimensions || commonDimensions.length === 0) return;
  const names = new Set(commonDimensions.map((d) => d.Name));
  for (let i = 0; i < records.length; i++) {
    const dimensions = records[i].Dimensions;
    if (!dimensions) continue;
    for (const d of dimensions) {
      if (names.has(d.Name)) {
        throw new ValidationException(`Dimension name ${d.Name} of records.${i + 1} is also in commonAttributes.dimensions: the dimensions of CommonAttributes and of a record may not overlap.`);
      }
    }
  }
}
