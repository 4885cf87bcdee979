const preset = require('../jest.preset.cjs');
module.exports = {
  ...preset,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  // The fake Stripe (a dev/test workspace) from its sources, as the tests run everything else.
  moduleNameMapper: {
    '^@sanshe/fake-stripe$': '<rootDir>/../tools/fake-stripe/src/index.ts',
    ...preset.moduleNameMapper,
  },
};
