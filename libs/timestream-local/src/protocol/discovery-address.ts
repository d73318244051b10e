/**
 * The `Address` DescribeEndpoints answers, made from the request's Host header and User-Agent.
 *
 * SDKs use the address differently: the JavaScript SDK v3 replaces only the host name of its
 * configured endpoint (scheme and port kept), so it needs the bare host. The Go SDK v2 (used by
 * the Terraform AWS provider) and botocore replace the whole `host[:port]`, so they need the port
 * too, or they would go to port 80/443. Unknown clients get the bare host, as the service answers.
 */
export function discoveryAddress(host: string | undefined, userAgent: string | undefined): string {
  if (!host) return '127.0.0.1';
  return replacesWholeAuthority(userAgent) ? host : hostOf(host);
}

/** Bare host name of the Host header (no port; IPv6 keeps its brackets). */
export function hostOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

function replacesWholeAuthority(userAgent: string | undefined): boolean {
  return userAgent !== undefined && /\baws-sdk-go(-v2)?\/|\bBotocore[/#]/i.test(userAgent) && !/\baws-sdk-js\b/i.test(userAgent);
}
