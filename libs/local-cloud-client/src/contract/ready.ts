/** Where a started local cloud listens, as its CLI prints it on the ready line. */
export interface LocalCloudReady {
  /** mqtt://127.0.0.1:<port>: the broker standing in for IoT Core. */
  mqtt: string;
  /** http://127.0.0.1:<port>: the Timestream write and query endpoint. */
  timestream: string;
  /** http://127.0.0.1:<port>: /health, /alarms and /pipeline. */
  health: string;
  /** http://127.0.0.1:<port>: the local S3 (path-style; rejected-data reports, error reports, UNLOAD exports). */
  s3: string;
  /** The data directory (Timestream files, dead letters). */
  dataDir: string;
}

/** The start of the machine-readable line the local cloud CLI prints once everything listens. */
export const READY_MARKER = 'local-cloud ready ';

/** `local-cloud ready {"mqtt":…,"timestream":…,"health":…,"s3":…,"dataDir":…}` */
export function formatReadyLine(ready: LocalCloudReady): string {
  const { mqtt, timestream, health, s3, dataDir } = ready;
  return `${READY_MARKER}${JSON.stringify({ mqtt, timestream, health, s3, dataDir })}`;
}

/** Reads a ready line; undefined for any other line or for a ready line that lacks a field. */
export function parseReadyLine(line: string): LocalCloudReady | undefined {
  if (!line.startsWith(READY_MARKER)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(READY_MARKER.length));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const fields = parsed as Record<string, unknown>;
  const text = (key: keyof LocalCloudReady) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  const [mqtt, timestream, health, s3, dataDir] = [text('mqtt'), text('timestream'), text('health'), text('s3'), text('dataDir')];
  if (mqtt === undefined || timestream === undefined || health === undefined || s3 === undefined || dataDir === undefined) return undefined;
  return { mqtt, timestream, health, s3, dataDir };
}
