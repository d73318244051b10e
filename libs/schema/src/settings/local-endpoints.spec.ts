import { LOCAL_ENDPOINTS, LOCAL_PLACEHOLDER_CREDENTIALS, localHttpUrl, localMqttUrl } from '../index';

describe('local endpoints', () => {
  it('puts the local stand-ins on the loopback address at their default ports', () => {
    expect(LOCAL_ENDPOINTS).toEqual({ mqtt: 'mqtt://127.0.0.1:1883', timestream: 'http://127.0.0.1:8000', health: 'http://127.0.0.1:4566', s3: 'http://127.0.0.1:4568' });
  });

  it('builds the URL of another port or loopback name', () => {
    expect(localMqttUrl(1999)).toBe('mqtt://127.0.0.1:1999');
    expect(localHttpUrl(18123, 'localhost')).toBe('http://localhost:18123');
  });

  it('has placeholder credentials that cannot pass for AWS keys', () => {
    expect(LOCAL_PLACEHOLDER_CREDENTIALS.accessKeyId).not.toMatch(/^(AKIA|ASIA)/);
    expect(LOCAL_PLACEHOLDER_CREDENTIALS.secretAccessKey.length).toBeLessThan(40);
  });
});
