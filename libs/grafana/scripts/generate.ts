/**
 * grafana:generate — writes the Grafana bundle (importable dashboard, provisioning files, alert
 * rules, docker-compose) into libs/grafana/bundle/. `--check` only says whether it is up to date.
 */
import path from 'node:path';
import { bundleDifferences, grafanaBundle, writeBundle } from '../src';

const BUNDLE_DIR = path.resolve(__dirname, '../bundle');

function main(argv: readonly string[]): number {
  const files = grafanaBundle();
  if (argv.includes('--check')) {
    const differ = bundleDifferences(BUNDLE_DIR, files);
    if (differ.length === 0) {
      console.log(`${BUNDLE_DIR} is up to date`);
      return 0;
    }
    console.error(`${BUNDLE_DIR} differs from the generator: ${differ.join(', ')}; run npx nx run grafana:generate`);
    return 1;
  }
  for (const file of writeBundle(BUNDLE_DIR, files)) console.log(`wrote ${path.join(path.relative(process.cwd(), BUNDLE_DIR), file)}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
