import type { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { SCORING_WINDOW_MS, ScoreTrigger } from '../src/modules/scoring/score-trigger.js';
import type { Env } from '../src/config/env.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
});
afterAll(() => dropSchema(db, env));

describe('the score trigger', () => {
  it('recomputes an organization a window after its first event while events keep coming', async () => {
    const api = await Api.start();
    try {
      const trigger = api.app.get(ScoreTrigger);
      const queue = api.app.get<Queue>(getQueueToken('scoring'), { strict: false });
      const org = '00000000-0000-4000-8000-000000000778';
      const firstAt = Date.now();
      // An event every 200 ms for over 2 s: a debounce that each event extends would keep one job,
      // due only once the stream stops, and the score stale for as long as it lasts.
      for (let i = 0; i < 12; i++) {
        await trigger.organizationChanged(org);
        await new Promise((r) => setTimeout(r, 200));
      }
      const jobs = (await queue.getJobs(['delayed', 'waiting', 'active', 'completed']))
        .filter((j) => j.data.organizationId === org)
        .sort((a, b) => a.timestamp - b.timestamp);
      expect(jobs.length).toBeGreaterThanOrEqual(2);
      expect(jobs.length).toBeLessThanOrEqual(4); // one per window, not one per event
      expect(jobs[0].timestamp + jobs[0].delay).toBeLessThanOrEqual(firstAt + SCORING_WINDOW_MS + 100);
    } finally {
      await api.close();
    }
  });
});
