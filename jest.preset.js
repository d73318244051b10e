// Shared jest settings: @swc/jest transpiles TypeScript (type checking is the `typecheck` target),
// workspace libraries resolve to their sources, and ESM-only packages (aedes and friends) are
// transformed to CommonJS for jest's module system.
const { existsSync } = require('node:fs');
const path = require('node:path');

const esmOnly = ['aedes', 'aedes-[^/]+', 'mqemitter', 'hyperid', 'fastfall', 'fastparallel', 'fastseries', 'reusify', 'retimer', 'uuid', 'p-limit', 'yocto-queue', '@bsull/augurs'];

const libs = {
  schema: 'libs/schema/src',
  queries: 'libs/queries/src',
  'timestream-local': 'libs/timestream-local/src',
  'local-cloud-client': 'libs/local-cloud-client/src',
  'local-cloud-core': 'libs/local-cloud-core/src',
  fleet: 'libs/fleet/src',
  dashboard: 'libs/dashboard/src',
  'timestream-writer': 'libs/timestream-writer/src',
  grafana: 'libs/grafana/src',
  analytics: 'libs/analytics/src',
};

const moduleNameMapper = {};
for (const [name, dir] of Object.entries(libs)) {
  moduleNameMapper[`^@iot-timeseries/${name}$`] = path.join(__dirname, dir, 'index.ts');
  const testing = path.join(__dirname, dir, 'testing.ts');
  if (existsSync(testing)) moduleNameMapper[`^@iot-timeseries/${name}/testing$`] = testing;
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj|cj)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/cdktf.out/'],
  // jest's 5 s default is met by a DuckDB open or a server start on a loaded 2-core machine; a test that needs
  // longer says so itself.
  testTimeout: 30_000,
};
