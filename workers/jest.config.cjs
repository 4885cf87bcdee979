const preset = require('../jest.preset.cjs');
// Tests run the backend's TypeScript sources directly, so they never depend on a stale build.
module.exports = {
  ...preset,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  moduleNameMapper: {
    '^@sanshe/backend/(.*)\\.js$': '<rootDir>/../backend/src/$1',
    '^@sanshe/fake-stripe$': '<rootDir>/../tools/fake-stripe/src/index.ts',
    ...preset.moduleNameMapper,
  },
};
