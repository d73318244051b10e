module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'timestream-writer',
  rootDir: __dirname,
};
