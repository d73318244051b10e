import type { WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';

/**
 * The recipe's Lambda, transcribed: one WriteRecords call per message, one single-measure DOUBLE
 * record per sensor, full dimensions on every record, Time = the function's clock in ms, no
 * CommonAttributes.
 */
export function recipeWriteInput(databaseName: string, tableName: string, message: { device_id: string; location: string; sensors: Record<string, number> }, nowMs: number): WriteRecordsCommandInput {
  const dimensions = [
    { Name: 'device_id', Value: String(message.device_id) },
    { Name: 'location', Value: String(message.location) },
  ];
  return {
    DatabaseName: databaseName,
    TableName: tableName,
    Records: Object.entries(message.sensors).map(([sensor, value]) => ({
      Dimensions: dimensions,
      MeasureName: sensor,
      MeasureValue: String(value),
      MeasureValueType: 'DOUBLE',
      Time: String(nowMs),
      TimeUnit: 'MILLISECONDS',
    })),
  };
}
