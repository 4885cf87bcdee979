import { apiError } from '../shared/api-error';

function detail(err: unknown, key: string): unknown {
  const details = apiError(err)?.details;
  return details && typeof details === 'object' && key in details
    ? (details as Record<string, unknown>)[key]
    : undefined;
}

/** `details.problems` of a refused publication: every broken rule, in the server's words. */
export function publishProblems(err: unknown): string[] {
  const problems = detail(err, 'problems');
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
}

/** `details.reasons` of organization.ineligible, as messages. */
export function ineligibleReasons(err: unknown): string[] {
  const reasons = detail(err, 'reasons');
  if (!Array.isArray(reasons)) return [];
  return reasons
    .map((r) =>
      r && typeof r === 'object' && 'message' in r ? String((r as { message: unknown }).message) : '',
    )
    .filter(Boolean);
}

/** A numeric detail, e.g. `details.missing` of a refused award or `details.availableFen`. */
export function numberDetail(err: unknown, key: string): number | null {
  const value = detail(err, key);
  return typeof value === 'number' ? value : null;
}
