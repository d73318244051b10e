import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { MissingArtifactError } from './errors';

export interface LambdaArtifact {
  path: string;
  /** base64 SHA-256 of the zip: Lambda's source_code_hash, so a new build redeploys. */
  sha256Base64: string;
}

/** The ingest Lambda's built zip; fails naming the build command when it is missing. */
export function lambdaArtifact(path: string): LambdaArtifact {
  if (!existsSync(path)) {
    throw new MissingArtifactError(`the ingest Lambda artifact ${path} does not exist; build it with: npx nx run ingest-lambda:build`);
  }
  return { path, sha256Base64: createHash('sha256').update(readFileSync(path)).digest('base64') };
}
