import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { bundlePath, outDir, zipPath } from '../../scripts/build';
import { startLambdaProcess } from '../support/lambda-process';
import { zipEntryNames } from '../support/zip-entries';

describe('the build artifact (built in globalSetup by the same script as `nx run ingest-lambda:build`)', () => {
  it('is a minified CommonJS bundle with a source map, zipped at the zip root', async () => {
    expect(outDir.endsWith('dist/apps/ingest-lambda')).toBe(true);
    // the window function's AutoETS forecaster is WebAssembly: its binary ships beside the bundle
    expect(await zipEntryNames(zipPath)).toEqual(['index.js', 'index.js.map', 'ets_bg.wasm']);
    const wasm = await readFile(path.join(outDir, 'ets_bg.wasm'));
    expect(wasm.subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d]));
    const code = await readFile(bundlePath, 'utf8');
    expect(code).toContain('//# sourceMappingURL=index.js.map');
    // everything bundled, the AWS SDK included: at run time only Node.js built-ins are required, plus the
    // optional CRT signer the SDK looks for inside a try/catch (only for SigV4a, which Timestream and SQS do not use)
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect([...required].filter((name) => !name.startsWith('node:') && name !== '@aws-sdk/signature-v4-crt')).toEqual([]);
    const map = JSON.parse(await readFile(`${bundlePath}.map`, 'utf8'));
    expect(map.sources.some((s: string) => s.endsWith('apps/ingest-lambda/src/create-ingest-handler.ts'))).toBe(true);
    expect((await stat(bundlePath)).size).toBeGreaterThan(10_000);
  });

  it('exports the ingest handler, the stale-device probe, the rollup-seed function and the window function (index.handler, index.staleDevicesHandler, index.rollupSeedHandler, index.windowHandler)', () => {
    const script = `console.log(Object.keys(require(${JSON.stringify(bundlePath)})).sort().join(','))`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, DATABASE_NAME: 'db', TABLE_NAME: 'tbl' } });
    expect(run.stdout.trim()).toBe('handler,rollupSeedHandler,staleDevicesHandler,windowHandler');
  });

  it('fails at cold start naming the missing variable', async () => {
    await expect(startLambdaProcess(bundlePath, { DATABASE_NAME: 'db' })).rejects.toThrow(/TABLE_NAME/);
  });
});
