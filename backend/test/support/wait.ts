/** Polls `probe` until it holds, failing with `what` after `ms`: for effects of other processes (workers, webhooks). */
export async function waitFor(
  probe: () => Promise<boolean> | boolean,
  what: string,
  ms = 30000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
