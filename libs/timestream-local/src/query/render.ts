/** Renders scalar values as the service's ScalarValue strings. */

/** Doubles as Java (Trino) prints them: shortest round-trip digits, `.0` on whole numbers, `E` notation outside 1e-3..1e7. */
export function renderDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(n);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

export interface IntervalParts {
  months: number;
  days: number;
  micros: bigint | number;
}

const pad = (n: bigint, width: number): string => n.toString().padStart(width, '0');

/** `1 21:00:00.000000000` (days hh:mm:ss.nnnnnnnnn), normalised so that hours stay under 24. */
export function renderDayToSecond(interval: IntervalParts): string {
  return renderNanosDayToSecond((BigInt(interval.days) * 86_400_000_000n + BigInt(interval.micros) + BigInt(interval.months) * 30n * 86_400_000_000n) * 1000n);
}

/** A day-to-second interval of exact nanoseconds, as renderDayToSecond writes it. */
export function renderNanosDayToSecond(nanos: bigint): string {
  const negative = nanos < 0n;
  let rest = negative ? -nanos : nanos;
  const days = rest / 86_400_000_000_000n;
  rest %= 86_400_000_000_000n;
  const hours = rest / 3_600_000_000_000n;
  rest %= 3_600_000_000_000n;
  const minutes = rest / 60_000_000_000n;
  rest %= 60_000_000_000n;
  return `${negative ? '-' : ''}${days} ${pad(hours, 2)}:${pad(minutes, 2)}:${pad(rest / 1_000_000_000n, 2)}.${pad(rest % 1_000_000_000n, 9)}`;
}

/** `2-7` (years-months). */
export function renderYearToMonth(interval: IntervalParts): string {
  const total = interval.months;
  const abs = Math.abs(total);
  return `${total < 0 ? '-' : ''}${Math.floor(abs / 12)}-${abs % 12}`;
}
