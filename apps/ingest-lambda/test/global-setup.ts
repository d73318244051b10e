import { buildIngestLambda } from '../scripts/build';

/** Integration tests invoke the BUILT handler: build it once before the suites run. */
export default async function globalSetup(): Promise<void> {
  await buildIngestLambda();
}
