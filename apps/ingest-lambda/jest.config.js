module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ingest-lambda',
  rootDir: __dirname,
};
