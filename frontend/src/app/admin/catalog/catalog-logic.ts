import type { CategoryDto } from '../../api/models';

export const CODE_RULE = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

export interface CategoryNode {
  category: CategoryDto;
  children: CategoryNode[];
}

/** The catalog as a tree in its order; retired entries only when asked. */
export function categoryTree(all: readonly CategoryDto[], showRetired: boolean): CategoryNode[] {
  const shown = all.filter((c) => showRetired || !c.retiredAt);
  const codes = new Set(shown.map((c) => c.code));
  const node = (category: CategoryDto): CategoryNode => ({
    category,
    children: shown.filter((c) => c.parentCode === category.code).map(node),
  });
  return shown.filter((c) => !c.parentCode || !codes.has(c.parentCode)).map(node);
}

/** The version in force: the latest version that added or retired an entry. */
export function catalogVersion(all: readonly CategoryDto[]): number {
  return all.reduce((v, c) => Math.max(v, c.sinceVersion ?? 1, c.retiredInVersion ?? 0), 0);
}

/**
 * What is wrong with a new code under `parentCode` (null when fine): lower-case segments of
 * a–z, 0–9 and '_' joined by '.', a child being its parent's code, '.', and one more segment.
 */
export function codeProblem(code: string, parentCode: string | null): 'format' | 'parent' | null {
  const trimmed = code.trim();
  if (!CODE_RULE.test(trimmed) || trimmed.length > 60) return 'format';
  const dot = trimmed.lastIndexOf('.');
  const parent = dot < 0 ? null : trimmed.slice(0, dot);
  return parent === parentCode ? null : 'parent';
}
