// Unit tests: jest-preset-angular (CommonJS flavour) in jsdom, zoneless like the app.
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  // The preset's own jsdom environment, so no separate jest-environment-jsdom is needed.
  ...createCjsPreset({ testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env' }),
  setupFilesAfterEnv: ['<rootDir>/setup-jest.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // `npm test` runs these beside the backend's suites on two cores: a page's spec that renders and
  // answers a dozen calls takes a few seconds then, over jest's default of five.
  testTimeout: 20000,
};
