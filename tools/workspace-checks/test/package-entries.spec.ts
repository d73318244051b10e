import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function workspacePackages(): Array<{ dir: string; manifest: { name: string; exports?: Record<string, string>; bin?: Record<string, string> } }> {
  return ['apps', 'libs'].flatMap((group) =>
    readdirSync(path.join(root, group))
      .map((name) => path.join(group, name))
      .filter((dir) => existsSync(path.join(root, dir, 'package.json')))
      .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) })),
  );
}

describe('package entry points', () => {
  const packages = workspacePackages();

  it.each(packages.map((p) => [p.dir, p]))('%s: every export and bin points at a file that exists', (_dir, { dir, manifest }) => {
    const targets = [...Object.values(manifest.exports ?? {}), ...Object.values(manifest.bin ?? {})];
    for (const target of targets) expect({ target, exists: existsSync(path.join(root, dir, target)) }).toEqual({ target, exists: true });
  });

  it('the TypeScript path of every export is the file the package exports', () => {
    const paths = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths as Record<string, string[]>;
    const expected: Record<string, string[]> = {};
    for (const { dir, manifest } of packages) {
      for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
        expected[entry === '.' ? manifest.name : `${manifest.name}/${entry.slice(2)}`] = [path.join(dir, target)];
      }
    }
    expect(paths).toEqual(expected);
  });
});
