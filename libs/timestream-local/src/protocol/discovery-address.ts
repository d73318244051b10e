import type { IncomingHttpHeaders } from 'node:http';

/**
 * The `Address` DescribeEndpoints answers, made from the request's headers. The service answers a bare host name
 * (`ingest-cell1.timestream.us-east-1.amazonaws.com`), which every SDK reaches over https on port 443; this server
 * listens on plain http on some port, and the SDKs put the address into their requests in three ways:
 *
 * - the JavaScript SDK v3 replaces only the host name of its configured endpoint (scheme and port kept): it needs
 *   the bare host (`127.0.0.1`);
 * - the Go SDK v2 (the Terraform AWS provider) and the Java SDK v2 (from its source: the configured endpoint's
 *   scheme with the address as its authority) replace host and port: they need `host:port` (a bare host would
 *   send them to port 80);
 * - botocore (boto3, the AWS CLI v1 and v2, awswrangler) and the Ruby SDK keep an address that starts with `http`
 *   as it is and put `https://` before any other: they need the scheme too (`http://127.0.0.1:8000`), or they
 *   would speak TLS to a plain-http port. Both send `x-amz-api-version` with DescribeEndpoints, which tells them
 *   apart also when their User-Agent was replaced (`Config(user_agent=...)`).
 *
 * Unknown clients get the bare host, as the service answers.
 */
export function discoveryAddress(headers: IncomingHttpHeaders): string {
  const host = headers.host;
  if (!host) return '127.0.0.1';
  const userAgent = headers['user-agent'] ?? '';
  if (KEEPS_SCHEME_AND_PORT.test(userAgent)) return hostOf(host);
  if (KEEPS_SCHEME.test(userAgent)) return host;
  if (TAKES_ADDRESS_AS_URL.test(userAgent) || headers['x-amz-api-version'] !== undefined) return `${schemeOf(headers)}://${host}`;
  return hostOf(host);
}

const KEEPS_SCHEME_AND_PORT = /\baws-sdk-js\b/i;
const KEEPS_SCHEME = /\baws-sdk-(go|go-v2|java)\//i;
/** botocore's own token (`Botocore/1.29.27`, `md/Botocore#1.43.11`), boto3's, the AWS CLI's (v2 before 2.13 names no botocore), Ruby's */
const TAKES_ADDRESS_AS_URL = /\bBotocore[/#]|\bBoto3\/|\baws-cli\/|\baws-sdk-ruby/i;

/** `https` behind a TLS-terminating proxy that says so, else the server's own `http`. */
function schemeOf(headers: IncomingHttpHeaders): 'http' | 'https' {
  const forwarded = headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim().toLowerCase();
  return proto === 'https' ? 'https' : 'http';
}

/** Bare host name of the Host header (no port; IPv6 keeps its brackets). */
export function hostOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}
