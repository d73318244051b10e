module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'query-cli',
  rootDir: __dirname,
};
