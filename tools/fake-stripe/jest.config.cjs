const preset = require('../../jest.preset.cjs');
module.exports = {
  ...preset,
  roots: ['<rootDir>/src'],
  testRegex: '\\.spec\\.ts$',
  setupFiles: ['<rootDir>/../../jest.setup.mjs'],
  moduleNameMapper: {
    '^@sanshe/backend/(.*)\\.js$': '<rootDir>/../../backend/src/$1',
    ...preset.moduleNameMapper,
  },
};
