import { Prng } from './prng';

describe('Prng', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = Array.from({ length: 5 }, ((p) => () => p.next())(new Prng('42')));
    const b = Array.from({ length: 5 }, ((p) => () => p.next())(new Prng('42')));
    const c = Array.from({ length: 5 }, ((p) => () => p.next())(new Prng('43')));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('is uniform enough and in range', () => {
    const p = new Prng('u');
    const n = 20_000;
    const values = Array.from({ length: n }, () => p.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((x, y) => x + y, 0) / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const buckets = new Array(10).fill(0);
    values.forEach((v) => buckets[Math.floor(v * 10)]++);
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(n / 10 * 0.1);
  });

  it('draws normals with mean 0 and sd 1', () => {
    const p = new Prng('n');
    const values = Array.from({ length: 20_000 }, () => p.normal());
    const mean = values.reduce((x, y) => x + y, 0) / values.length;
    const sd = Math.sqrt(values.reduce((x, y) => x + (y - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('forks independent, repeatable streams', () => {
    const root = new Prng('s');
    const f1 = root.fork('sensor-001').next();
    expect(new Prng('s').fork('sensor-001').next()).toBe(f1);
    expect(new Prng('s').fork('sensor-002').next()).not.toBe(f1);
    const ints = Array.from({ length: 1000 }, () => root.int(1, 3));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3]));
  });
});
