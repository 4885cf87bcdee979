// Shared jest set-up for the Node workspaces: TypeScript as ES modules (NestJS 12 ships ESM),
// transpiled only (types are checked by `npm run lint`), one file at a time against the real services.
// The workers' suites take two at a time (each file has its own schema and queue prefix); the backend's
// did too, until the concurrent first-admin setup test once saw both setups succeed (not yet explained).
module.exports = {
  testEnvironment: 'node',
  maxWorkers: 1,
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // Generous: a migrated, seeded schema per suite takes seconds alone, minutes on a busy 2-core machine.
  testTimeout: 90000,
  setupFiles: ['<rootDir>/../jest.setup.mjs'],
};
