// Shared jest set-up for the Node workspaces: TypeScript as ES modules (NestJS 12 ships ESM),
// transpiled only (types are checked by `npm run lint`), one file at a time against the real services.
module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testTimeout: 30000,
  setupFiles: ['<rootDir>/../jest.setup.mjs'],
};
