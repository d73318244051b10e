import nx from '@nx/eslint-plugin';

// Module boundaries, enforced from the Nx project tags (direct imports):
// - apps import only libraries (type:lib), never another app; libraries import only libraries;
// - the emulators (libs/timestream-local, libs/local-cloud-core) are tagged type:emulator (not
//   type:lib), so they are importable only where the second block allows it: the local cloud (its
//   CLI and its core), system tests, and tests, benchmarks and test helpers;
// - system tests (type:e2e) import libraries and emulators; they reach apps only as processes
//   (implicit dependencies in their project.json), never by import.
const boundaries = (emulatorAllowed) => {
  const libs = emulatorAllowed ? ['type:lib', 'type:emulator'] : ['type:lib'];
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: libs },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: libs },
        { sourceTag: 'type:emulator', onlyDependOnLibsWithTags: libs },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:emulator'] },
      ],
    },
  ];
};

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
      'libs/local-cloud-core/**/*.ts',
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
