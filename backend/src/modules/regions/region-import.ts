import { randomUUID } from 'node:crypto';
import type { ImportColumn, ImportRow, RowError } from '../../common/import/table-import.js';
import { PARENT_LEVEL, REGION_LEVELS, type RegionLevel } from './region.entity.js';

/** The region import template: one row per region, its parent named by the names path from the district. */
export const REGION_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'level', header: '级别', example: '社区', required: true },
  { key: 'name', header: '名称', example: '春晖社区', required: true },
  { key: 'parent', header: '上级', example: '示范区/阳光街道' },
];

const HEADER = Object.fromEntries(REGION_IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<
  'level' | 'name' | 'parent',
  string
>;

/** The level cell in English or in Chinese. */
const LEVEL_WORDS: Record<string, RegionLevel> = {
  ...Object.fromEntries(REGION_LEVELS.map((l) => [l, l])),
  区: 'district',
  街道: 'street',
  社区: 'community',
  网格: 'grid',
};

export const NAME_MAX = 60;

/** A live region as the import sees it. */
export interface LiveRegion {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  path: string;
}

/** A region the import will create (parents before children). */
export interface NewRegion {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  path: string;
}

interface Known {
  id: string;
  level: RegionLevel;
  path: string;
  /** The file's line for a region of this import; absent for one already in the database. */
  line?: number;
}

/** '示范区 / 阳光街道' → '示范区/阳光街道': how import files name a region (the key of `byNamesPath`). */
export const namesKey = (text: string) =>
  text
    .split('/')
    .map((s) => s.trim())
    .join('/');

/** Live regions by their names from the district down ('示范区/阳光街道'); one under a retired region has none. */
export function byNamesPath<R extends LiveRegion>(live: readonly R[]): Map<string, R> {
  const byId = new Map(live.map((r) => [r.id, r]));
  const keyOf = (r: R): string | null => {
    if (!r.parentId) return r.name;
    const parent = byId.get(r.parentId);
    const parentKey = parent ? keyOf(parent) : null;
    return parentKey === null ? null : `${parentKey}/${r.name}`;
  };
  const byKey = new Map<string, R>();
  for (const r of live) {
    const key = keyOf(r);
    if (key !== null) byKey.set(key, r);
  }
  return byKey;
}

/**
 * Checks every row of a region import against the live tree and the rows above it, and lists what
 * to create. A parent is named by the names from the district down ('示范区/阳光街道'), found in the
 * database or on an earlier row; its level must be the one above the row's. Every problem is a row
 * error: the caller applies `regions` only when `errors` is empty.
 */
export function planRegionImport(
  rows: readonly ImportRow[],
  live: readonly LiveRegion[],
): { errors: RowError[]; regions: NewRegion[] } {
  const known = new Map<string, Known>(
    [...byNamesPath(live)].map(([key, r]) => [key, { id: r.id, level: r.level, path: r.path }]),
  );

  const errors: RowError[] = [];
  const regions: NewRegion[] = [];
  for (const { line, values } of rows) {
    const fail = (column: keyof typeof HEADER, message: string) =>
      errors.push({ line, column: HEADER[column], message });
    // Empty required cells are reported by missingCells.
    const level = values.level ? LEVEL_WORDS[values.level.toLowerCase()] : undefined;
    if (values.level && !level)
      fail(
        'level',
        `级别 "${values.level}" is not one of district, street, community, grid (区, 街道, 社区, 网格)`,
      );
    const name = values.name;
    let nameOk = Boolean(name);
    if (name && (name.length > NAME_MAX || name.includes('/'))) {
      fail('name', `名称 must be at most ${NAME_MAX} characters without "/"`);
      nameOk = false;
    }
    if (!level) continue;

    const parentKey = values.parent ? namesKey(values.parent) : '';
    let parent: Known | null = null;
    let parentOk = true;
    const wanted = PARENT_LEVEL[level];
    if (wanted === null) {
      if (parentKey) {
        fail('parent', 'A district has no parent: leave 上级 empty');
        parentOk = false;
      }
    } else if (!parentKey) {
      fail('parent', `上级 is required for a ${level}: the names from the district down, joined by "/"`);
      parentOk = false;
    } else {
      parent = known.get(parentKey) ?? null;
      if (!parent) {
        fail('parent', `上级 "${parentKey}" is neither a live region nor a row above this one`);
        parentOk = false;
      } else if (parent.level !== wanted) {
        fail(
          'parent',
          `上级 "${parentKey}" is a ${parent.level}; the parent of a ${level} must be a ${wanted}`,
        );
        parentOk = false;
      }
    }
    if (!nameOk) continue;

    const key = parentKey ? `${parentKey}/${name}` : name;
    const same = known.get(key);
    if (same) {
      fail('name', same.line ? `Same region as line ${same.line}` : `"${key}" already exists`);
      continue;
    }
    const id = randomUUID();
    const path = parentOk ? `${parent?.path ?? '/'}${id}/` : '';
    known.set(key, { id, level, path, line });
    regions.push({ id, name, level, parentId: parent?.id ?? null, path });
  }
  return { errors, regions };
}
