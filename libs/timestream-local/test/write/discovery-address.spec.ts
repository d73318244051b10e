import { discoveryAddress, hostOf } from '../../src/protocol/discovery-address';

describe('DescribeEndpoints address', () => {
  const js = 'aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/timestream-write#3.700.0';
  const go = 'APN/1.0 HashiCorp/1.0 Terraform/1.11.4 (+https://www.terraform.io) terraform-provider-aws/5.100.0 aws-sdk-go-v2/1.36.3 ua/2.1 os/linux lang/go#1.24.2 api/timestreamwrite#1.31.2';
  const boto = 'aws-cli/2.17.0 md/Botocore#1.34.0 ua/2.0 os/linux';

  it('is the bare host for the JavaScript SDK, which keeps its own port', () => {
    expect(discoveryAddress('127.0.0.1:8000', js)).toBe('127.0.0.1');
    expect(discoveryAddress('localhost:8000', js)).toBe('localhost');
  });

  it('keeps the port for the Go SDK (Terraform) and botocore, which swap host and port', () => {
    expect(discoveryAddress('127.0.0.1:8000', go)).toBe('127.0.0.1:8000');
    expect(discoveryAddress('127.0.0.1:8000', 'Boto3/1.34.0 Python/3.11 Botocore/1.34.0')).toBe('127.0.0.1:8000');
    expect(discoveryAddress('127.0.0.1:8000', boto)).toBe('127.0.0.1:8000');
    expect(discoveryAddress('[::1]:8000', go)).toBe('[::1]:8000');
  });

  it('is the bare host for unknown clients and defaults to 127.0.0.1 without a Host header', () => {
    expect(discoveryAddress('127.0.0.1:8000', 'curl/8.5.0')).toBe('127.0.0.1');
    expect(discoveryAddress('127.0.0.1:8000', undefined)).toBe('127.0.0.1');
    expect(discoveryAddress(undefined, go)).toBe('127.0.0.1');
  });

  it('strips the port from IPv4, names and bracketed IPv6 hosts', () => {
    expect(hostOf('[::1]:8000')).toBe('[::1]');
    expect(hostOf('example.internal')).toBe('example.internal');
    expect(hostOf('10.0.0.1:443')).toBe('10.0.0.1');
  });
});
