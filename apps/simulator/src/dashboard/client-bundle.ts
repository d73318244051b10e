import { build } from 'esbuild';
import path from 'node:path';

/** Bundles the browser code (and uPlot from node_modules) into one script, in memory. */
export async function bundleDashboardClient(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'client', 'app.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export function uplotCssPath(): string {
  return path.join(path.dirname(require.resolve('uplot/package.json')), 'dist', 'uPlot.min.css');
}
