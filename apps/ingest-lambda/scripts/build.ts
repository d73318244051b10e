import { build } from 'esbuild';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ZipFile } from 'yazl';

/** Where the artifact goes (the contract with infra and the local Lambda runner). */
export const projectRoot = path.resolve(__dirname, '..');
export const workspaceRoot = path.resolve(projectRoot, '../..');
export const outDir = path.join(workspaceRoot, 'dist/apps/ingest-lambda');
export const bundlePath = path.join(outDir, 'index.js');
export const zipPath = path.join(outDir, 'ingest-lambda.zip');

/** The AutoETS WebAssembly binary the window function loads at its first invocation. */
const WASM = 'ets_bg.wasm';

/** Fixed entry time, so the same bundle always gives the same zip (stable source_code_hash). */
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * Bundles src/main.ts with everything it imports, the AWS SDK included (the version pinned in
 * package.json runs, not whatever the Lambda runtime ships), as one minified CommonJS file for
 * Node.js 22 with a source map, then zips both at the zip root.
 */
export async function buildIngestLambda(): Promise<{ bundleBytes: number; zipBytes: number }> {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(projectRoot, 'src/main.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'eof',
    tsconfig: path.join(projectRoot, 'tsconfig.json'),
    logLevel: 'warning',
    write: false,
  });
  const files = new Map(result.outputFiles.map((f) => [path.basename(f.path), Buffer.from(f.contents)]));
  const zip = new ZipFile();
  // The window function's forecaster (augurs AutoETS) is WebAssembly: its binary ships beside the bundle.
  files.set(WASM, await readFile(path.join(path.dirname(require.resolve('@bsull/augurs/ets')), WASM)));
  for (const name of ['index.js', 'index.js.map', WASM]) zip.addBuffer(required(files, name), name, { mtime: ZIP_MTIME, mode: 0o100644 });
  zip.end();
  const zipBytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
  // Write beside and rename, so a reader (local Lambda runner, a test) never sees half a file.
  const outputs: Array<[string, Buffer]> = [[`${bundlePath}.map`, required(files, 'index.js.map')], [path.join(outDir, WASM), required(files, WASM)], [bundlePath, required(files, 'index.js')], [zipPath, zipBytes]];
  for (const [file, contents] of outputs) {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, contents);
    await rename(temp, file);
  }
  return { bundleBytes: (await stat(bundlePath)).size, zipBytes: (await stat(zipPath)).size };
}

function required(files: Map<string, Buffer>, name: string): Buffer {
  const contents = files.get(name);
  if (!contents) throw new Error(`esbuild produced no ${name}`);
  return contents;
}

if (require.main === module) {
  buildIngestLambda().then(
    ({ bundleBytes, zipBytes }) => {
      console.log(`ingest-lambda: ${path.relative(workspaceRoot, bundlePath)} ${(bundleBytes / 1024).toFixed(0)} KiB, ${path.relative(workspaceRoot, zipPath)} ${(zipBytes / 1024).toFixed(0)} KiB`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
