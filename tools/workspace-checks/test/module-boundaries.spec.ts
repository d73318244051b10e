import { execFile } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Lints `code` with the repository's ESLint config as if it were the file at `filePath`; returns the boundary rule's messages. */
function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', path.join(root, filePath), '--format', 'json'],
      { cwd: root, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout, stderr) => {
        try {
          const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
          resolve(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message));
        } catch {
          reject(new Error(`eslint did not answer JSON: ${stderr || stdout}`));
        }
      },
    );
    child.stdin?.end(code);
  });
}

jest.setTimeout(60_000);

describe('module boundaries (lint)', () => {
  it('fails a library that imports an app', async () => {
    const errors = await boundaryErrors('libs/queries/src/probe.ts', "import { loadConfig } from '../../../apps/local-cloud/src/config';\nexport const x = loadConfig;\n");
    expect(errors.length).toBeGreaterThan(0);
  });

  it('fails an app that imports another app', async () => {
    const errors = await boundaryErrors('apps/simulator/src/probe.ts', "import { loadConfig } from '../../local-cloud/src/config';\nexport const x = loadConfig;\n");
    expect(errors.length).toBeGreaterThan(0);
  });

  const emulatorImport = "import { startTimestreamLocal } from '@iot-timeseries/timestream-local';\nexport const x = startTimestreamLocal;\n";

  it.each(['apps/ingest-lambda/src/probe.ts', 'apps/simulator/src/probe.ts', 'apps/infra/src/probe.ts', 'libs/queries/src/probe.ts', 'libs/schema/src/probe.ts'])(
    'fails production code of %s that imports the local Timestream server',
    async (file) => {
      expect(await boundaryErrors(file, emulatorImport)).toEqual([expect.stringMatching(/can only depend on libs tagged with "type:lib"/)]);
    },
  );

  it.each(['apps/local-cloud/src/probe.ts', 'apps/ingest-lambda/test/probe.spec.ts', 'libs/queries/test/probe.ts', 'apps/simulator/src/probe.spec.ts', 'libs/queries/src/testing.ts'])(
    'allows %s to import the local Timestream server',
    async (file) => {
      expect(await boundaryErrors(file, emulatorImport)).toEqual([]);
    },
  );

  const coreImport = "import { startLocalCloud } from '@iot-timeseries/local-cloud-core';\nexport const x = startLocalCloud;\n";

  it.each(['apps/simulator/src/probe.ts', 'libs/dashboard/src/probe.ts', 'apps/query-cli/src/probe.ts'])('fails production code of %s that imports the local cloud core', async (file) => {
    expect(await boundaryErrors(file, coreImport)).toEqual([expect.stringMatching(/can only depend on libs tagged with "type:lib"/)]);
  });

  it.each(['apps/local-cloud/src/probe.ts', 'apps/pipeline-e2e/test/probe.ts'])('allows %s to import the local cloud core', async (file) => {
    expect(await boundaryErrors(file, coreImport)).toEqual([]);
  });

  it('fails a system test that imports an app (apps are reached as processes)', async () => {
    const errors = await boundaryErrors('apps/pipeline-e2e/test/probe.ts', "import { loadConfig } from '@iot-timeseries/simulator/src/config';\nexport const x = loadConfig;\n");
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows an app to import a library', async () => {
    expect(await boundaryErrors('apps/simulator/src/probe.ts', "import { timestreamSettings } from '@iot-timeseries/schema';\nexport const x = timestreamSettings;\n")).toEqual([]);
  });
});
