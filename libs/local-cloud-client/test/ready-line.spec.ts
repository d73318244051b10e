import { formatReadyLine, parseReadyLine, READY_MARKER } from '../src';

const ready = { mqtt: 'mqtt://127.0.0.1:1883', timestream: 'http://127.0.0.1:8000', health: 'http://127.0.0.1:4566', s3: 'http://127.0.0.1:4568', dataDir: '/data/.local-cloud' };

describe('the ready line', () => {
  it('round-trips through format and parse', () => {
    const line = formatReadyLine(ready);
    expect(line.startsWith(READY_MARKER)).toBe(true);
    expect(parseReadyLine(line)).toEqual(ready);
  });

  it('prints only the contract fields', () => {
    const line = formatReadyLine({ ...ready, extra: 'x' } as typeof ready);
    expect(JSON.parse(line.slice(READY_MARKER.length))).toEqual(ready);
  });

  it.each([
    ['another line', 'Local cloud is up'],
    ['broken JSON', `${READY_MARKER}{"mqtt":`],
    ['a missing field', `${READY_MARKER}${JSON.stringify({ mqtt: 'a', timestream: 'b', health: 'c', dataDir: 'd' })}`],
    ['a field of the wrong type', `${READY_MARKER}${JSON.stringify({ ...ready, health: 4566 })}`],
    ['not an object', `${READY_MARKER}null`],
  ])('is not read from %s', (_what, line) => {
    expect(parseReadyLine(line)).toBeUndefined();
  });
});
