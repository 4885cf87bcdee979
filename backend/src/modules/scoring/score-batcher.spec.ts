import { ScoreBatcher } from './score-batcher.js';

/** A run function that records its batches and finishes when `release` is called (or at once). */
function recorder(opts: { hold?: boolean; fails?: string } = {}) {
  const runs: string[][] = [];
  let release: () => void = () => undefined;
  const run = async (ids: string[]) => {
    runs.push(ids);
    if (opts.hold) await new Promise<void>((r) => (release = r));
    if (opts.fails && ids.includes(opts.fails)) throw new Error(`${opts.fails} cannot be scored`);
  };
  return { runs, run, release: () => release() };
}
/** Lets pending macrotasks (the batcher starts its runs in one) and the promises they settle go first. */
const ticks = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('ScoreBatcher', () => {
  it('runs the organizations asked for in the same tick together, once each', async () => {
    const r = recorder();
    const batcher = new ScoreBatcher(r.run);
    const ids = Array.from({ length: 40 }, (_, i) => `org-${i}`);
    await Promise.all([...ids, 'org-0', 'org-1'].map((id) => batcher.recompute(id)));
    expect(r.runs).toEqual([ids]);
  });

  it('gathers what is asked during a run into the next one', async () => {
    const r = recorder({ hold: true });
    const batcher = new ScoreBatcher(r.run);
    const first = batcher.recompute('a');
    await ticks();
    expect(r.runs).toEqual([['a']]);
    const later = [batcher.recompute('b'), batcher.recompute('c'), batcher.recompute('a')];
    await ticks();
    expect(r.runs).toHaveLength(1); // still running the first
    r.release();
    await first;
    await ticks();
    expect(r.runs).toEqual([['a'], ['b', 'c', 'a']]);
    r.release();
    await Promise.all(later);
  });

  it('fails only the organization whose run fails, running the others of its batch alone', async () => {
    const r = recorder({ fails: 'bad' });
    const batcher = new ScoreBatcher(r.run);
    const results = await Promise.allSettled(['x', 'bad', 'y'].map((id) => batcher.recompute(id)));
    expect(results.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('bad cannot be scored'));
    expect(r.runs).toEqual([['x', 'bad', 'y'], ['x'], ['bad'], ['y']]);
  });

  it('keeps working after a failed run', async () => {
    const r = recorder({ fails: 'bad' });
    const batcher = new ScoreBatcher(r.run);
    await expect(batcher.recompute('bad')).rejects.toThrow('bad cannot be scored');
    await expect(batcher.recompute('good')).resolves.toBeUndefined();
    expect(r.runs).toEqual([['bad'], ['good']]);
  });
});
