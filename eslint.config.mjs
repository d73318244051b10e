import nx from '@nx/eslint-plugin';

// Module boundaries, enforced from the Nx project tags:
// - apps import only libraries (never another app); libraries import only libraries;
// - the local Timestream server (tag type:emulator) is importable only from apps/local-cloud
//   and from tests, benchmarks and test helpers anywhere.
const layering = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
];
const boundaries = (emulatorAllowed) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: emulatorAllowed
      ? layering
      : [...layering, { sourceTag: '*', notDependOnLibsWithTags: ['type:emulator'] }],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/node_modules', '**/dist', '**/cdktf.out', '**/.terraform', '**/.nx', '**/tmp', '**/*.d.ts', '**/jest.config.js', 'jest.preset.js'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'apps/local-cloud/**/*.ts',
      'libs/timestream-local/**/*.ts',
      '**/*.spec.ts',
      '**/*.test.ts',
      '**/src/testing.ts',
      '**/test/**/*.ts',
      '**/bench/**/*.ts',
    ],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
];
