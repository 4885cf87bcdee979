/** A Date as the API's calendar date (YYYY-MM-DD), in local time as the user picked it. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today, as the API's calendar date. */
export const today = (): string => isoDate(new Date());
