/** Small formatting helpers for the dashboard page. */
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Math.round(value).toLocaleString('en-GB');
}

export function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? esc(iso) : d.toISOString().slice(11, 19);
}

export function ago(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Distinct colours for up to 12 devices (colour-blind friendly first). */
export const PALETTE = ['#4e9af1', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac', '#2f9e9e', '#d37295'];

/**
 * Labels for time-axis ticks (epoch seconds, shown in UTC), as precise as the step between ticks
 * needs so that no two ticks read the same: dates for steps of a day or more, HH:MM for whole
 * minutes, HH:MM:SS below, milliseconds below a second. Ticks that cross midnight carry the date
 * (MM-DD): on the first tick of each day, or on every tick when they span more than a day.
 */
export function timeTickLabels(splits: readonly number[], stepSeconds: number): string[] {
  const iso = (s: number) => new Date(Math.round(s * 1000)).toISOString();
  if (stepSeconds >= 86_400) return splits.map((s) => iso(s).slice(0, 10));
  const end = stepSeconds >= 60 && stepSeconds % 60 === 0 ? 16 : stepSeconds >= 1 && Number.isInteger(stepSeconds) ? 19 : 23;
  const days = new Set(splits.map((s) => iso(s).slice(0, 10)));
  const spansDays = splits.length > 1 && splits[splits.length - 1] - splits[0] >= 86_400;
  return splits.map((s, i) => {
    const time = iso(s).slice(11, end);
    const dated = spansDays || (days.size > 1 && (i === 0 || iso(s).slice(0, 10) !== iso(splits[i - 1]).slice(0, 10)));
    return dated ? `${iso(s).slice(5, 10)} ${time}` : time;
  });
}

/** Least room per time tick: dated labels (ranges over a day) are wider. */
export function timeTickSpace(rangeSeconds: number): number {
  return rangeSeconds >= 86_400 ? 110 : 80;
}
