import { JOB_NAMES } from '@sanshe/backend/jobs/catalogue.js';
import { assertEveryJobHandled } from './job-handlers.js';

describe('assertEveryJobHandled', () => {
  it('refuses a handler table that misses a job of the catalogue, naming it', () => {
    expect(() => assertEveryJobHandled({})).toThrow(`no handler for job(s): ${JOB_NAMES.join(', ')}`);
  });

  it('accepts a table with a handler for every job', () => {
    const all = Object.fromEntries(JOB_NAMES.map((n) => [n, async () => undefined]));
    expect(() => assertEveryJobHandled(all)).not.toThrow();
  });
});
