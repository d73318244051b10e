import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const QUERY_DIR = resolve(__dirname, '../../src/query');

/** Every .ts file below `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The files under the query folder that `file` imports or re-exports from (type-only imports included). */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']*)'/gms)].map((m) => m[1]);
  return specifiers
    .map((specifier) => resolve(dirname(file), `${specifier}.ts`))
    .filter((path) => path.startsWith(QUERY_DIR) && existsSync(path));
}

/** One import cycle (as a list of files, first repeated last), or undefined when the graph has none. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file];
    if (done.has(file)) return undefined;
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('src/query import graph', () => {
  const graph = new Map(sourceFiles(QUERY_DIR).map((file) => [file, localImports(file)]));

  it('is read from the sources (the parser and translator modules import one another)', () => {
    const imports = (file: string): string[] => (graph.get(join(QUERY_DIR, file)) ?? []).map((f) => relative(QUERY_DIR, f));
    expect(imports('parser.ts')).toContain('parse/statements.ts');
    expect(imports('translate/expressions.ts')).toContain('translate/functions.ts');
    expect(imports('translate/functions.ts')).toContain('translate/context.ts');
  });

  it('has no cycles', () => {
    expect(findCycle(graph)?.map((f) => relative(QUERY_DIR, f))).toBeUndefined();
  });

  it('finds a cycle when there is one', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
  });
});
