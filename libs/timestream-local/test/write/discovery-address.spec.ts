import { discoveryAddress, hostOf } from '../../src/protocol/discovery-address';

describe('DescribeEndpoints address', () => {
  const js = 'aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/timestream-write#3.700.0';
  const go = 'APN/1.0 HashiCorp/1.0 Terraform/1.11.4 (+https://www.terraform.io) terraform-provider-aws/5.100.0 aws-sdk-go-v2/1.36.3 ua/2.1 os/linux lang/go#1.24.2 api/timestreamwrite#1.31.2';
  const java = 'aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17 Java/17 vendor/Debian io/sync http/Apache cfg/retry-mode/legacy';
  const cliV1 = 'aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython cfg/retry-mode#legacy botocore/1.43.11';
  const cliV2Debian = 'aws-cli/2.9.19 Python/3.11.2 Linux/6.18.44-fc-v669 source/x86_64.debian.12 prompt/off command/timestream-write.list-databases';
  const cliV2 = 'aws-cli/2.17.0 md/Botocore#1.34.0 ua/2.0 os/linux';
  const boto3Debian = 'Boto3/1.26.27 Python/3.11.2 Linux/6.18.44 Botocore/1.29.27';
  const awswrangler = 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux lang/python#3.11 Botocore/1.34.0 awswrangler/3.9.0';
  const at = (host: string | undefined, userAgent?: string, extra: Record<string, string> = {}) =>
    discoveryAddress({ ...(host === undefined ? {} : { host }), ...(userAgent === undefined ? {} : { 'user-agent': userAgent }), ...extra });

  it('is the bare host for the JavaScript SDK, which keeps its own scheme and port', () => {
    expect(at('127.0.0.1:8000', js)).toBe('127.0.0.1');
    expect(at('localhost:8000', js)).toBe('localhost');
  });

  it('is host:port for the Go SDK (Terraform) and the Java SDK, which replace host and port', () => {
    expect(at('127.0.0.1:8000', go)).toBe('127.0.0.1:8000');
    expect(at('[::1]:8000', go)).toBe('[::1]:8000');
    expect(at('127.0.0.1:8000', java)).toBe('127.0.0.1:8000');
  });

  it('is an http URL for botocore (boto3, the AWS CLI v1 and v2, awswrangler), which puts https:// before an address without a scheme', () => {
    for (const ua of [cliV1, cliV2, cliV2Debian, boto3Debian, awswrangler]) expect([ua, at('127.0.0.1:8000', ua)]).toEqual([ua, 'http://127.0.0.1:8000']);
    expect(at('localhost:9123', 'aws-sdk-ruby3/3.190.0 ua/2.0 api/timestream_write#1.0 os/linux')).toBe('http://localhost:9123');
  });

  it('recognises botocore by its x-amz-api-version header when the User-Agent was replaced', () => {
    expect(at('127.0.0.1:8000', 'my-app/1.0', { 'x-amz-api-version': '2018-11-01' })).toBe('http://127.0.0.1:8000');
    expect(at('127.0.0.1:8000', undefined, { 'x-amz-api-version': '2018-11-01' })).toBe('http://127.0.0.1:8000');
    // the JavaScript SDK's own token wins: it would put the URL into a host name
    expect(at('127.0.0.1:8000', js, { 'x-amz-api-version': '2018-11-01' })).toBe('127.0.0.1');
  });

  it('is https behind a TLS-terminating proxy that says so', () => {
    expect(at('timestream.example.internal', cliV1, { 'x-forwarded-proto': 'https' })).toBe('https://timestream.example.internal');
    expect(at('timestream.example.internal:8443', cliV1, { 'x-forwarded-proto': 'HTTPS, http' })).toBe('https://timestream.example.internal:8443');
    expect(at('127.0.0.1:8000', cliV1, { 'x-forwarded-proto': 'http' })).toBe('http://127.0.0.1:8000');
  });

  it('is the bare host for unknown clients and defaults to 127.0.0.1 without a Host header', () => {
    expect(at('127.0.0.1:8000', 'curl/8.5.0')).toBe('127.0.0.1');
    expect(at('127.0.0.1:8000', undefined)).toBe('127.0.0.1');
    expect(at(undefined, go)).toBe('127.0.0.1');
    expect(at(undefined, cliV1)).toBe('127.0.0.1');
  });

  it('strips the port from IPv4, names and bracketed IPv6 hosts', () => {
    expect(hostOf('[::1]:8000')).toBe('[::1]');
    expect(hostOf('example.internal')).toBe('example.internal');
    expect(hostOf('10.0.0.1:443')).toBe('10.0.0.1');
  });
});
