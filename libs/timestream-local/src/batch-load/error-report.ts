/** One reason and the lines it applies to, as `[first, last]` ranges of 1-based line numbers of the file. */
export interface LineError {
  reason: string;
  lineRanges: Array<[number, number]>;
}

export interface FileErrors {
  fileName: string;
  errors: LineError[];
}

/** The report a batch-load task writes when anything failed (the developer guide's "batch load error reports" form). */
export interface BatchLoadErrorReport {
  taskId: string;
  taskErrors: string[];
  fileErrors: FileErrors[];
}

/**
 * Collects the errors of one file as the report holds them: per reason, the lines as ranges (consecutive lines with
 * the same reason join one range), so memory grows with the number of runs of bad lines, not with the file.
 */
export class FileErrorCollector {
  private readonly byReason = new Map<string, Array<[number, number]>>();
  count = 0;

  constructor(readonly fileName: string) {}

  add(line: number, reason: string): void {
    this.count++;
    const ranges = this.byReason.get(reason);
    if (!ranges) {
      this.byReason.set(reason, [[line, line]]);
      return;
    }
    const last = ranges[ranges.length - 1];
    if (line >= last[0] && line <= last[1]) return;
    if (line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }

  /** A failure of the whole file (it could not be read, its header lacks a mapped column): no lines. */
  addFileError(reason: string): void {
    this.count++;
    if (!this.byReason.has(reason)) this.byReason.set(reason, []);
  }

  result(): FileErrors | undefined {
    if (this.byReason.size === 0) return undefined;
    return { fileName: this.fileName, errors: [...this.byReason].map(([reason, lineRanges]) => ({ reason, lineRanges: merged(lineRanges) })) };
  }
}

/** Ranges in line order, overlapping or adjacent ones joined (lines of a reason may arrive out of order). */
function merged(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [first, last] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const previous = out[out.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else out.push([first, last]);
  }
  return out;
}

/** The report's object key: `<prefix>/<taskId>/batch_load_error_report.json` (`<taskId>/…` without a prefix). */
export function reportKey(prefix: string | undefined, taskId: string): string {
  const folder = (prefix ?? '').replace(/\/+$/, '');
  return `${folder === '' ? '' : `${folder}/`}${taskId}/batch_load_error_report.json`;
}
