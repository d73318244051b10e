import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  it('computes each key once and answers it again from memory', () => {
    const computed: string[] = [];
    const length = boundedMemo((key) => (computed.push(key), key.length));
    expect([length('ab'), length('abc'), length('ab'), length('abc')]).toEqual([2, 3, 2, 3]);
    expect(computed).toEqual(['ab', 'abc']);
  });

  it('remembers falsy answers too', () => {
    let calls = 0;
    const never = boundedMemo(() => (calls++, false));
    never('x');
    never('x');
    expect(calls).toBe(1);
  });

  it('holds at most `capacity` keys, starting over when full', () => {
    const computed: string[] = [];
    const upper = boundedMemo((key) => (computed.push(key), key.toUpperCase()), 2);
    ['a', 'b', 'c', 'a'].forEach((k) => upper(k));
    // 'c' found the memory full (a, b) and started it over, so 'a' was computed again
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
    expect(upper('c')).toBe('C');
    expect(computed).toHaveLength(4);
  });
});
