import type { DataModel, RetentionProperties } from '@aws-sdk/client-timestream-write';

/** `export.json`, written beside the UNLOAD results: what `import` needs to load them into another table. */
export interface ExportManifest {
  format: 'iot-query-export/1';
  source: { database: string; table: string };
  exportedAt: string;
  rows: number;
  /** the UNLOAD's manifest file (its result files are under `<folder>/results/`) */
  unloadManifest: string;
  /** the source table's retention (the copy is created with it) */
  retention?: RetentionProperties;
  dataModel: DataModel;
}

export const EXPORT_MANIFEST = 'export.json';

export function isExportManifest(value: unknown): value is ExportManifest {
  const v = value as Partial<ExportManifest> | null;
  return typeof v === 'object' && v !== null && v.format === 'iot-query-export/1' && typeof v.dataModel === 'object' && typeof v.rows === 'number';
}
