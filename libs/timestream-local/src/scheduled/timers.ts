/** How the scheduler waits: real timers by default; tests pass a manual clock (see testing.ts). */
export interface Timers {
  /** calls `callback` after `delayMs`; a promise it returns is awaited by manual clocks */
  setTimer(callback: () => unknown, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimer: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    handle.unref();
    return handle;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
