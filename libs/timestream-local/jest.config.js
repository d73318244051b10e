module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'timestream-local',
  rootDir: __dirname,
};
