module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-cloud-client',
  rootDir: __dirname,
};
