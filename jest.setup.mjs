// Evaluate NestJS's ES modules before any CommonJS package (e.g. @nestjs/throttler, nestjs-pino)
// require()s them, which jest's module runtime would otherwise refuse as a require(esm) cycle.
await import('@nestjs/common');
await import('@nestjs/core');
