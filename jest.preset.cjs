// Shared jest set-up for the Node workspaces: TypeScript as ES modules (NestJS 12 ships ESM),
// transpiled only (types are checked by `npm run lint`), two files at a time (each in its own schema
// and queue prefix) against the real services.
module.exports = {
  testEnvironment: 'node',
  maxWorkers: 2,
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // Generous: a migrated, seeded schema per suite takes seconds alone, minutes on a busy 2-core machine.
  testTimeout: 90000,
  setupFiles: ['<rootDir>/../jest.setup.mjs'],
};
