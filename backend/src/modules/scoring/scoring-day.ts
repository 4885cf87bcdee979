/** The day a scoring run is for: scores cover the rolling 12 months up to today, China Standard Time. */
export const scoringDay = (now = Date.now()): string =>
  new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
