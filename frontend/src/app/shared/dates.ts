const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the API's calendar date (YYYY-MM-DD), in local time as the user picked it. */
export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today, as the API's calendar date. */
export const today = (): string => isoDate(new Date());

/** A Date as a form's local date-time text (`YYYY-MM-DDTHH:mm:ss`, what the date-time picker holds). */
export function localDateTime(date: Date): string {
  return `${isoDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A form's local date (`YYYY-MM-DD`) or date-time text as a Date; null when empty or invalid. */
export function parseLocal(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A form's local date-time text as the API's instant (ISO, UTC); null when empty or invalid. */
export const localToInstant = (text: string | null | undefined): string | null =>
  parseLocal(text)?.toISOString() ?? null;
