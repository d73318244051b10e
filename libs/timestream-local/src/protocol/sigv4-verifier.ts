import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { InvalidSignatureException, UnrecognizedClientException } from '../errors';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60_000;

function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** Verifies a SigV4 `Authorization` header by recomputing the signature with the configured credentials. */
export async function verifySignature(request: SignedRequest, credentials: Credentials, nowMs: number): Promise<void> {
  const header = request.headers.authorization;
  if (!header) throw new UnrecognizedClientException('The request is not signed: the security token included in the request is invalid.');
  const match = AUTH.exec(header);
  if (!match) throw new InvalidSignatureException('The Authorization header is malformed; expected an AWS4-HMAC-SHA256 signature.');
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = match;
  if (accessKeyId !== credentials.accessKeyId) throw new UnrecognizedClientException();
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !amzDate.startsWith(shortDate)) throw new InvalidSignatureException('The X-Amz-Date header is missing or does not match the credential scope.');
  if (Math.abs(nowMs - signingDate.getTime()) > MAX_SKEW_MS) throw new InvalidSignatureException('Signature expired: the request time is more than 15 minutes away from the server time.');
  const signed = signedHeaderList.split(';');
  if (!signed.includes('host')) throw new InvalidSignatureException('The host header must be signed.');
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value === undefined) throw new InvalidSignatureException(`The signed header ${name} is missing from the request.`);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) {
    throw new InvalidSignatureException('The x-amz-content-sha256 header does not match the request body.');
  }
  const url = new URL(request.url, 'http://localhost');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({ credentials, region, service, sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
  const result = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: 'localhost', path: url.pathname, query, headers, body: request.body },
    { signingDate, signableHeaders: new Set(signed) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(result.headers.authorization))?.[1] ?? '';
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new InvalidSignatureException(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
}
