const preset = require('../jest.preset.cjs');
module.exports = {
  ...preset,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
};
