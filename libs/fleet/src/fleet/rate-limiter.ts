/** A token bucket: at most `perSecond` sends per second on average, bursts up to one second's worth. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Ms to wait before the next send is allowed (0 = now; takes the token). */
  take(): number {
    if (!Number.isFinite(this.perSecond) || this.perSecond <= 0) return 0;
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}
