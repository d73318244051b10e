module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ingest-lambda',
  rootDir: __dirname,
  // integration tests load dist/apps/ingest-lambda/index.js: build it first
  globalSetup: '<rootDir>/test/global-setup.ts',
};
