type Waiter = { resolve: () => void; reject: (err: unknown) => void };

/**
 * Coalesces per-organization score recomputes that arrive while others run: the first request starts a
 * run at once (with whoever asked in the same tick); requests made during a run wait and go together in
 * the next. A burst of events across many organizations (each debounced into its own job, run by the
 * scoring worker concurrently) then costs one set-based statement per run, not a transaction per
 * organization. When a run of several fails, each of them is run alone, so one organization's failure
 * fails only its own job.
 */
export class ScoreBatcher {
  private waiting = new Map<string, Waiter[]>();
  private scheduled = false;
  private running = false;

  constructor(private readonly run: (organizationIds: string[]) => Promise<void>) {}

  /** Settles when a run including the organization, started after this call, has finished. */
  recompute(organizationId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(organizationId) ?? [];
      waiters.push({ resolve, reject });
      this.waiting.set(organizationId, waiters);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.waiting.size === 0) return;
    this.scheduled = true;
    // A macrotask later, so that the requests of the same tick share the run.
    setImmediate(() => {
      this.scheduled = false;
      void this.next();
    });
  }

  private async next(): Promise<void> {
    if (this.running || this.waiting.size === 0) return;
    const batch = this.waiting;
    this.waiting = new Map();
    this.running = true;
    try {
      await this.settle([...batch.keys()], batch);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private async settle(ids: string[], batch: Map<string, Waiter[]>): Promise<void> {
    try {
      await this.run(ids);
      for (const id of ids) for (const w of batch.get(id) ?? []) w.resolve();
    } catch (err) {
      if (ids.length === 1) for (const w of batch.get(ids[0]) ?? []) w.reject(err);
      else for (const id of ids) await this.settle([id], batch);
    }
  }
}
