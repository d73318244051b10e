/** One metric value taken from a CloudWatch Embedded Metric Format log line. */
export interface EmfDatum {
  namespace: string;
  name: string;
  unit?: string;
  /** The first dimension set's values (CloudWatch would publish one metric per set). */
  dimensions: Record<string, string>;
  values: number[];
  timestamp: number;
}

interface EmfDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: Array<{ Name?: unknown; Unit?: unknown }>;
}

/** Reads the metrics of an EMF JSON line; returns [] for any other line (plain logs, JSON logs). */
export function parseEmfLine(line: string): EmfDatum[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes('"_aws"')) return [];
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    return [];
  }
  const aws = doc._aws as { Timestamp?: unknown; CloudWatchMetrics?: EmfDirective[] } | undefined;
  if (!aws || !Array.isArray(aws.CloudWatchMetrics)) return [];
  const timestamp = typeof aws.Timestamp === 'number' ? aws.Timestamp : Date.now();
  const out: EmfDatum[] = [];
  for (const directive of aws.CloudWatchMetrics) {
    if (typeof directive.Namespace !== 'string' || !Array.isArray(directive.Metrics)) continue;
    const firstSet = Array.isArray(directive.Dimensions) && Array.isArray(directive.Dimensions[0]) ? (directive.Dimensions[0] as unknown[]) : [];
    const dimensions: Record<string, string> = {};
    for (const key of firstSet) if (typeof key === 'string' && typeof doc[key] === 'string') dimensions[key] = doc[key] as string;
    for (const metric of directive.Metrics) {
      if (typeof metric.Name !== 'string') continue;
      const raw = doc[metric.Name];
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (values.length === 0) continue;
      out.push({ namespace: directive.Namespace, name: metric.Name, unit: typeof metric.Unit === 'string' ? metric.Unit : undefined, dimensions, values, timestamp });
    }
  }
  return out;
}
