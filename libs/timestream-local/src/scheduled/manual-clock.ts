import type { Timers } from './timers';

/** A clock tests move by hand, with the timers the scheduler sets on it: no real waiting. */
export interface ManualClock extends Timers {
  now(): Date;
  /** moves forward `ms`, firing each timer at its due time, in order (awaiting what it returns: the runs it starts) */
  advance(ms: number): Promise<void>;
  /** the same up to an instant */
  advanceTo(instant: Date | string): Promise<void>;
  /** jumps to an instant without firing the timers due in between at their times (a stopped or suspended process),
   *  then fires those due at the new time */
  jumpTo(instant: Date | string): Promise<void>;
  /** timers waiting, with their due times (epoch ms) */
  pending(): number[];
}

interface Timer {
  id: number;
  due: number;
  callback: () => unknown;
}

export function createManualClock(start: Date | string): ManualClock {
  let nowMs = new Date(start).getTime();
  let nextId = 1;
  const timers: Timer[] = [];
  const takeDue = (limit: number): Timer | undefined => {
    let earliest: Timer | undefined;
    for (const t of timers) if (t.due <= limit && (!earliest || t.due < earliest.due || (t.due === earliest.due && t.id < earliest.id))) earliest = t;
    if (earliest) timers.splice(timers.indexOf(earliest), 1);
    return earliest;
  };
  const advanceTo = async (instant: Date | string) => {
    const target = new Date(instant).getTime();
    for (let timer = takeDue(target); timer; timer = takeDue(target)) {
      nowMs = Math.max(nowMs, timer.due);
      await timer.callback();
    }
    nowMs = Math.max(nowMs, target);
  };
  return {
    now: () => new Date(nowMs),
    setTimer: (callback, delayMs) => {
      const timer = { id: nextId++, due: nowMs + Math.max(0, delayMs), callback };
      timers.push(timer);
      return timer.id;
    },
    clearTimer: (handle) => {
      const i = timers.findIndex((t) => t.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    advance: (ms) => advanceTo(new Date(nowMs + ms)),
    advanceTo,
    jumpTo: async (instant) => {
      nowMs = new Date(instant).getTime();
      await advanceTo(new Date(nowMs));
    },
    pending: () => timers.map((t) => t.due).sort((a, b) => a - b),
  };
}
