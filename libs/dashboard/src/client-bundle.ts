import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { DashboardBuildError } from './errors';

const CLIENT_BUILD: BuildOptions = {
  entryPoints: [path.join(__dirname, 'client', 'app.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: false,
  logLevel: 'silent',
};

/** Bundles the browser code (and uPlot from node_modules) into one script, in memory. */
export async function bundleDashboardClient(): Promise<string> {
  try {
    const result = await build({ ...CLIENT_BUILD, write: false });
    return result.outputFiles[0].text;
  } catch (cause) {
    throw new DashboardBuildError(`the dashboard's browser code did not bundle: ${(cause as Error).message}`, { cause });
  }
}

export function uplotCssPath(): string {
  return path.join(path.dirname(require.resolve('uplot/package.json')), 'dist', 'uPlot.min.css');
}
