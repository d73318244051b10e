module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-cloud-core',
  rootDir: __dirname,
};
